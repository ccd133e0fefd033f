using CommunityHub.Api.Features.Stats;

namespace CommunityHub.Api.Features.Partnerships;

/// <summary>
/// The partnerships section of the dashboard: grouped counts computed by the database, never row by row. Status and
/// service area list every value in declared order, zero where none counts it, so a chart keeps its buckets.
/// </summary>
public sealed class PartnershipStatsContributor : IStatsContributor
{
    public async Task ContributeAsync(DbConnection connection, StatsBuilder stats, DateTimeOffset now, CancellationToken ct)
    {
        var byStatus = await StatsQueries.CountLiveByAsync<PartnershipStatus>(connection, "partnerships", "status", ct);
        var byServiceArea = await StatsQueries.CountLiveByAsync<ServiceArea>(connection, "partnerships", "service_area", ct);
        var byMunicipality = await StatsQueries.CountAsync(connection,
            """
            SELECT municipality_code, CAST(COUNT(*) AS BIGINT) FROM partnerships WHERE deleted_at IS NULL
            GROUP BY municipality_code ORDER BY municipality_code
            """,
            ct);
        var overdue = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            SELECT COUNT(*) FROM partnerships
            WHERE deleted_at IS NULL AND next_review_due < @Today AND status IN @OpenStatuses
            """,
            new
            {
                Today = PartnershipDates.Today(now),
                OpenStatuses = PartnershipLifecycle.Open.Select(EnumText.Name).ToList(),
            },
            cancellationToken: ct));
        stats.Partnerships = new PartnershipStats(byStatus, byServiceArea, byMunicipality, overdue, byStatus.Sum(s => s.Count));
    }
}
