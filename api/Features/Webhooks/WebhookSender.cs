using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CommunityHub.Api.Infrastructure.Http;

namespace CommunityHub.Api.Features.Webhooks;

/// <summary>The outcome of one POST to a receiver.</summary>
public sealed record DeliveryOutcome(bool Delivered, int? StatusCode, long DurationMs, string? Error);

/// <summary>
/// Signs and posts one payload to the subscribed URL (no redirects followed, a timeout, at most
/// <see cref="WebhookOptions.MaxResponseBytes"/> of the answer read), and reports the outcome; the caller logs it with
/// <see cref="WebhookData.RecordDeliveryAsync"/>.
/// </summary>
public sealed class WebhookSender(IHttpClientFactory clients, WebhookOptions options, TimeProvider clock)
{
    public const string HttpClientName = "webhooks";
    private const int MaxErrorLength = 500;

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
            var answer = await ReadCappedAsync(response.Content, options.MaxResponseBytes, timeout.Token);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                return new DeliveryOutcome(true, status, watch.ElapsedMilliseconds, null);
            }
            var error = status is >= 300 and < 400
                ? $"HTTP {status}: redirects are not followed ({response.Headers.Location})."
                : $"HTTP {status}" + (answer.Length > 0 ? $": {answer}" : ".");
            return new DeliveryOutcome(false, status, watch.ElapsedMilliseconds, Truncate(error));
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new DeliveryOutcome(false, null, watch.ElapsedMilliseconds, $"No answer within {options.TimeoutSeconds} s.");
        }
        catch (HttpRequestException e)
        {
            return new DeliveryOutcome(false, null, watch.ElapsedMilliseconds, Truncate(e.Message));
        }
    }

    internal static string Truncate(string text) => text.Length <= MaxErrorLength ? text : text[..MaxErrorLength] + "…";

    private static async Task<string> ReadCappedAsync(HttpContent content, int maxBytes, CancellationToken ct)
    {
        if (maxBytes == 0)
        {
            return "";
        }
        await using var stream = await content.ReadAsStreamAsync(ct);
        var buffer = new byte[maxBytes];
        var read = 0;
        while (read < maxBytes)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(read, maxBytes - read), ct);
            if (n == 0)
            {
                break;
            }
            read += n;
        }
        return Truncate(Encoding.UTF8.GetString(buffer, 0, read).Trim());
    }
}
