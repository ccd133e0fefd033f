using CommunityHub.Api.Features.Stats;

namespace CommunityHub.Api.Features.Members;

/// <summary>The members section of the stats: live members by kind and by membership status.</summary>
public sealed class MemberStatsContributor : IStatsContributor
{
    public async Task ContributeAsync(DbConnection connection, StatsBuilder stats, DateTimeOffset now, CancellationToken ct)
    {
        var byKind = await StatsQueries.CountLiveByAsync<MemberKind>(connection, "members", "kind", ct);
        var byStatus = await StatsQueries.CountLiveByAsync<MembershipStatus>(connection, "members", "membership_status", ct);
        stats.Members = new MemberStats(byKind, byStatus, byKind.Sum(c => c.Count));
    }
}
