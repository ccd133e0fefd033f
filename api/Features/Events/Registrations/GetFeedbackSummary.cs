
namespace CommunityHub.Api.Features.Events.Registrations;

/// <summary>
/// Count, mean rating (two decimals) and the count per rating 1–5. Readable by every signed-in role: it is aggregate
/// and anonymous, like the dashboard; the comments themselves are not exposed here. Only feedback tied to a registration
/// counts: anyone could post any number of untied ratings, so those (from before a token was required) are reported apart.
/// </summary>
public sealed record GetFeedbackSummaryQuery(Guid EventId) : IRequest<FeedbackSummary>;

public sealed class GetFeedbackSummaryHandler(Db db) : IRequestHandler<GetFeedbackSummaryQuery, FeedbackSummary>
{
    public async Task<FeedbackSummary> Handle(GetFeedbackSummaryQuery request, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        _ = await CommunityEventData.GetOrThrowAsync(connection, null, request.EventId, ct);
        var counts = (await connection.QueryAsync<(int Rating, int Count)>(new CommandDefinition(
            "SELECT rating, COUNT(*) FROM feedback WHERE event_id = @EventId AND registration_id IS NOT NULL GROUP BY rating",
            new { request.EventId },
            cancellationToken: ct))).ToDictionary(c => c.Rating, c => c.Count);
        var unverified = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COUNT(*) FROM feedback WHERE event_id = @EventId AND registration_id IS NULL",
            new { request.EventId },
            cancellationToken: ct));
        var distribution = Enumerable.Range(1, 5).ToDictionary(r => r.ToString(CultureInfo.InvariantCulture), r => counts.GetValueOrDefault(r));
        var total = counts.Values.Sum();
        double? average = total == 0 ? null : Math.Round(counts.Sum(c => (double)c.Key * c.Value) / total, 2, MidpointRounding.AwayFromZero);
        return new FeedbackSummary(total, average, distribution, unverified);
    }
}
