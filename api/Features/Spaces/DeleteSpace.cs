using CommunityHub.Api.Features.Spaces.Bookings;

namespace CommunityHub.Api.Features.Spaces;

/// <summary>Archives a space (staff): its bookings that have not yet ended are cancelled, each with its history entry.</summary>
public sealed record DeleteSpaceCommand(Guid Id, long? ExpectedVersion) : IRequest<Unit>;

public sealed class DeleteSpaceHandler(Db db, ChangeLog changes, TimeProvider clock, ICurrentUser user, BookingMails mails) : IRequestHandler<DeleteSpaceCommand, Unit>
{
    public async Task<Unit> Handle(DeleteSpaceCommand request, CancellationToken ct)
    {
        await using var scope = await db.BeginWriteAsync(ct);
        var current = await SpaceData.LockAsync(scope, request.Id, ct);
        PreconditionFailedException.ThrowIfStale(request.ExpectedVersion, current.Version);
        var now = clock.GetUtcNow();
        var reason = Texts.Get("booking.spaceArchived");
        foreach (var cancelled in await BookingData.CancelFutureAsync(scope, changes, user, "space_id = @SpaceId", new { SpaceId = request.Id }, reason, now, ct))
        {
            await mails.StatusAsync(scope, cancelled, BookingStatus.Cancelled, current, reason, ct);
        }
        await scope.ArchiveAsync("spaces", request.Id, now, ct);
        await changes.RecordAsync(scope, SpaceData.Type, request.Id, ChangeOp.Delete, current.Version + 1, current.MunicipalityCode, ct);
        await scope.CommitAsync(ct);
        return Unit.Value;
    }
}
