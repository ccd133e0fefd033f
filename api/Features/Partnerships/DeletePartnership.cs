
namespace CommunityHub.Api.Features.Partnerships;

/// <summary>Archives a partnership (soft delete): hidden from lists and export, 404 on GET, a delete in the change feed.</summary>
public sealed record DeletePartnershipCommand(Guid Id, long? ExpectedVersion) : IRequest<Unit>;

public sealed class DeletePartnershipHandler(Db db, ChangeLog changes, PartnershipDocuments documents, TimeProvider clock, ICurrentUser user)
    : IRequestHandler<DeletePartnershipCommand, Unit>
{
    public async Task<Unit> Handle(DeletePartnershipCommand request, CancellationToken ct)
    {
        await using var scope = await db.BeginWriteAsync(ct);
        var current = await PartnershipData.GetForWriteAsync(scope, request.Id, user, request.ExpectedVersion, ct);
        var now = clock.GetUtcNow();
        var updated = await scope.Connection.ExecuteAsync(new CommandDefinition(
            "UPDATE partnerships SET deleted_at = @Now, updated_at = @Now, version = version + 1 WHERE id = @Id AND version = @Version",
            new { request.Id, Now = now, current.Version },
            scope.Transaction,
            cancellationToken: ct));
        PreconditionFailedException.ThrowIfNoneChanged(updated, current.Version);
        await changes.RecordAsync(scope, PartnershipData.Type, request.Id, ChangeOp.Delete, current.Version + 1, current.MunicipalityCode, ct);
        documents.RenderAfterCommit(scope, request.Id);
        await scope.CommitAsync(ct);
        return Unit.Value;
    }
}
