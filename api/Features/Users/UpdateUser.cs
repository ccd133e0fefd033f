
namespace CommunityHub.Api.Features.Users;

public sealed record UpdateUserCommand(Guid Id, UserInput Input, long? ExpectedVersion) : IRequest<UserResponse>;

public sealed class UpdateUserHandler(Db db, UserStore users, ChangeLog changes, TimeProvider clock, SessionValidator sessions) : IRequestHandler<UpdateUserCommand, UserResponse>
{
    public async Task<UserResponse> Handle(UpdateUserCommand request, CancellationToken ct)
    {
        await using var scope = await db.BeginWriteAsync(ct);
        var current = await UserData.GetOrThrowAsync(scope, request.Id, ct);
        PreconditionFailedException.ThrowIfStale(request.ExpectedVersion, current.Version);
        var input = request.Input;
        if (current.ParsedRole == Role.Admin && input.Role != Role.Admin)
        {
            await UserData.EnsureAnotherAdminAsync(scope, request.Id, ct);
        }
        await UserData.EnsureEmailFreeAsync(scope, input.Email!, request.Id, ct);
        await UserData.EnsureMemberAsync(scope, input.MemberId, ct);
        // A new role, member or password ends the user's sessions: their tokens still carry the old stamp.
        var endsSessions = input.Role != current.ParsedRole || input.MemberId != current.MemberId || input.Password is not null;
        await scope.Connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE users SET email = @Email, email_normalized = @EmailNormalized, display_name = @DisplayName, role = @Role,
                member_id = @MemberId, password_hash = @PasswordHash, security_stamp = @SecurityStamp, updated_at = @Now, version = version + 1
            WHERE id = @Id
            """,
            new
            {
                request.Id,
                Email = input.Email!.Trim(),
                EmailNormalized = UserInputValidator.Normalize(input.Email),
                input.DisplayName,
                Role = Roles.Name(input.Role!.Value),
                input.MemberId,
                PasswordHash = input.Password is null ? current.PasswordHash : users.Hash(input.Password),
                SecurityStamp = endsSessions ? UserData.NewStamp() : current.SecurityStamp,
                Now = clock.GetUtcNow(),
            },
            scope.Transaction,
            cancellationToken: ct));
        await changes.RecordAsync(scope, UserData.Type, request.Id, ChangeOp.Update, current.Version + 1, null, ct);
        var updated = await UserData.GetOrThrowAsync(scope, request.Id, ct);
        await scope.CommitAsync(ct);
        sessions.Forget(request.Id);
        return updated.ToResponse();
    }
}
