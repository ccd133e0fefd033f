
namespace CommunityHub.Api.Features.Partnerships.Reviews;

public sealed record ListPartnershipReviewsQuery(Guid PartnershipId, int? Limit, string? Cursor) : IRequest<PartnershipReviewPage>, IPagedQuery
{
    public static string CursorKind => "partnership-reviews";

    public static int CursorKeys => 2;
}

/// <summary>A partnership's reviews by review date (then id), keyset paged.</summary>
public sealed class ListPartnershipReviewsHandler(Db db, ICurrentUser user) : IRequestHandler<ListPartnershipReviewsQuery, PartnershipReviewPage>
{
    private const string DateFormat = "yyyy-MM-dd";

    public async Task<PartnershipReviewPage> Handle(ListPartnershipReviewsQuery request, CancellationToken ct)
    {
        var keyset = Keyset.For(request);
        DateOnly? afterDate = keyset.AfterKey(0) is not { } dateKey ? null
            : DateOnly.TryParseExact(dateKey, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date
            : throw new FieldValidationException("cursor", Texts.Get("cursor.invalid"));
        await using var connection = await db.OpenAsync(ct);
        await PartnershipData.GetOrThrowAsync(connection, null, request.PartnershipId, user, ct);
        var rows = await ReviewData.ReadAsync(
            connection,
            null,
            $"""
            r.partnership_id = @PartnershipId
            AND (@AfterId IS NULL OR r.reviewed_on > @AfterDate OR (r.reviewed_on = @AfterDate AND r.id > @AfterId))
            ORDER BY r.reviewed_on, r.id {db.Dialect.Limit("@Take")}
            """,
            new { request.PartnershipId, AfterDate = afterDate, AfterId = keyset.AfterKey(1), keyset.Take },
            ct);
        var page = keyset.Page(rows, r => [r.ReviewedOn.ToString(DateFormat, CultureInfo.InvariantCulture), r.Id.ToString()]);
        return new PartnershipReviewPage(page.Items.Select(r => ReviewData.ForCaller(r, user)).ToList(), page.NextCursor);
    }
}
