
namespace CommunityHub.Api.Features.Users;

/// <summary>Ends every session of a user (its tokens fail with 401 from the next request on); audited as an update.</summary>
public sealed record SignOutEverywhereCommand(Guid UserId) : IRequest<Unit>;

public sealed class SignOutEverywhereHandler(Db db, ChangeLog changes, TimeProvider clock, SessionValidator sessions)
    : IRequestHandler<SignOutEverywhereCommand, Unit>
{
    public async Task<Unit> Handle(SignOutEverywhereCommand request, CancellationToken ct)
    {
        await using var scope = await db.BeginWriteAsync(ct);
        var current = await UserData.GetOrThrowAsync(scope, request.UserId, ct);
        await scope.Connection.ExecuteAsync(new CommandDefinition(
            "UPDATE users SET security_stamp = @Stamp, updated_at = @Now, version = version + 1 WHERE id = @Id",
            new { Id = request.UserId, Stamp = UserData.NewStamp(), Now = clock.GetUtcNow() },
            scope.Transaction,
            cancellationToken: ct));
        await changes.RecordAsync(scope, UserData.Type, request.UserId, ChangeOp.Update, current.Version + 1, null, ct);
        await scope.CommitAsync(ct);
        sessions.Forget(request.UserId);
        return Unit.Value;
    }
}

/// <summary>The session check's view of the users table (deleted users included, so their tokens fail).</summary>
public sealed class UserSessionStateReader(Db db) : ISessionStateReader
{
    public async Task<SessionState?> ReadAsync(Guid userId, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<SessionRow>(new CommandDefinition(
            "SELECT security_stamp, deleted_at, role, member_id FROM users WHERE id = @Id",
            new { Id = userId },
            cancellationToken: ct));
        return row is null ? null : new SessionState(row.SecurityStamp, row.DeletedAt is not null, row.Role, row.MemberId);
    }

    public async Task<bool> MemberArchivedAsync(Guid memberId, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COUNT(*) FROM members WHERE id = @Id AND deleted_at IS NULL", new { Id = memberId }, cancellationToken: ct)) == 0;
    }

    private sealed class SessionRow
    {
        public string SecurityStamp { get; init; } = "";
        public DateTimeOffset? DeletedAt { get; init; }
        public string Role { get; init; } = "";
        public Guid? MemberId { get; init; }
    }
}
