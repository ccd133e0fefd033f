using System.Data.Common;
using CommunityHub.Api.Features.Stats;
using CommunityHub.Api.Infrastructure.Http;
using Dapper;

namespace CommunityHub.Api.Features.Partnerships;

/// <summary>The partnerships section of the dashboard: grouped counts computed by the database, never row by row.</summary>
public sealed class PartnershipStatsContributor : IStatsContributor
{
    public async Task ContributeAsync(DbConnection connection, StatsBuilder stats, DateTimeOffset now, CancellationToken ct)
    {
        async Task<IReadOnlyList<CountBy>> By(string column) =>
            (await connection.QueryAsync<GroupRow>(new CommandDefinition(
                $"SELECT {column} AS label, COUNT(*) AS row_count FROM partnerships WHERE deleted_at IS NULL GROUP BY {column} ORDER BY {column}",
                cancellationToken: ct)))
            .Select(r => new CountBy(r.Label, r.RowCount))
            .ToList();

        var byStatus = await By("status");
        var byServiceArea = await By("service_area");
        var byMunicipality = await By("municipality_code");
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

    private sealed class GroupRow
    {
        public string Label { get; init; } = "";
        public long RowCount { get; init; }
    }
}
