using CommunityHub.Api.Features.Stats;

namespace CommunityHub.Api.Features.Events;

/// <summary>
/// The dashboard's events section: published events still to start, their live (confirmed + waitlisted) registrations,
/// and all feedback given with a registration's token, with its mean rating (untied feedback is not counted).
/// </summary>
public sealed class EventStatsContributor : IStatsContributor
{
    public async Task ContributeAsync(DbConnection connection, StatsBuilder stats, DateTimeOffset now, CancellationToken ct)
    {
        var upcoming = await connection.QuerySingleAsync<(long Events, long Registrations)>(new CommandDefinition(
            """
            SELECT CAST(COUNT(*) AS BIGINT), CAST(COALESCE(SUM(e.confirmed_count + e.waitlist_count), 0) AS BIGINT)
            FROM events e WHERE e.deleted_at IS NULL AND e.status = 'published' AND e.starts_at > @Now
            """,
            new { Now = now },
            cancellationToken: ct));
        var feedback = await connection.QuerySingleAsync<(long Count, double? Average)>(new CommandDefinition(
            """
            SELECT CAST(COUNT(*) AS BIGINT), AVG(CAST(f.rating AS FLOAT))
            FROM feedback f JOIN events e ON e.id = f.event_id WHERE e.deleted_at IS NULL AND f.registration_id IS NOT NULL
            """,
            cancellationToken: ct));
        stats.Events = new EventStats(
            upcoming.Events,
            upcoming.Registrations,
            feedback.Count,
            feedback.Average is { } average ? Math.Round(average, 2, MidpointRounding.AwayFromZero) : null);
    }
}
