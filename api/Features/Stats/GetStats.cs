using System.Data.Common;
using CommunityHub.Api.Infrastructure.Data;
using CommunityHub.Api.Infrastructure.Http;
using Dapper;
using MediatR;

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

/// <summary>Helpers for contributors: grouped counts, listed for every value of an enum in its declared order.</summary>
public static class StatsQueries
{
    /// <summary>Runs a query returning (key, count) rows and lists every enum value, zero where no row counts it.</summary>
    public static async Task<IReadOnlyList<CountBy>> CountByEnumAsync<T>(DbConnection connection, string sql, CancellationToken ct)
        where T : struct, Enum
    {
        var counts = await CountAsync(connection, sql, ct);
        var byKey = counts.ToDictionary(c => c.Key, c => c.Count, StringComparer.Ordinal);
        return Enum.GetValues<T>().Select(EnumText.Name).Select(name => new CountBy(name, byKey.GetValueOrDefault(name))).ToList();
    }

    /// <summary>Runs a query returning (key, count) rows, e.g. <c>SELECT kind, CAST(COUNT(*) AS BIGINT) … GROUP BY kind</c>.</summary>
    public static async Task<IReadOnlyList<CountBy>> CountAsync(DbConnection connection, string sql, CancellationToken ct) =>
        (await connection.QueryAsync<(string Key, long Count)>(new CommandDefinition(sql, cancellationToken: ct)))
            .Select(r => new CountBy(r.Key, r.Count))
            .ToList();
}
