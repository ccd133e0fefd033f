namespace CommunityHub.Api.Infrastructure.Security;

/// <summary>One throttled key's state: consecutive failures (reservations not yet cleared by a success).</summary>
public sealed record BackoffState(int Failures, DateTimeOffset LastFailureAt, DateTimeOffset? BlockedUntil);

/// <summary>What an attempt may do: go ahead and record <see cref="Next"/>, or wait <see cref="RetryAfter"/>.</summary>
public sealed record BackoffDecision(bool Allowed, BackoffState? Next, TimeSpan RetryAfter);

/// <summary>
/// Growing delays instead of a lock-out: the first <c>freeAttempts</c> failures pass at once; each failure from then on
/// blocks the key for twice as long as the one before (<see cref="AuthSettings.SignInDelaySeconds"/>, doubled, up to
/// <see cref="AuthSettings.FailedLoginWindowMinutes"/>). An attempt counts as a failure when it is reserved, before
/// the password is checked, so parallel attempts cannot pass the limit; a success clears it. Failures are forgotten
/// after <see cref="AuthSettings.SignInForgetMinutes"/> without one. I/O-free.
/// </summary>
public static class SignInBackoff
{
    public static BackoffDecision Reserve(BackoffState? current, DateTimeOffset now, int freeAttempts, AuthSettings settings)
    {
        if (current?.BlockedUntil is { } until && until > now)
        {
            return new BackoffDecision(false, null, until - now);
        }
        var forgotten = current is null || now - current.LastFailureAt >= TimeSpan.FromMinutes(settings.SignInForgetMinutes);
        var failures = (forgotten ? 0 : current!.Failures) + 1;
        var blockedUntil = failures >= freeAttempts ? now + Delay(failures - freeAttempts, settings) : (DateTimeOffset?)null;
        return new BackoffDecision(true, new BackoffState(failures, now, blockedUntil), TimeSpan.Zero);
    }

    /// <summary>The block after the (<paramref name="beyond"/>+1)-th failure past the free ones.</summary>
    public static TimeSpan Delay(int beyond, AuthSettings settings)
    {
        var max = TimeSpan.FromMinutes(Math.Max(1, settings.FailedLoginWindowMinutes));
        var first = TimeSpan.FromSeconds(Math.Max(1, settings.SignInDelaySeconds));
        return beyond >= 30 ? max : TimeSpan.FromTicks(Math.Min(max.Ticks, first.Ticks * (1L << Math.Max(0, beyond))));
    }
}
