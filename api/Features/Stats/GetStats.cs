
namespace CommunityHub.Api.Features.Stats;

/// <summary>The dashboard's numbers: every registered contributor fills its section on one connection.</summary>
public sealed record GetStatsQuery : IRequest<StatsResponse>;

public sealed class GetStatsHandler(Db db, IEnumerable<IStatsContributor> contributors, TimeProvider clock) : IRequestHandler<GetStatsQuery, StatsResponse>
{
    public async Task<StatsResponse> Handle(GetStatsQuery request, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var stats = new StatsBuilder();
        await using var connection = await db.OpenAsync(ct);
        foreach (var contributor in contributors)
        {
            await contributor.ContributeAsync(connection, stats, now, ct);
        }
        return new StatsResponse(stats.Members, stats.Partnerships, stats.Pilots, stats.Events, now);
    }
}
