
namespace CommunityHub.Api.Features.Partnerships.Reviews;

// Reviews are the periodic follow-up of a partnership: progress per goal and the next steps. Recording one moves
// the partnership's nextReviewDue (latest review + interval), so it is also a write of the partnership itself.

/// <summary>What the review handlers share: reading reviews with their goal progress.</summary>
public static class ReviewData
{
    /// <summary>
    /// A review as the caller may see it: an API key does not learn who wrote it (a staff member's name is personal
    /// data), as the partnership and pilot histories leave out who moved them.
    /// </summary>
    internal static PartnershipReviewResponse ForCaller(PartnershipReviewResponse review, ICurrentUser user) =>
        user.IsApiKey ? review with { ReviewedBy = null } : review;

    /// <summary>Reviews matching <paramref name="where"/> (which may end in ORDER BY / a limit), with their goal progress.</summary>
    internal static async Task<IReadOnlyList<PartnershipReviewResponse>> ReadAsync(
        DbConnection connection, DbTransaction? tx, string where, object parameters, CancellationToken ct)
    {
        var rows = (await connection.QueryAsync<ReviewRow>(new CommandDefinition(
            $"""
            SELECT r.id, r.partnership_id, r.reviewed_on, r.summary, r.next_steps, r.reviewed_by, r.created_at, r.updated_at, r.version
            FROM partnership_reviews r WHERE {where}
            """,
            parameters,
            tx,
            cancellationToken: ct))).ToList();
        if (rows.Count == 0)
        {
            return [];
        }
        var progress = (await connection.QueryAsync<ReviewProgressRow>(new CommandDefinition(
                """
                SELECT rg.review_id, rg.goal_id, g.title AS goal_title, rg.progress, rg.comment
                FROM partnership_review_goals rg JOIN partnership_goals g ON g.id = rg.goal_id
                WHERE rg.review_id IN @Ids ORDER BY rg.review_id, rg.position
                """,
                new { Ids = rows.Select(r => r.Id.ToString()).ToList() },
                tx,
                cancellationToken: ct)))
            .ToLookup(p => p.ReviewId, p => new GoalProgressResponse(p.GoalId, p.GoalTitle, p.Progress, p.Comment));
        return rows.Select(r => new PartnershipReviewResponse(
            r.Id, r.PartnershipId, r.ReviewedOn, r.Summary, progress[r.Id].ToList(), r.NextSteps, r.ReviewedBy, r.CreatedAt, r.UpdatedAt, r.Version)).ToList();
    }
}

internal sealed class ReviewRow
{
    public Guid Id { get; init; }
    public Guid PartnershipId { get; init; }
    public DateOnly ReviewedOn { get; init; }
    public string Summary { get; init; } = "";
    public string? NextSteps { get; init; }
    public string? ReviewedBy { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public long Version { get; init; }
}

internal sealed class ReviewProgressRow
{
    public Guid ReviewId { get; init; }
    public Guid GoalId { get; init; }
    public string GoalTitle { get; init; } = "";
    public int Progress { get; init; }
    public string? Comment { get; init; }
}
