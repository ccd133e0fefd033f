using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace CommunityHub.Api.Infrastructure.Telemetry;

/// <summary>
/// The application's own metrics (Meter <c>CommunityHub</c>) and traces (ActivitySource <c>CommunityHub</c>): what a
/// city alerts on beyond the request metrics ASP.NET Core already emits (rate, latency by route, status codes).
/// </summary>
public static class AppMetrics
{
    public const string Name = "CommunityHub";

    public static readonly Meter Meter = new(Name);

    public static readonly ActivitySource Activities = new(Name);

    /// <summary>Requests refused with 429, tagged with the API key (or <c>user</c> for a signed-in user).</summary>
    public static readonly Counter<long> TooManyRequests = Meter.CreateCounter<long>(
        "communityhub.requests.throttled", "{request}", "Requests answered 429 Too Many Requests, by API key.");

    /// <summary>Requests answered 503 because the database stayed busy past its timeout.</summary>
    public static readonly Counter<long> DatabaseBusy = Meter.CreateCounter<long>(
        "communityhub.db.busy", "{request}", "Requests answered 503 because the database was busy or a transient error persisted.");

    public static readonly Counter<long> WebhookDeliveriesFailed = Meter.CreateCounter<long>(
        "communityhub.webhooks.deliveries.failed", "{delivery}", "Webhook delivery attempts that the receiver did not accept.");

    public static readonly Counter<long> WebhookDeliveriesSucceeded = Meter.CreateCounter<long>(
        "communityhub.webhooks.deliveries.succeeded", "{delivery}", "Webhook batches a receiver accepted.");

    private static long changeFeedHead;
    private static double webhookPendingSeconds;

    static AppMetrics()
    {
        Meter.CreateObservableGauge("communityhub.changes.head", () => Volatile.Read(ref changeFeedHead), "{position}",
            "The change feed's head position as last read by this instance.");
        Meter.CreateObservableGauge("communityhub.webhooks.pending_age", () => Volatile.Read(ref webhookPendingSeconds), "s",
            "How long the oldest batch a dispatcher found waiting has waited (0 when none was behind).");
    }

    public static void ChangeFeedHead(long position) => Volatile.Write(ref changeFeedHead, position);

    public static void WebhookPendingAge(TimeSpan age) => Volatile.Write(ref webhookPendingSeconds, Math.Max(0, age.TotalSeconds));
}
