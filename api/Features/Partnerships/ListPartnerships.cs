using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace CommunityHub.Api.Features.Partnerships;

/// <summary>
/// Partnerships by id (time-ordered), keyset paged; a municipality-bound API key sees only its municipality.
/// Answers the page already rendered (<see cref="PartnershipPage"/> as JSON, with its ETag): the values go from the
/// database's buffers (<see cref="RowSet"/>) into the response buffer without building strings or response objects.
/// </summary>
public sealed record ListPartnershipsQuery(
    string? Municipality,
    string? Status,
    string? ServiceArea,
    Guid? Member,
    string? UpdatedSince,
    string? Q,
    bool? ReviewDue,
    int? Limit,
    string? Cursor) : IRequest<JsonBody>, IPartnershipFilter;

public sealed class ListPartnershipsValidator : AbstractValidator<ListPartnershipsQuery>
{
    public const string CursorKind = "partnerships";

    public ListPartnershipsValidator()
    {
        Include(new PartnershipFilterValidator());
        this.PagingRules(q => q.Limit, q => q.Cursor, CursorKind, 1);
    }
}

public sealed class ListPartnershipsHandler(
    Db db, ICurrentUser user, TimeProvider clock, IOptions<JsonOptions> json, PartnershipMemberNames memberNames)
    : IRequestHandler<ListPartnershipsQuery, JsonBody>
{
    public async Task<JsonBody> Handle(ListPartnershipsQuery request, CancellationToken ct)
    {
        var keyset = Keyset.From(ListPartnershipsValidator.CursorKind, 1, request.Limit, request.Cursor);
        var options = json.Value.SerializerOptions;
        await using var connection = await db.OpenAsync(ct);

        // The stored documents first (PartnershipDocuments); the tables when one is missing or behind.
        using (var documents = await db.Dialect.QueryRowsAsync(connection, Command(PartnershipDocuments.PageColumns, PartnershipDocuments.PageFrom, keyset, request, ct)))
        {
            var (count, nextCursor) = keyset.Page(documents.Count, i => [documents.Id(i, PartnershipData.IdColumn).ToString()]);
            if (await PartnershipDocuments.PageAsync(documents, count, nextCursor, memberNames, connection, db.Dialect, options, ct) is { } page)
            {
                return page;
            }
        }

        using var rows = await db.Dialect.QueryRowsAsync(connection, Command(PartnershipData.Columns, "partnerships p", keyset, request, ct));
        var (rowCount, rowsNextCursor) = keyset.Page(rows.Count, i => [rows.Id(i, PartnershipData.IdColumn).ToString()]);
        using var children = await PartnershipData.ChildRowsAsync(db.Dialect, connection, null, rows, rowCount, ct);
        return PartnershipJson.Page(rows, rowCount, children, rowsNextCursor, options);
    }

    private CommandDefinition Command(string columns, string from, Keyset keyset, ListPartnershipsQuery request, CancellationToken ct)
    {
        var sql = new StringBuilder($"SELECT {columns} FROM {from} WHERE p.deleted_at IS NULL");
        var parameters = new DynamicParameters();
        PartnershipFilterSql.Apply(sql, parameters, db.Dialect, request, user, PartnershipDates.Today(clock));
        if (keyset.After is not null)
        {
            sql.Append(" AND p.id > @After");
            parameters.Add("After", keyset.AfterKey());
        }
        sql.Append(" ORDER BY p.id ").Append(db.Dialect.Limit("@Take"));
        parameters.Add("Take", keyset.Take);
        return new CommandDefinition(sql.ToString(), parameters, cancellationToken: ct);
    }
}
