
namespace CommunityHub.Api.Features.Webhooks;

/// <summary>Removes a subscription (soft delete): no further deliveries; its delivery log ages out with the rest.</summary>
public sealed record DeleteWebhookCommand(Guid Id, long? ExpectedVersion) : IRequest<Unit>;

public sealed class DeleteWebhookHandler(Db db, ChangeLog changes, TimeProvider clock) : IRequestHandler<DeleteWebhookCommand, Unit>
{
    public async Task<Unit> Handle(DeleteWebhookCommand request, CancellationToken ct)
    {
        await using var scope = await db.BeginWriteAsync(ct);
        var current = await WebhookData.GetOrThrowAsync(scope, request.Id, ct);
        PreconditionFailedException.ThrowIfStale(request.ExpectedVersion, current.Version);
        await scope.ArchiveAsync("webhook_subscriptions", request.Id, clock.GetUtcNow(), ct);
        await changes.RecordAsync(scope, WebhookData.Type, request.Id, ChangeOp.Delete, current.Version + 1, current.MunicipalityCode, ct);
        await scope.CommitAsync(ct);
        return Unit.Value;
    }
}
