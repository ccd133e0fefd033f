
namespace CommunityHub.Api.Features.Members;

/// <summary>
/// Archives a member (soft delete): hidden from lists, 404 on GET, reported to the change feed as a delete. Its editors'
/// sessions end with it (see SessionValidator) and they cannot sign in until an admin moves or deletes them.
/// </summary>
public sealed record DeleteMemberCommand(Guid Id, long? ExpectedVersion) : IRequest<Unit>;

public sealed class DeleteMemberHandler(Db db, ChangeLog changes, MemberDocuments documents, SessionValidator sessions, TimeProvider clock)
    : IRequestHandler<DeleteMemberCommand, Unit>
{
    public async Task<Unit> Handle(DeleteMemberCommand request, CancellationToken ct)
    {
        await using var scope = await db.BeginWriteAsync(ct);
        var current = await MemberData.GetOrThrowAsync(scope.Connection, scope.Transaction, request.Id, ct);
        PreconditionFailedException.ThrowIfStale(request.ExpectedVersion, current.Version);
        await scope.ArchiveAsync("members", request.Id, clock.GetUtcNow(), ct);
        await changes.RecordAsync(scope, MemberData.Type, request.Id, ChangeOp.Delete, current.Version + 1, current.MunicipalityCode, ct);
        documents.RenderAfterCommit(scope, request.Id);
        await scope.CommitAsync(ct);
        sessions.ForgetMember(request.Id);
        return Unit.Value;
    }
}
