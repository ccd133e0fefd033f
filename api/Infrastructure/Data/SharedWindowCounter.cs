using System.Collections.Concurrent;

namespace CommunityHub.Api.Infrastructure.Data;

/// <summary>
/// Fixed-window limits shared by every instance on the database. The count lives in a table (one atomic statement
/// through <see cref="SqlDialect.CountInWindow"/>), but an instance does not write once per request: it takes permits
/// in blocks of <see cref="BlockFor"/> (0.1 % of the limit, between 1 and 1,000) and hands them out from memory until
/// the block or the window runs out. A small limit (under 2,000, such as the default 600 per key or 60 per address)
/// is therefore counted exactly, one write per request, and that request waits for the write.
/// </summary>
/// <remarks>
/// <para>
/// With blocks of more than one permit a request does not wait for the database: that write waits for the database's
/// writer (on SQLite for every content write of every instance, up to the busy timeout), and a read must not queue
/// behind content writes. So while permits are handed out from a block, the next block is reserved in the background
/// (one reservation per counter and instance at a time), and when a window ends, the first block of the next one is
/// handed out at once and charged to the shared count in the background. Only a request that finds nothing reserved
/// (the first of a counter in this process, or one that outran a reservation still waiting for the database) waits.
/// </para>
/// <para>
/// The bound: the shared count never lets more than the limit through in a window, except that an instance that starts
/// a window hands out its first block before the shared count confirms it, so when other instances had already spent
/// the new window, each such instance lets at most one block (0.1 % of the limit) too many through. The other way, an
/// instance may end a window holding up to two blocks reserved but unused, so the others see the limit reached up to
/// two blocks per instance early. Once the shared count shows the window spent, requests are refused from memory until
/// it ends, so a caller hammering past its limit costs the database nothing.
/// </para>
/// </remarks>
public sealed partial class SharedWindowCounter(Db db, TimeProvider clock, ILogger<SharedWindowCounter> logger)
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
        var block = BlockFor(limit);
        var lease = leases.GetOrAdd(string.Concat(table, "\n", key), static _ => new Lease());
        var fromMemory = lease.TryTake(now, limit) ?? lease.TryStartWindow(now, windowSeconds, block, limit);
        if (fromMemory is { } permit)
        {
            ReserveAhead(lease, table, key, limit, windowSeconds, block);
            return permit;
        }
        // One request per key refills; the others wait for it and then take from what it brought.
        await lease.Refilling.WaitAsync(ct);
        try
        {
            if (lease.TryTake(now, limit) is { } brought)
            {
                return brought;
            }
            var (windowStart, used) = await CountAsync(table, key, now, windowSeconds, block, ct);
            return lease.Refill(now, windowStart + windowSeconds, used, block, limit);
        }
        finally
        {
            lease.Refilling.Release();
            ReserveAhead(lease, table, key, limit, windowSeconds, block);
        }
    }

    /// <summary>The reservations and charges in flight, for a test that must know they have landed.</summary>
    internal Task WhenReservedAsync(string table, string key) =>
        leases.TryGetValue(string.Concat(table, "\n", key), out var lease) ? lease.Reserving : Task.CompletedTask;

    /// <summary>Starts the lease's next background write to the shared count, if it needs one and none is running.</summary>
    private void ReserveAhead(Lease lease, string table, string key, int limit, int windowSeconds, int block)
    {
        if (lease.BeginReserve(block, limit) is { } reservation)
        {
            lease.Reserving = ReserveAsync(lease, reservation, table, key, limit, windowSeconds);
        }
    }

    private async Task ReserveAsync(Lease lease, Lease.Reservation reservation, string table, string key, int limit, int windowSeconds)
    {
        // Off the request: the request that started it goes on with a permit it already has.
        await Task.Yield();
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        try
        {
            var (windowStart, used) = await CountAsync(table, key, now, windowSeconds, reservation.Take, CancellationToken.None);
            lease.Settle(reservation, windowStart + windowSeconds, used, limit);
        }
        catch (DbException e)
        {
            // The requests go on from what is held; the next one asks again (or, with nothing held, waits for the count).
            logger.LogWarning(e, "Could not reserve {Take} permits of {Table} in the background", reservation.Take, table);
        }
        finally
        {
            lease.EndReserve(reservation);
        }
    }

    /// <summary>Adds <paramref name="take"/> to the shared count, ahead of this instance's queued content writers.</summary>
    private async Task<(long WindowStart, long Used)> CountAsync(string table, string key, long now, int windowSeconds, int take, CancellationToken ct)
    {
        await using var write = await db.BeginShortWriteAsync(ct);
        var counted = await write.Connection.QuerySingleAsync<(long, long)>(new CommandDefinition(
            db.Dialect.CountInWindow(table), new { Key = key, Now = now, Window = windowSeconds, Take = take }, write.Transaction, cancellationToken: ct));
        await ForgetEndedAsync(write, table, now, windowSeconds, ct);
        await write.CommitAsync(ct);
        return counted;
    }

    /// <summary>Drops counters whose window has ended, in the table and in memory (at most once a minute per instance).</summary>
    private async Task ForgetEndedAsync(WriteScope write, string table, long now, int windowSeconds, CancellationToken ct)
    {
        var last = Interlocked.Read(ref lastCleanup);
        if (now - last < 60 || Interlocked.CompareExchange(ref lastCleanup, now, last) != last)
        {
            return;
        }
        await write.Connection.ExecuteAsync(new CommandDefinition(
            $"DELETE FROM {table} WHERE window_start + @Window <= @Now", new { Now = now, Window = windowSeconds }, write.Transaction, cancellationToken: ct));
        foreach (var (name, lease) in leases)
        {
            if (lease.EndedBy(now))
            {
                leases.TryRemove(name, out _);
            }
        }
    }
}
