
namespace CommunityHub.Api.Features.Webhooks;

/// <summary>
/// Replaces a subscription. <c>status: active</c> re-enables a paused or failing one: its retry state is cleared
/// and delivery resumes from its cursor, so nothing between is skipped.
/// </summary>
public sealed record UpdateWebhookCommand(Guid Id, WebhookInput Input, long? ExpectedVersion) : IRequest<WebhookResponse>;

public sealed class UpdateWebhookHandler(Db db, ChangeLog changes, TimeProvider clock) : IRequestHandler<UpdateWebhookCommand, WebhookResponse>
{
    public async Task<WebhookResponse> Handle(UpdateWebhookCommand request, CancellationToken ct)
    {
        await using var scope = await db.BeginWriteAsync(ct);
        var current = await WebhookData.GetOrThrowAsync(scope, request.Id, ct);
        PreconditionFailedException.ThrowIfStale(request.ExpectedVersion, current.Version);

        var input = request.Input;
        var status = NextStatus(current.ParsedStatus, input.Status);
        var types = WebhookInputValidator.TypesText(input.Types!);
        var enabling = status == WebhookStatus.Active && current.ParsedStatus != WebhookStatus.Active;
        // A pending retry batch was cut with the old filter; with a new filter (or on re-enabling) the next batch is cut afresh.
        var resetBatch = enabling || types != current.Types || input.MunicipalityCode != current.MunicipalityCode;
        var version = current.Version + 1;
        await scope.Connection.ExecuteAsync(new CommandDefinition(
            $"""
            UPDATE webhook_subscriptions SET url = @Url, types = @Types, municipality_code = @MunicipalityCode,
                description = @Description, status = @Status, updated_at = @Now, version = @Version
                {(resetBatch ? ", batch_end_position = NULL" : "")}
                {(enabling ? ", attempt = 0, failing_since = NULL, next_attempt_at = NULL" : "")}
            WHERE id = @Id
            """,
            new
            {
                request.Id,
                Url = input.Url!.Trim(),
                Types = types,
                input.MunicipalityCode,
                input.Description,
                Status = EnumText.Name(status),
                Now = clock.GetUtcNow(),
                Version = version,
            },
            scope.Transaction,
            cancellationToken: ct));
        await changes.RecordAsync(scope, WebhookData.Type, request.Id, ChangeOp.Update, version, input.MunicipalityCode, ct);
        var updated = await WebhookData.GetOrThrowAsync(scope, request.Id, ct);
        await scope.CommitAsync(ct);
        return updated.ToResponse();
    }

    /// <summary>
    /// Clients may set <c>active</c> or <c>paused</c>; <c>failing</c> is the dispatcher's verdict and can only be sent
    /// back as it is. A missing status keeps the current one.
    /// </summary>
    public static WebhookStatus NextStatus(WebhookStatus current, WebhookStatus? requested) => requested switch
    {
        null => current,
        WebhookStatus.Failing when current == WebhookStatus.Failing => current,
        WebhookStatus.Failing => throw new ConflictException(
            Texts.Get("webhook.failingNotSettable"),
            new Dictionary<string, object?> { ["allowed"] = new[] { "active", "paused" } }),
        { } status => status,
    };
}
