
namespace CommunityHub.Api.Features.Members.Contacts;

public sealed record DeleteContactCommand(Guid MemberId, Guid ContactId, long? ExpectedVersion) : IRequest<Unit>;

public sealed class DeleteContactHandler(Db db, ChangeLog changes, TimeProvider clock, ICurrentUser user)
    : IRequestHandler<DeleteContactCommand, Unit>
{
    public async Task<Unit> Handle(DeleteContactCommand request, CancellationToken ct)
    {
        await using var scope = await db.BeginWriteAsync(ct);
        var current = await ContactData.GetOrThrowAsync(scope, request.MemberId, request.ContactId, ct);
        if (!user.EditsMember(request.MemberId))
        {
            throw new ForbiddenException(Texts.Get("contact.forbiddenDelete"));
        }
        PreconditionFailedException.ThrowIfStale(request.ExpectedVersion, current.Version);
        var now = clock.GetUtcNow();
        await scope.Connection.ExecuteAsync(new CommandDefinition(
            "UPDATE contacts SET deleted_at = @Now, updated_at = @Now, version = version + 1 WHERE id = @Id",
            new { Id = request.ContactId, Now = now },
            scope.Transaction,
            cancellationToken: ct));
        await changes.RecordAsync(scope, ContactData.Type, request.ContactId, ChangeOp.Delete, current.Version + 1, null, ct);
        await scope.CommitAsync(ct);
        return Unit.Value;
    }
}
