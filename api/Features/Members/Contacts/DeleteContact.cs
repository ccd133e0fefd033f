
namespace CommunityHub.Api.Features.Members.Contacts;

public sealed record DeleteContactCommand(Guid MemberId, Guid ContactId, long? ExpectedVersion) : IRequest<Unit>;

public sealed class DeleteContactHandler(Db db, ChangeLog changes, TimeProvider clock, ICurrentUser user)
    : IRequestHandler<DeleteContactCommand, Unit>
{
    public async Task<Unit> Handle(DeleteContactCommand request, CancellationToken ct)
    {
        await using var scope = await db.BeginWriteAsync(ct);
        var current = await ContactData.GetForChangeAsync(
            scope, user, request.MemberId, request.ContactId, request.ExpectedVersion, "contact.forbiddenDelete", ct);
        await scope.ArchiveAsync("contacts", request.ContactId, clock.GetUtcNow(), ct);
        await changes.RecordAsync(scope, ContactData.Type, request.ContactId, ChangeOp.Delete, current.Version + 1, null, ct);
        await scope.CommitAsync(ct);
        return Unit.Value;
    }
}
