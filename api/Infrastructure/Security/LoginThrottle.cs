using System.Collections.Concurrent;
using CommunityHub.Api.Infrastructure.Http;

namespace CommunityHub.Api.Infrastructure.Security;

/// <summary>
/// Counts failed sign-ins per account and per client address in a sliding window; past the limit further
/// attempts are refused with 429 until the oldest failure leaves the window. In memory: per process.
/// </summary>
public sealed class LoginThrottle(TimeProvider clock, AuthSettings settings)
{
    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> failures = new(StringComparer.Ordinal);

    private TimeSpan Window => TimeSpan.FromMinutes(settings.FailedLoginWindowMinutes);

    public void EnsureAllowed(string email, string? address)
    {
        var now = clock.GetUtcNow();
        foreach (var (key, limit) in Keys(email, address))
        {
            if (failures.TryGetValue(key, out var queue))
            {
                lock (queue)
                {
                    Trim(queue, now);
                    if (queue.Count >= limit)
                    {
                        throw new TooManyRequestsException(queue.Peek() + Window - now, Texts.Get("auth.tooManyAttempts"));
                    }
                }
            }
        }
    }

    public void Failed(string email, string? address)
    {
        var now = clock.GetUtcNow();
        foreach (var (key, _) in Keys(email, address))
        {
            var queue = failures.GetOrAdd(key, _ => new Queue<DateTimeOffset>());
            lock (queue)
            {
                Trim(queue, now);
                queue.Enqueue(now);
            }
        }
    }

    public void Succeeded(string email) => failures.TryRemove("email:" + email, out _);

    private IEnumerable<(string Key, int Limit)> Keys(string email, string? address)
    {
        yield return ("email:" + email, settings.MaxFailedLogins);
        if (!string.IsNullOrEmpty(address))
        {
            // One address may try a few accounts (a shared office network), but not spray many.
            yield return ("ip:" + address, settings.MaxFailedLogins * 4);
        }
    }

    private void Trim(Queue<DateTimeOffset> queue, DateTimeOffset now)
    {
        while (queue.Count > 0 && queue.Peek() + Window <= now)
        {
            queue.Dequeue();
        }
    }
}
