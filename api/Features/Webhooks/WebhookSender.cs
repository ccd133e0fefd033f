using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CommunityHub.Api.Infrastructure.Data;
using CommunityHub.Api.Infrastructure.Http;
using Dapper;

namespace CommunityHub.Api.Features.Webhooks;

/// <summary>The outcome of one POST to a receiver.</summary>
public sealed record DeliveryOutcome(bool Delivered, int? StatusCode, long DurationMs, string? Error);

/// <summary>
/// Signs and posts one payload to the subscribed URL (no redirects followed, a timeout, at most
/// <see cref="WebhookOptions.MaxResponseBytes"/> of the answer read), and writes the attempt to the delivery log.
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

    /// <summary>Writes one attempt to the delivery log.</summary>
    public static Task RecordAsync(
        WriteScope scope, Guid subscriptionId, Guid deliveryId, int attempt, DateTimeOffset at, DeliveryOutcome outcome,
        long? firstSeq, long? lastSeq, CancellationToken ct) =>
        scope.Connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO webhook_deliveries (id, subscription_id, delivery_id, attempted_at, status_code, duration_ms, attempt, error, first_seq, last_seq)
            VALUES (@Id, @SubscriptionId, @DeliveryId, @At, @StatusCode, @DurationMs, @Attempt, @Error, @FirstSeq, @LastSeq)
            """,
            new
            {
                Id = Guid.CreateVersion7(at),
                SubscriptionId = subscriptionId,
                DeliveryId = deliveryId,
                At = at,
                outcome.StatusCode,
                outcome.DurationMs,
                Attempt = attempt,
                outcome.Error,
                FirstSeq = firstSeq,
                LastSeq = lastSeq,
            },
            scope.Transaction,
            cancellationToken: ct));

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
