
namespace CommunityHub.Api.Features.Stats;

/// <summary>Each feature fills its own section of the stats; a section no feature fills stays at zero.</summary>
public sealed class StatsBuilder
{
    public MemberStats Members { get; set; } = new([], [], 0);
    public PartnershipStats Partnerships { get; set; } = new([], [], [], 0, 0);
    public PilotStats Pilots { get; set; } = new([], [], null, 0);
    public EventStats Events { get; set; } = new(0, 0, 0, null);
}

/// <summary>Implemented once per feature (members, partnerships, pilots, events) and registered by its <c>AddX()</c>.</summary>
public interface IStatsContributor
{
    Task ContributeAsync(DbConnection connection, StatsBuilder stats, DateTimeOffset now, CancellationToken ct);
}

/// <summary>Helpers for contributors: grouped counts, listed for every value of an enum in its declared order.</summary>
public static class StatsQueries
{
    /// <summary>
    /// Live rows of <paramref name="table"/> (not archived) counted by <paramref name="column"/>, every enum value listed, zero
    /// where no row counts it. Both names are the caller's constants, never input.
    /// </summary>
    public static Task<IReadOnlyList<CountBy>> CountLiveByAsync<T>(DbConnection connection, string table, string column, CancellationToken ct)
        where T : struct, Enum =>
        CountByEnumAsync<T>(
            connection, $"SELECT {column}, CAST(COUNT(*) AS BIGINT) FROM {table} WHERE deleted_at IS NULL GROUP BY {column}", ct);

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
