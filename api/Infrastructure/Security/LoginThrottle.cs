using CommunityHub.Api.Infrastructure.Localization;

namespace CommunityHub.Api.Infrastructure.Security;

/// <summary>
/// Sign-in throttling with growing delays (<see cref="SignInBackoff"/>). An attempt from a device that signed in to the
/// account before (a valid <see cref="DeviceCookies"/> cookie) is counted on that device alone, so nobody at the same
/// shared address (a city hall, a school, a library behind one NAT address) can block it. Any other attempt is counted
/// per account at one client address and per client address across accounts (a shared office address may try a few
/// accounts, but not spray many); IPv6 addresses are counted per /64 like the anonymous limits. There is no
/// account-wide lock: failures from one address never keep the real user out at another, and the delays stop at
/// <see cref="AuthSettings.FailedLoginWindowMinutes"/>. The state lives in the database so every instance shares it; an
/// attempt is reserved in one transaction before the password is checked, and concurrent reservations of a key are
/// serialised by a version check, so parallel guesses get no extra checks. A row that names an account keeps the
/// account's email key in <c>account_key</c>, so a data subject's export and erasure find it.
/// </summary>
public sealed class LoginThrottle(Db db, TimeProvider clock, AuthSettings settings)
{
    private const int MaxRetries = 20;
    private long lastCleanupTicks;

    /// <summary>
    /// Reserves an attempt (counted as a failure until <see cref="SucceededAsync"/>), or throws 429. <paramref name="device"/>
    /// is the id of a valid device cookie for this account, <paramref name="address"/> the client's address partition.
    /// </summary>
    public async Task ReserveAsync(string email, string? address, string? device, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                if (await TryReserveAsync(email, address, device, ct))
                {
                    return;
                }
            }
            catch (DbException) when (attempt < MaxRetries)
            {
                // Another instance inserted the same key first (or SQL Server chose this one as a deadlock victim).
            }
            if (attempt >= MaxRetries)
            {
                throw new TooManyRequestsException(TimeSpan.FromSeconds(1), Texts.Get("auth.tooManyAtOnce"));
            }
        }
    }

    /// <summary>
    /// A correct password: the device's failures, or the account's at this address, are cleared; the address keeps its
    /// others.
    /// </summary>
    public async Task SucceededAsync(string email, string? address, string? device, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        if (device is not null)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM sign_in_throttle WHERE throttle_key = @Key", new { Key = DeviceKey(email, device) }, cancellationToken: ct));
            return;
        }
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM sign_in_throttle WHERE throttle_key = @Key", new { Key = AccountKey(email, address) }, cancellationToken: ct));
        if (AddressKey(address) is { } addressKey)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE sign_in_throttle SET failures = failures - 1, version = version + 1 WHERE throttle_key = @Key AND failures > 0",
                new { Key = addressKey }, cancellationToken: ct));
        }
    }

    private async Task<bool> TryReserveAsync(string email, string? address, string? device, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var scope = await db.BeginWriteAsync(ct);
        await ForgetOldAsync(scope, now, ct);
        var keys = new List<(string Key, int Free, string? Account)>();
        if (device is not null)
        {
            keys.Add((DeviceKey(email, device), settings.MaxFailedLogins, email));
        }
        else
        {
            keys.Add((AccountKey(email, address), settings.MaxFailedLogins, email));
            if (AddressKey(address) is { } addressKey)
            {
                keys.Add((addressKey, settings.MaxFailedLogins * 4, null));
            }
        }

        var planned = new List<(string Key, string? Account, ThrottleRow? Row, BackoffState Next)>();
        var wait = TimeSpan.Zero;
        foreach (var (key, free, account) in keys)
        {
            var row = await scope.Connection.QuerySingleOrDefaultAsync<ThrottleRow>(new CommandDefinition(
                "SELECT failures, last_failure_at, blocked_until, version FROM sign_in_throttle WHERE throttle_key = @Key",
                new { Key = key }, scope.Transaction, cancellationToken: ct));
            var decision = SignInBackoff.Reserve(row?.State, now, Math.Max(1, free), settings);
            if (!decision.Allowed)
            {
                wait = wait > decision.RetryAfter ? wait : decision.RetryAfter;
                continue;
            }
            planned.Add((key, account, row, decision.Next!));
        }
        if (wait > TimeSpan.Zero)
        {
            throw new TooManyRequestsException(wait, Texts.Get("auth.tooManyAttempts"));
        }

        foreach (var (key, account, row, next) in planned)
        {
            var parameters = new { Key = key, Account = account, next.Failures, At = next.LastFailureAt, next.BlockedUntil, Version = row?.Version ?? 0 };
            var written = row is null
                ? await scope.Connection.ExecuteAsync(new CommandDefinition(
                    """
                    INSERT INTO sign_in_throttle (throttle_key, account_key, failures, last_failure_at, blocked_until, version)
                    VALUES (@Key, @Account, @Failures, @At, @BlockedUntil, 1)
                    """,
                    parameters, scope.Transaction, cancellationToken: ct))
                : await scope.Connection.ExecuteAsync(new CommandDefinition(
                    """
                    UPDATE sign_in_throttle SET failures = @Failures, last_failure_at = @At, blocked_until = @BlockedUntil, version = version + 1
                    WHERE throttle_key = @Key AND version = @Version
                    """,
                    parameters, scope.Transaction, cancellationToken: ct));
            if (written != 1)
            {
                // Someone else reserved this key since it was read: start over from the new state.
                return false;
            }
        }
        await scope.CommitAsync(ct);
        return true;
    }

    /// <summary>Drops rows nobody has failed on for the forget period (at most once a minute per instance).</summary>
    private async Task ForgetOldAsync(WriteScope scope, DateTimeOffset now, CancellationToken ct)
    {
        var last = Interlocked.Read(ref lastCleanupTicks);
        if (now.UtcTicks - last < TimeSpan.TicksPerMinute || Interlocked.CompareExchange(ref lastCleanupTicks, now.UtcTicks, last) != last)
        {
            return;
        }
        await scope.Connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM sign_in_throttle WHERE last_failure_at < @Cutoff AND (blocked_until IS NULL OR blocked_until < @Now)",
            new { Cutoff = now - TimeSpan.FromMinutes(Math.Max(settings.SignInForgetMinutes, settings.FailedLoginWindowMinutes)), Now = now },
            scope.Transaction, cancellationToken: ct));
    }

    private static string AccountKey(string email, string? address) => $"account:{email}|{address ?? ""}";

    private static string DeviceKey(string email, string device) => $"device:{email}|{device}";

    private static string? AddressKey(string? address) => string.IsNullOrEmpty(address) ? null : "address:" + address;

    private sealed class ThrottleRow
    {
        public int Failures { get; init; }
        public DateTimeOffset LastFailureAt { get; init; }
        public DateTimeOffset? BlockedUntil { get; init; }
        public long Version { get; init; }

        public BackoffState State => new(Failures, LastFailureAt, BlockedUntil);
    }
}
