
namespace CommunityHub.Api.Features.Webhooks;

/// <summary>Bound from the <c>Webhooks</c> section. See docs/webhooks.md § Configuration.</summary>
public sealed class WebhookOptions
{
    /// <summary>Allows plain http receiver URLs outside Development (https only otherwise).</summary>
    public bool AllowHttp { get; set; }

    /// <summary>Runs the background dispatcher in this process. Tests turn it off and call RunOnceAsync themselves.</summary>
    public bool BackgroundDelivery { get; set; } = true;

    public int PollMilliseconds { get; set; } = 2000;

    /// <summary>How long a receiver has to answer; a slower answer counts as a failure and is retried.</summary>
    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>Retry delays after the 1st, 2nd, … failure in seconds, comma-separated; the last repeats.</summary>
    public string BackoffSeconds { get; set; } = "10,30,120,600,3600";

    /// <summary>Up to this fraction of each delay is added at random, so receivers that recover are not hit in lockstep.</summary>
    public double JitterFraction { get; set; } = 0.2;

    /// <summary>Continuous failure for this long marks a subscription <c>failing</c>: no more attempts until re-enabled.</summary>
    public TimeSpan FailingAfter { get; set; } = TimeSpan.FromHours(24);

    public int LogRetentionDays { get; set; } = 30;

    /// <summary>Change entries per delivery.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>
    /// How much of a receiver's answer is read (and discarded, so the connection can be reused); the delivery log keeps
    /// only the status code and a fixed message, never what the receiver said.
    /// </summary>
    public int MaxResponseBytes { get; set; } = 4096;

    /// <summary>
    /// Internal networks deliveries may reach anyway, as CIDRs separated by commas (e.g. a municipality's integration
    /// platform at <c>10.20.0.0/16</c>). Empty by default: loopback, private, link-local, CGNAT, unique-local, multicast
    /// and unspecified addresses are refused (see <see cref="WebhookNetworkPolicy"/>).
    /// </summary>
    public string? AllowedNetworks { get; set; }

    /// <summary>A folder for the Data Protection key ring instead of the database (as <c>DataProtection:KeyRingPath</c>).</summary>
    public string? KeyRingPath { get; set; }

    public IReadOnlyList<TimeSpan> BackoffSchedule() =>
        BackoffSeconds.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => TimeSpan.FromSeconds(double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture)))
            .ToList();

    public void Validate()
    {
        if (!BackoffSeconds.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .All(s => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v >= 0)
            || BackoffSchedule().Count == 0)
        {
            throw new InvalidOperationException("Webhooks:BackoffSeconds must be a comma-separated list of seconds, e.g. 10,30,120,600,3600.");
        }
        if (TimeoutSeconds <= 0 || PollMilliseconds <= 0 || BatchSize is <= 0 or > 1000 || MaxResponseBytes < 0 || JitterFraction is < 0 or > 1)
        {
            throw new InvalidOperationException(
                "Webhooks: TimeoutSeconds and PollMilliseconds must be positive, BatchSize 1–1000, JitterFraction 0–1.");
        }
        WebhookNetworkPolicy.ParseNetworks(AllowedNetworks);
    }
}

/// <summary>The retry schedule: a pure function of the attempt number, so it is tested directly.</summary>
public static class WebhookBackoff
{
    /// <summary>
    /// The delay before the next attempt after <paramref name="failures"/> consecutive failures (1 = the first failure):
    /// the schedule's entry, the last entry repeating ("then hourly"), plus <paramref name="jitter"/> (0–1) of
    /// <paramref name="jitterFraction"/> of it.
    /// </summary>
    public static TimeSpan Delay(int failures, IReadOnlyList<TimeSpan> schedule, double jitterFraction, double jitter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failures, 1);
        var step = schedule[Math.Min(failures, schedule.Count) - 1];
        return step + (step * (jitterFraction * Math.Clamp(jitter, 0, 1)));
    }
}
