
namespace CommunityHub.Api.Features.Users;

public sealed record DeleteUserCommand(Guid Id, long? ExpectedVersion) : IRequest<Unit>;

public sealed class DeleteUserHandler(Db db, ChangeLog changes, TimeProvider clock, SessionValidator sessions) : IRequestHandler<DeleteUserCommand, Unit>
{
    public async Task<Unit> Handle(DeleteUserCommand request, CancellationToken ct)
    {
        await using var scope = await db.BeginWriteAsync(ct);
        var current = await UserData.GetOrThrowAsync(scope, request.Id, ct);
        PreconditionFailedException.ThrowIfStale(request.ExpectedVersion, current.Version);
        if (current.ParsedRole == Role.Admin)
        {
            await UserData.EnsureAnotherAdminAsync(scope, request.Id, ct);
        }
        var now = clock.GetUtcNow();
        await scope.Connection.ExecuteAsync(new CommandDefinition(
            "UPDATE users SET deleted_at = @Now, security_stamp = @Stamp, updated_at = @Now, version = version + 1 WHERE id = @Id",
            new { request.Id, Now = now, Stamp = UserData.NewStamp() }, scope.Transaction, cancellationToken: ct));
        await changes.RecordAsync(scope, UserData.Type, request.Id, ChangeOp.Delete, current.Version + 1, null, ct);
        await scope.CommitAsync(ct);
        sessions.Forget(request.Id);
        return Unit.Value;
    }
}
