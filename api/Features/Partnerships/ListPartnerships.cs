using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace CommunityHub.Api.Features.Partnerships;

/// <summary>
/// Partnerships by id (time-ordered), keyset paged; a municipality-bound API key sees only its municipality.
/// Answers the page rendered (<see cref="PartnershipPage"/> as JSON, with its ETag): from the stored documents when
/// every one is current (<see cref="PartnershipDocuments"/>), else from the tables.
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
    string? Cursor) : IRequest<JsonBody>, IPartnershipFilter, IPagedQuery
{
    public static string CursorKind => "partnerships";
}

public sealed class ListPartnershipsValidator : AbstractValidator<ListPartnershipsQuery>
{
    public ListPartnershipsValidator()
    {
        Include(new PartnershipFilterValidator());
    }
}

public sealed class ListPartnershipsHandler(
    Db db, ICurrentUser user, TimeProvider clock, IOptions<JsonOptions> json, PartnershipDocuments documents)
    : IRequestHandler<ListPartnershipsQuery, JsonBody>
{
    private static readonly KeyColumn[] Keys = [KeyColumn.Id("p.id")];

    public async Task<JsonBody> Handle(ListPartnershipsQuery request, CancellationToken ct)
    {
        var keyset = Keyset.For(request);
        var today = PartnershipDates.Today(clock);
        await using var connection = await db.OpenAsync(ct);

        var query = PartnershipFilterSql.Query(db.Dialect, request, user, today);
        var stored = await query.PageAsync<DocumentRow>(
            connection, documents.PageColumns(query, "p"), keyset, Keys, r => [r.Id.ToString()], ct, documents.PageJoin("p"));
        if (documents.Page(stored.Items, stored.NextCursor) is { } page)
        {
            return page;
        }

        var rows = await PartnershipFilterSql.Query(db.Dialect, request, user, today)
            .PageAsync<PartnershipRow>(connection, PartnershipData.Columns, keyset, Keys, r => [r.Id.ToString()], ct);
        var items = await PartnershipData.WithDetailsAsync(db.Dialect, connection, null, rows.Items, ct);
        return JsonBody.Serialize(
            new PartnershipPage(items, rows.NextCursor),
            ETags.ForPage(rows.Items.Select(r => (r.Id, r.Version)), rows.NextCursor),
            json.Value.SerializerOptions);
    }
}
