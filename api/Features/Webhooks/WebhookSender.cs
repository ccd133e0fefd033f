using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;

namespace CommunityHub.Api.Features.Webhooks;

/// <summary>The outcome of one POST to a receiver.</summary>
public sealed record DeliveryOutcome(bool Delivered, int? StatusCode, long DurationMs, string? Error);

/// <summary>
/// Signs and posts one payload to the subscribed URL (no redirects followed, only to addresses
/// <see cref="WebhookNetworkPolicy"/> allows, a timeout) and reports the outcome as a status code and a fixed message,
/// never the receiver's words; the caller logs it with
/// <see cref="WebhookData.RecordDeliveryAsync"/>.
/// </summary>
public sealed class WebhookSender(IHttpClientFactory clients, WebhookOptions options, TimeProvider clock)
{
    public const string HttpClientName = "webhooks";

    public async Task<DeliveryOutcome> PostAsync(string url, string secret, WebhookPayload payload, CancellationToken ct)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(payload, Json.Options);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.TryAddWithoutValidation(WebhookSignature.DeliveryHeader, payload.DeliveryId.ToString());
        request.Headers.TryAddWithoutValidation(WebhookSignature.SignatureHeader, WebhookSignature.Header(secret, clock.GetUtcNow(), body));
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("CommunityHub-Webhooks", "1.0"));

        // The timeout is wall-clock time on purpose: a receiver's slowness is real, whatever clock the app runs on.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(options.TimeoutSeconds));
        var watch = Stopwatch.StartNew();
        try
        {
            using var response = await clients.CreateClient(HttpClientName)
                .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            // Read (up to the cap) only so the connection can be reused: what a receiver answers is never logged or shown,
            // since an admin must not be able to read an internal service's answers through a subscription.
            await DrainCappedAsync(response.Content, options.MaxResponseBytes, timeout.Token);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                return new DeliveryOutcome(true, status, watch.ElapsedMilliseconds, null);
            }
            return new DeliveryOutcome(false, status, watch.ElapsedMilliseconds, StatusMessage(status));
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new DeliveryOutcome(false, null, watch.ElapsedMilliseconds, $"No answer within {options.TimeoutSeconds} s.");
        }
        catch (HttpRequestException e)
        {
            return new DeliveryOutcome(false, null, watch.ElapsedMilliseconds, FailureMessage(e));
        }
    }

    /// <summary>The log's text for a non-2xx answer: the status only (a redirect's target is not shown either).</summary>
    internal static string StatusMessage(int status) => status is >= 300 and < 400
        ? $"HTTP {status}: redirects are not followed."
        : $"HTTP {status}: the receiver did not accept the delivery.";

    /// <summary>A fixed text per kind of failure: exception messages may carry addresses or a proxy's answer.</summary>
    internal static string FailureMessage(HttpRequestException e)
    {
        if (e.InnerException is WebhookAddressRefusedException || e is { InnerException.InnerException: WebhookAddressRefusedException })
        {
            return WebhookNetworkPolicy.RefusedMessage;
        }
        return e.HttpRequestError switch
        {
            HttpRequestError.NameResolutionError => "The receiver's host name could not be resolved.",
            HttpRequestError.ConnectionError => "Could not connect to the receiver.",
            HttpRequestError.SecureConnectionError => "The TLS handshake with the receiver failed.",
            HttpRequestError.ResponseEnded or HttpRequestError.InvalidResponse => "The receiver's answer was not valid HTTP.",
            _ => "The delivery failed before the receiver answered.",
        };
    }

    private static async Task DrainCappedAsync(HttpContent content, int maxBytes, CancellationToken ct)
    {
        if (maxBytes == 0)
        {
            return;
        }
        await using var stream = await content.ReadAsStreamAsync(ct);
        var buffer = new byte[Math.Min(maxBytes, 4096)];
        var read = 0;
        while (read < maxBytes)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(0, Math.Min(buffer.Length, maxBytes - read)), ct);
            if (n == 0)
            {
                break;
            }
            read += n;
        }
    }
}
