
namespace CommunityHub.Api.Features.Events;

/// <summary>Archives an event (soft delete): hidden from lists and the calendar, 404 on GET, a delete in the change feed.</summary>
public sealed record DeleteCommunityEventCommand(Guid Id, long? ExpectedVersion) : IRequest<Unit>;

public sealed class DeleteCommunityEventHandler(Db db, ChangeLog changes, TimeProvider clock, ICurrentUser user)
    : IRequestHandler<DeleteCommunityEventCommand, Unit>
{
    public async Task<Unit> Handle(DeleteCommunityEventCommand request, CancellationToken ct)
    {
        await using var scope = await db.BeginWriteAsync(ct);
        var current = await CommunityEventData.LockManagedAsync(scope, user, request.Id, request.ExpectedVersion, ct);
        var now = clock.GetUtcNow();
        await EventSpaceBooking.SyncAsync(scope, changes, user, request.Id, archived: true, now, ct);
        await scope.ArchiveAsync("events", request.Id, now, ct);
        await changes.RecordAsync(scope, CommunityEventData.Type, request.Id, ChangeOp.Delete, current.Version + 1, current.MunicipalityCode, ct);
        await scope.CommitAsync(ct);
        return Unit.Value;
    }
}
