
namespace CommunityHub.Api.Features.Pilots;

/// <summary>Archives a pilot (soft delete): hidden from lists, 404 on GET, reported to the change feed as a delete.</summary>
public sealed record DeletePilotCommand(Guid Id, long? ExpectedVersion) : IRequest<Unit>;

public sealed class DeletePilotHandler(Db db, ChangeLog changes, TimeProvider clock) : IRequestHandler<DeletePilotCommand, Unit>
{
    public async Task<Unit> Handle(DeletePilotCommand request, CancellationToken ct)
    {
        await using var scope = await db.BeginWriteAsync(ct);
        var current = await PilotData.GetOrThrowAsync(scope.Connection, scope.Transaction, request.Id, null, ct);
        PreconditionFailedException.ThrowIfStale(request.ExpectedVersion, current.Version);
        await scope.ArchiveAsync("pilots", request.Id, clock.GetUtcNow(), ct);
        await changes.RecordAsync(scope, PilotData.Type, request.Id, ChangeOp.Delete, current.Version + 1, current.MunicipalityCode, ct);
        await scope.CommitAsync(ct);
        return Unit.Value;
    }
}
