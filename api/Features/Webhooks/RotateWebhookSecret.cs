
namespace CommunityHub.Api.Features.Webhooks;

/// <summary>Replaces the signing secret; every delivery from now on (retries included) is signed with the new one.</summary>
public sealed record RotateWebhookSecretCommand(Guid Id, long? ExpectedVersion) : IRequest<WebhookWithSecretResponse>;

public sealed class RotateWebhookSecretHandler(Db db, ChangeLog changes, WebhookSecrets secrets, TimeProvider clock)
    : IRequestHandler<RotateWebhookSecretCommand, WebhookWithSecretResponse>
{
    public async Task<WebhookWithSecretResponse> Handle(RotateWebhookSecretCommand request, CancellationToken ct)
    {
        await using var scope = await db.BeginWriteAsync(ct);
        var current = await WebhookData.GetOrThrowAsync(scope, request.Id, ct);
        PreconditionFailedException.ThrowIfStale(request.ExpectedVersion, current.Version);
        var secret = WebhookSecrets.New();
        var version = current.Version + 1;
        await scope.Connection.ExecuteAsync(new CommandDefinition(
            "UPDATE webhook_subscriptions SET secret_protected = @Secret, updated_at = @Now, version = @Version WHERE id = @Id",
            new { request.Id, Secret = secrets.Protect(secret), Now = clock.GetUtcNow(), Version = version },
            scope.Transaction,
            cancellationToken: ct));
        await changes.RecordAsync(scope, WebhookData.Type, request.Id, ChangeOp.Update, version, current.MunicipalityCode, ct);
        var updated = await WebhookData.GetOrThrowAsync(scope, request.Id, ct);
        await scope.CommitAsync(ct);
        return WebhookWithSecretResponse.From(updated.ToResponse(), secret);
    }
}
