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
    string? Cursor) : IRequest<JsonBody>, IPagedQuery
{
    public static string CursorKind => "members";

    public static int CursorKeys => 2;
}

public sealed class ListMembersValidator : AbstractValidator<ListMembersQuery>
{
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
    }
}

/// <summary>
/// Answers the page rendered (<see cref="MemberPage"/> as JSON, with its ETag): from the stored documents when every one
/// is current (<see cref="MemberDocuments"/>), else from the tables.
/// </summary>
public sealed class ListMembersHandler(Db db, IOptions<JsonOptions> json, MemberDocuments documents) : IRequestHandler<ListMembersQuery, JsonBody>
{
    private static readonly KeyColumn[] Keys = [new("m.name_sort"), KeyColumn.Id("m.id")];

    public async Task<JsonBody> Handle(ListMembersQuery request, CancellationToken ct)
    {
        var keyset = Keyset.For(request);
        await using var connection = await db.OpenAsync(ct);

        var query = Filter(request);
        var stored = await query.PageAsync<DocumentRow>(
            connection, documents.PageColumns(query, "m") + ", m.name_sort AS SortKey", keyset, Keys, r => [r.SortKey!, r.Id.ToString()], ct,
            documents.PageJoin("m"));
        if (documents.Page(stored.Items, stored.NextCursor) is { } page)
        {
            return page;
        }

        var rows = await Filter(request).PageAsync<MemberRow>(connection, MemberData.Columns, keyset, Keys, r => [r.NameSort, r.Id.ToString()], ct);
        var items = await MemberData.WithSectorsAsync(db.Dialect, connection, null, rows.Items, ct);
        return JsonBody.Serialize(
            new MemberPage(items, rows.NextCursor),
            ETags.ForPage(rows.Items.Select(r => (r.Id, r.Version)), rows.NextCursor),
            json.Value.SerializerOptions);
    }

    private ListQuery Filter(ListMembersQuery request) =>
        new ListQuery(db.Dialect, "members m", "m.deleted_at IS NULL")
            .Search("m.name_search", request.Q)
            .Where("m.kind = @Kind", "Kind", request.Kind)
            .Where("m.municipality_code = @Municipality", "Municipality", request.Municipality)
            .Where("m.membership_status = @Status", "Status", request.Status)
            .Where("EXISTS (SELECT 1 FROM member_sectors s WHERE s.member_id = m.id AND s.sector = @Sector)", "Sector", request.Sector);
}
