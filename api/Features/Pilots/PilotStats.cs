using CommunityHub.Api.Features.Stats;

namespace CommunityHub.Api.Features.Pilots;

/// <summary>The pilots section of the stats: by stage and theme, and how many finished pilots were adopted.</summary>
public sealed class PilotStatsContributor : IStatsContributor
{
    public async Task ContributeAsync(DbConnection connection, StatsBuilder stats, DateTimeOffset now, CancellationToken ct)
    {
        var byStage = await StatsQueries.CountLiveByAsync<PilotStage>(connection, "pilots", "stage", ct);
        var byTheme = await StatsQueries.CountLiveByAsync<PilotTheme>(connection, "pilots", "theme", ct);
        var adopted = Count(byStage, PilotStage.Adopted);
        var finished = adopted + Count(byStage, PilotStage.Discontinued);
        stats.Pilots = new PilotStats(byStage, byTheme, finished == 0 ? null : (double)adopted / finished, byStage.Sum(c => c.Count));
    }

    private static long Count(IReadOnlyList<CountBy> counts, PilotStage stage) =>
        counts.Single(c => c.Key == PilotStages.Name(stage)).Count;
}
