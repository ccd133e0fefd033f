using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace CommunityHub.Api.Features.Members;

/// <summary>Members in Finnish alphabetical order (… Z, Å, Ä, Ö), then id; the cursor holds the last (sort key, id).</summary>
public sealed record ListMembersQuery(
    string? Q,
    string? Kind,
    string? Sector,
    string? Municipality,
    string? Status,
    int? Limit,
    string? Cursor) : IRequest<JsonBody>;

public sealed class ListMembersValidator : AbstractValidator<ListMembersQuery>
{
    public const string CursorKind = "members";

    public ListMembersValidator()
    {
        RuleFor(q => q.Q).MaximumLength(200);
        RuleFor(q => q.Kind).Must(k => EnumText.TryParse<MemberKind>(k, out _)).When(q => q.Kind is not null)
            .WithMessage(_ => Texts.Get("filter.kind", EnumText.Allowed<MemberKind>()));
        RuleFor(q => q.Sector).Must(s => EnumText.TryParse<Sector>(s, out _)).When(q => q.Sector is not null)
            .WithMessage(_ => Texts.Get("filter.sector", EnumText.Allowed<Sector>()));
        RuleFor(q => q.Status).Must(s => EnumText.TryParse<MembershipStatus>(s, out _)).When(q => q.Status is not null)
            .WithMessage(_ => Texts.Get("filter.status", EnumText.Allowed<MembershipStatus>()));
        RuleFor(q => q.Municipality).MunicipalityFilter().When(q => q.Municipality is not null);
        this.PagingRules(q => q.Limit, q => q.Cursor, CursorKind, 2);
    }
}

/// <summary>Answers the page already rendered (<see cref="MemberPage"/> as JSON, with its ETag), written from the rows.</summary>
public sealed class ListMembersHandler(Db db, IOptions<JsonOptions> json) : IRequestHandler<ListMembersQuery, JsonBody>
{
    public async Task<JsonBody> Handle(ListMembersQuery request, CancellationToken ct)
    {
        var keyset = Keyset.From(ListMembersValidator.CursorKind, 2, request.Limit, request.Cursor);
        var options = json.Value.SerializerOptions;
        await using var connection = await db.OpenAsync(ct);

        // The stored documents first (MemberDocuments); the tables when one is missing or behind.
        using (var documents = await db.Dialect.QueryRowsAsync(connection, Command(MemberDocuments.PageColumns, MemberDocuments.PageFrom, keyset, request, ct)))
        {
            var (count, nextCursor) = keyset.Page(
                documents.Count, i => [documents.Text(i, MemberDocuments.NameSortColumn)!, documents.Id(i, MemberData.IdColumn).ToString()]);
            if (MemberDocuments.Page(documents, count, nextCursor, options) is { } page)
            {
                return page;
            }
        }

        using var rows = await db.Dialect.QueryRowsAsync(connection, Command(MemberData.Columns, "members m", keyset, request, ct));
        var (rowCount, rowsNextCursor) = keyset.Page(
            rows.Count, i => [rows.Text(i, MemberData.NameSortColumn)!, rows.Id(i, MemberData.IdColumn).ToString()]);
        using var sectors = await MemberData.SectorRowsAsync(db.Dialect, connection, rows, rowCount, ct);
        return MemberJson.Page(rows, rowCount, sectors, rowsNextCursor, options);
    }

    private CommandDefinition Command(string columns, string from, Keyset keyset, ListMembersQuery request, CancellationToken ct)
    {
        var sql = new StringBuilder($"SELECT {columns} FROM {from} WHERE m.deleted_at IS NULL");
        var parameters = new DynamicParameters();
        if (!string.IsNullOrWhiteSpace(request.Q))
        {
            sql.Append(" AND ").Append(db.Dialect.Contains("m.name_search", "@Q"));
            parameters.Add("Q", SqlDialect.LikePattern(FinnishText.SearchKey(request.Q)));
        }
        if (request.Kind is not null)
        {
            sql.Append(" AND m.kind = @Kind");
            parameters.Add("Kind", request.Kind);
        }
        if (request.Municipality is not null)
        {
            sql.Append(" AND m.municipality_code = @Municipality");
            parameters.Add("Municipality", request.Municipality);
        }
        if (request.Status is not null)
        {
            sql.Append(" AND m.membership_status = @Status");
            parameters.Add("Status", request.Status);
        }
        if (request.Sector is not null)
        {
            sql.Append(" AND EXISTS (SELECT 1 FROM member_sectors s WHERE s.member_id = m.id AND s.sector = @Sector)");
            parameters.Add("Sector", request.Sector);
        }
        if (keyset.After is not null)
        {
            sql.Append(" AND (m.name_sort > @AfterSort OR (m.name_sort = @AfterSort AND m.id > @AfterId))");
            parameters.Add("AfterSort", keyset.AfterKey(0));
            parameters.Add("AfterId", keyset.AfterKey(1));
        }
        sql.Append(" ORDER BY m.name_sort, m.id ").Append(db.Dialect.Limit("@Take"));
        parameters.Add("Take", keyset.Take);
        return new CommandDefinition(sql.ToString(), parameters, cancellationToken: ct);
    }
}
