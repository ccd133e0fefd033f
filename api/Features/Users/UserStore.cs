using Microsoft.AspNetCore.Identity;

namespace CommunityHub.Api.Features.Users;

/// <summary>The writes that both the admin endpoints and start-up bootstrap use to create users.</summary>
public sealed class UserStore(ChangeLog changes, TimeProvider clock, IPasswordHasher<UserStore> hasher)
{
    public string Hash(string password) => hasher.HashPassword(this, password);

    public bool Verify(string hash, string password) =>
        hasher.VerifyHashedPassword(this, hash, password) != PasswordVerificationResult.Failed;

    public async Task<UserResponse> CreateAsync(WriteScope scope, UserInput input, CancellationToken ct)
    {
        await UserData.EnsureEmailFreeAsync(scope, input.Email!, null, ct);
        await UserData.EnsureMemberAsync(scope, input.MemberId, ct);
        var now = clock.GetUtcNow();
        var id = Guid.CreateVersion7(now);
        await scope.Connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO users (id, email, email_normalized, display_name, role, member_id, password_hash, security_stamp, created_at, updated_at, version)
            VALUES (@Id, @Email, @EmailNormalized, @DisplayName, @Role, @MemberId, @PasswordHash, @SecurityStamp, @Now, @Now, 1)
            """,
            new
            {
                Id = id,
                Email = input.Email!.Trim(),
                EmailNormalized = UserInputValidator.Normalize(input.Email),
                input.DisplayName,
                Role = Roles.Name(input.Role!.Value),
                input.MemberId,
                PasswordHash = Hash(input.Password!),
                SecurityStamp = UserData.NewStamp(),
                Now = now,
            },
            scope.Transaction,
            cancellationToken: ct));
        await changes.RecordAsync(scope, UserData.Type, id, ChangeOp.Create, 1, null, ct);
        return (await UserData.GetOrThrowAsync(scope, id, ct)).ToResponse();
    }
}
