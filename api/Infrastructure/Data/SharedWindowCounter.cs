using System.Collections.Concurrent;

namespace CommunityHub.Api.Infrastructure.Data;

/// <summary>What one request may do under a shared fixed-window limit, and what to tell the caller about it.</summary>
/// <param name="Allowed">Whether the request may go on.</param>
/// <param name="Remaining">Permits left in the window, as far as this instance knows.</param>
/// <param name="ResetSeconds">Seconds until the window ends (at least 1).</param>
public readonly record struct WindowPermit(bool Allowed, long Remaining, long ResetSeconds);

/// <summary>
/// Fixed-window limits shared by every instance on the database. The count lives in a table (one atomic statement
/// through <see cref="SqlDialect.CountInWindow"/>), but an instance does not write once per request: it takes permits
/// in blocks of <see cref="BlockFor"/> (0.1 % of the limit, between 1 and 1,000) and hands them out from memory until
/// the block or the window runs out. A small limit (under 2,000, such as the default 600 per key or 60 per address)
/// is therefore counted exactly, one write per request; a large one costs one write per block, and at most one block
/// per instance may stay unused when the window ends. Once the shared count shows the window spent, requests are
/// refused from memory until it ends, so a caller hammering past its limit costs the database nothing.
/// </summary>
public sealed class SharedWindowCounter(Db db, TimeProvider clock)
{
    /// <summary>The largest block an instance takes at once.</summary>
    public const int MaxBlock = 1000;

    private readonly ConcurrentDictionary<string, Lease> leases = new(StringComparer.Ordinal);
    private long lastCleanup;

    /// <summary>How many permits an instance takes from the shared count at a time for a window of <paramref name="limit"/>.</summary>
    public static int BlockFor(int limit) => Math.Clamp(limit / 1000, 1, MaxBlock);

    /// <summary>Counts one request of <paramref name="key"/> against <paramref name="limit"/> per <paramref name="windowSeconds"/>.</summary>
    public async ValueTask<WindowPermit> TakeAsync(string table, string key, int limit, int windowSeconds, CancellationToken ct)
    {
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        var lease = leases.GetOrAdd(string.Concat(table, "\n", key), static _ => new Lease());
        if (lease.TryTake(now, limit) is { } fromMemory)
        {
            return fromMemory;
        }
        // One request per key refills; the others wait for it and then take from what it brought.
        await lease.Refilling.WaitAsync(ct);
        try
        {
            if (lease.TryTake(now, limit) is { } brought)
            {
                return brought;
            }
            var take = BlockFor(limit);
            await using var connection = await db.OpenAsync(ct);
            var (windowStart, used) = await connection.QuerySingleAsync<(long, long)>(new CommandDefinition(
                db.Dialect.CountInWindow(table), new { Key = key, Now = now, Window = windowSeconds, Take = take }, cancellationToken: ct));
            await ForgetEndedAsync(connection, table, now, windowSeconds, ct);
            return lease.Refill(now, windowStart + windowSeconds, used, take, limit);
        }
        finally
        {
            lease.Refilling.Release();
        }
    }

    /// <summary>Drops counters whose window has ended, in the table and in memory (at most once a minute per instance).</summary>
    private async Task ForgetEndedAsync(DbConnection connection, string table, long now, int windowSeconds, CancellationToken ct)
    {
        var last = Interlocked.Read(ref lastCleanup);
        if (now - last < 60 || Interlocked.CompareExchange(ref lastCleanup, now, last) != last)
        {
            return;
        }
        await connection.ExecuteAsync(new CommandDefinition(
            $"DELETE FROM {table} WHERE window_start + @Window <= @Now", new { Now = now, Window = windowSeconds }, cancellationToken: ct));
        foreach (var (name, lease) in leases)
        {
            if (lease.EndedBy(now))
            {
                leases.TryRemove(name, out _);
            }
        }
    }

    /// <summary>
    /// This instance's share of one counter's window: the permits it took and has not handed out yet, and the shared
    /// count as of its last refill.
    /// </summary>
    internal sealed class Lease
    {
        private readonly Lock gate = new();
        private long windowEnd;
        private long sharedUsed;
        private long held;

        public SemaphoreSlim Refilling { get; } = new(1, 1);

        public bool EndedBy(long now)
        {
            lock (gate)
            {
                return now >= windowEnd;
            }
        }

        /// <summary>A permit from memory, a refusal when the window is spent for everyone, or null to ask the database.</summary>
        public WindowPermit? TryTake(long now, int limit)
        {
            lock (gate)
            {
                if (now >= windowEnd)
                {
                    return null;
                }
                if (held > 0)
                {
                    held--;
                    return new WindowPermit(true, Remaining(limit), windowEnd - now);
                }
                return sharedUsed >= limit ? new WindowPermit(false, 0, windowEnd - now) : null;
            }
        }

        /// <summary>
        /// Takes in the shared count after this instance added <paramref name="take"/> to it: the permits within the
        /// limit are this instance's, one of them for the request at hand.
        /// </summary>
        public WindowPermit Refill(long now, long windowEnd, long used, int take, int limit)
        {
            lock (gate)
            {
                this.windowEnd = windowEnd;
                sharedUsed = used;
                var granted = Math.Clamp(limit - (used - take), 0, take);
                held = Math.Max(0, granted - 1);
                return new WindowPermit(granted > 0, granted > 0 ? Remaining(limit) : 0, Math.Max(1, windowEnd - now));
            }
        }

        private long Remaining(int limit) => Math.Max(0, limit - sharedUsed) + held;
    }
}
