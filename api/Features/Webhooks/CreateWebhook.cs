using CommunityHub.Api.Features.Changes;

namespace CommunityHub.Api.Features.Webhooks;

/// <summary>Subscribes a receiver from now on: the cursor starts at the feed's head, not at the start of history.</summary>
public sealed record CreateWebhookCommand(WebhookInput Input) : IRequest<WebhookWithSecretResponse>;

public sealed class CreateWebhookHandler(Db db, ChangeLog changes, ChangeFeedReader feed, WebhookSecrets secrets, TimeProvider clock)
    : IRequestHandler<CreateWebhookCommand, WebhookWithSecretResponse>
{
    public async Task<WebhookWithSecretResponse> Handle(CreateWebhookCommand request, CancellationToken ct)
    {
        var input = request.Input;
        var now = clock.GetUtcNow();
        var id = Guid.CreateVersion7(now);
        var secret = WebhookSecrets.New();

        await using var scope = await db.BeginWriteAsync(ct);
        var head = await feed.HeadAsync(scope, ct);
        await scope.Connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO webhook_subscriptions (id, url, types, municipality_code, description, status, secret_protected,
                cursor_position, batch_end_position, failing_since, next_attempt_at, attempt, lease_owner, lease_until,
                created_at, updated_at, version)
            VALUES (@Id, @Url, @Types, @MunicipalityCode, @Description, 'active', @Secret,
                @Head, NULL, NULL, NULL, 0, NULL, NULL, @Now, @Now, 1)
            """,
            new
            {
                Id = id,
                Url = input.Url!.Trim(),
                Types = WebhookInputValidator.TypesText(input.Types!),
                input.MunicipalityCode,
                input.Description,
                Secret = secrets.Protect(secret),
                Head = head,
                Now = now,
            },
            scope.Transaction,
            cancellationToken: ct));
        await changes.RecordAsync(scope, WebhookData.Type, id, ChangeOp.Create, 1, input.MunicipalityCode, ct);
        var created = await WebhookData.GetOrThrowAsync(scope, id, ct);
        await scope.CommitAsync(ct);
        return WebhookWithSecretResponse.From(created.ToResponse(), secret);
    }
}
