
namespace CommunityHub.Api.Features.Partnerships.Reviews;

/// <summary>One review of a partnership the caller may read, or 404.</summary>
public sealed record GetPartnershipReviewQuery(Guid PartnershipId, Guid ReviewId) : IRequest<PartnershipReviewResponse>;

public sealed class GetPartnershipReviewHandler(Db db, ICurrentUser user) : IRequestHandler<GetPartnershipReviewQuery, PartnershipReviewResponse>
{
    public async Task<PartnershipReviewResponse> Handle(GetPartnershipReviewQuery request, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        await PartnershipData.GetOrThrowAsync(connection, null, request.PartnershipId, user, ct);
        var rows = await ReviewData.ReadAsync(
            connection, null, "r.id = @ReviewId AND r.partnership_id = @PartnershipId", new { request.ReviewId, request.PartnershipId }, ct);
        return rows.Count == 1 ? ReviewData.ForCaller(rows[0], user) : throw new NotFoundException("Review", request.ReviewId);
    }
}
