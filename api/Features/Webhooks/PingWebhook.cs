
namespace CommunityHub.Api.Features.Webhooks;

/// <summary>
/// Posts a signed payload with no items to the receiver now (whatever the subscription's status) and reports what it
/// answered. The attempt is logged; the cursor and retry state are untouched.
/// </summary>
public sealed record PingWebhookCommand(Guid Id) : IRequest<WebhookPingResponse>;

public sealed class PingWebhookHandler(Db db, WebhookSecrets secrets, WebhookSender sender, TimeProvider clock)
    : IRequestHandler<PingWebhookCommand, WebhookPingResponse>
{
    public async Task<WebhookPingResponse> Handle(PingWebhookCommand request, CancellationToken ct)
    {
        WebhookRow row;
        await using (var connection = await db.OpenAsync(ct))
        {
            row = await WebhookData.GetOrThrowAsync(connection, null, request.Id, ct);
        }
        var deliveryId = Guid.CreateVersion7(clock.GetUtcNow());
        var outcome = await sender.PostAsync(row.Url, secrets.Unprotect(row.SecretProtected), new WebhookPayload(row.Id, deliveryId, []), ct);
        await using var scope = await db.BeginWriteAsync(ct);
        await WebhookData.RecordDeliveryAsync(scope, row.Id, deliveryId, 1, clock.GetUtcNow(), outcome, null, null, ct);
        await scope.CommitAsync(ct);
        return new WebhookPingResponse(deliveryId, outcome.Delivered, outcome.StatusCode, outcome.DurationMs, outcome.Error);
    }
}
