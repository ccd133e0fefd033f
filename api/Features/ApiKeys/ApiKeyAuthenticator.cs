using System.Collections.Concurrent;

namespace CommunityHub.Api.Features.ApiKeys;

/// <summary>Who a valid key is: what the authentication handler turns into claims.</summary>
public sealed record ApiKeyIdentity(Guid Id, string Name, IReadOnlyList<string> Scopes, string? MunicipalityCode);

/// <summary>
/// Checks presented keys against the stored hashes and records "last used".
/// Nothing about a key is cached between requests: each request reads the key's row (one indexed lookup by prefix),
/// so a revoke is effective for the very next request, in this process and any other.
/// "Last used" is bookkeeping, not content: at most one UPDATE of <c>last_used_at</c> per key per
/// <see cref="LastUsedInterval"/> (remembered in memory, and from the row itself for other processes), with no version
/// bump, change-feed or audit row — never a write per request — and a request waits at most <see cref="LastUsedWait"/>
/// for it.
/// </summary>
public sealed class ApiKeyAuthenticator(Db db, TimeProvider clock, ILogger<ApiKeyAuthenticator> logger)
{
    public static readonly TimeSpan LastUsedInterval = TimeSpan.FromMinutes(1);

    /// <summary>How long a request waits for its "last used" write before leaving it to finish in the background.</summary>
    public static readonly TimeSpan LastUsedWait = TimeSpan.FromMilliseconds(250);

    // Compared against when the prefix matches no key, so an unknown prefix costs the same hash and comparison as a
    // known one and timing does not tell which prefixes exist.
    private static readonly string UnknownKeyHash = ApiKeySecret.Hash("no key has this hash");

    private readonly ConcurrentDictionary<Guid, DateTimeOffset> lastRecorded = new();

    public async Task<ApiKeyIdentity?> AuthenticateAsync(string? presented, CancellationToken ct)
    {
        if (!ApiKeySecret.TryParse(presented, out var prefix, out var secret))
        {
            return null;
        }
        // ANSI like the varchar column on SQL Server, so the lookup seeks the unique index. The prefix is unique, so
        // there is at most one row.
        var row = await db.Kept.ReadAsync(
            "SELECT id, name, key_hash, scopes, municipality_code, last_used_at FROM api_keys WHERE key_prefix = @Prefix AND revoked_at IS NULL",
            [("@Prefix", prefix, System.Data.DbType.AnsiString)],
            KeyRow.From,
            ct);
        var matches = ApiKeySecret.Verify(secret, row?.KeyHash ?? UnknownKeyHash);
        if (row is null || !matches)
        {
            return null;
        }
        await RecordUseAsync(row.Id, row.LastUsedAt, ct);
        return new ApiKeyIdentity(row.Id, row.Name, ApiKeyScopes.Load(row.Scopes), row.MunicipalityCode);
    }

    /// <summary>Drops the in-memory bookkeeping of a revoked key.</summary>
    public void Forget(Guid id) => lastRecorded.TryRemove(id, out _);

    private async Task RecordUseAsync(Guid id, DateTimeOffset? stored, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var remembered = lastRecorded.GetOrAdd(id, stored ?? DateTimeOffset.MinValue);
        var last = stored is { } s && s > remembered ? s : remembered;
        if (now - last < LastUsedInterval)
        {
            return;
        }
        // Only the request that moves the remembered time writes; concurrent ones for the same key see it moved.
        if (!lastRecorded.TryUpdate(id, now, remembered))
        {
            return;
        }
        // The write needs the database's writer (on SQLite, after the write in progress on any instance), and a read must
        // not queue behind content writes: the request waits for it only briefly, long enough on an idle database for
        // "last used" to read back at once, and otherwise the write completes in the background.
        var write = WriteLastUsedAsync(id, now, remembered);
        await Task.WhenAny(write, Task.Delay(LastUsedWait, ct));
    }

    private async Task WriteLastUsedAsync(Guid id, DateTimeOffset now, DateTimeOffset remembered)
    {
        await Task.Yield();
        try
        {
            await using var write = await db.BeginShortWriteAsync(CancellationToken.None);
            await write.Connection.ExecuteAsync(new CommandDefinition(
                "UPDATE api_keys SET last_used_at = @Now WHERE id = @Id", new { Id = id, Now = now }, write.Transaction, cancellationToken: CancellationToken.None));
            await write.CommitAsync(CancellationToken.None);
        }
        catch (DbException e)
        {
            // Bookkeeping must not fail the caller's read; the next minute tries again.
            lastRecorded.TryUpdate(id, remembered, now);
            logger.LogWarning(e, "Could not record last use of API key {KeyId}", id);
        }
    }

    private sealed record KeyRow(Guid Id, string Name, string KeyHash, string Scopes, string? MunicipalityCode, DateTimeOffset? LastUsedAt)
    {
        public static KeyRow? From(DbDataReader reader) => reader.Read()
            ? new KeyRow(
                Guid.Parse(reader.GetString(0)),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5).ToUniversalTime())
            : null;
    }
}
