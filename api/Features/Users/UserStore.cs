using CommunityHub.Api.Infrastructure.Data;
using CommunityHub.Api.Infrastructure.Http;
using CommunityHub.Api.Infrastructure.Security;
using Dapper;
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
        await EnsureEmailFreeAsync(scope, input.Email!, null, ct);
        await EnsureMemberAsync(scope, input.MemberId, ct);
        var now = clock.GetUtcNow();
        var id = Guid.CreateVersion7(now);
        await scope.Connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO users (id, email, email_normalized, display_name, role, member_id, password_hash, created_at, updated_at, version)
            VALUES (@Id, @Email, @EmailNormalized, @DisplayName, @Role, @MemberId, @PasswordHash, @Now, @Now, 1)
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
                Now = now,
            },
            scope.Transaction,
            cancellationToken: ct));
        await changes.RecordAsync(scope, UserData.Type, id, ChangeOp.Create, 1, null, ct);
        return (await GetAsync(scope, id, ct)).ToResponse();
    }

    internal static async Task<UserRow> GetAsync(WriteScope scope, Guid id, CancellationToken ct) =>
        await scope.Connection.QuerySingleOrDefaultAsync<UserRow>(new CommandDefinition(
            $"SELECT {UserRow.Columns} FROM users WHERE id = @Id AND deleted_at IS NULL", new { Id = id }, scope.Transaction, cancellationToken: ct))
        ?? throw new NotFoundException("User", id);

    internal static async Task EnsureEmailFreeAsync(WriteScope scope, string email, Guid? exceptId, CancellationToken ct)
    {
        var taken = await scope.Connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COUNT(*) FROM users WHERE email_normalized = @Email AND deleted_at IS NULL AND (@ExceptId IS NULL OR id <> @ExceptId)",
            new { Email = UserInputValidator.Normalize(email), ExceptId = exceptId?.ToString() },
            scope.Transaction,
            cancellationToken: ct));
        if (taken > 0)
        {
            throw new ConflictException("A user with this email already exists.");
        }
    }

    internal static async Task EnsureMemberAsync(WriteScope scope, Guid? memberId, CancellationToken ct)
    {
        if (memberId is null)
        {
            return;
        }
        var exists = await scope.Connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COUNT(*) FROM members WHERE id = @Id AND deleted_at IS NULL", new { Id = memberId }, scope.Transaction, cancellationToken: ct));
        if (exists == 0)
        {
            throw new FieldValidationException("memberId", "No member has this id.");
        }
    }

    /// <summary>Refuses a change that would leave no active admin, so nobody is locked out of user management.</summary>
    internal static async Task EnsureAnotherAdminAsync(WriteScope scope, Guid leaving, CancellationToken ct)
    {
        var others = await scope.Connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COUNT(*) FROM users WHERE role = 'admin' AND deleted_at IS NULL AND id <> @Id",
            new { Id = leaving }, scope.Transaction, cancellationToken: ct));
        if (others == 0)
        {
            throw new ConflictException("This is the last admin; make another user admin first.");
        }
    }
}
