
namespace CommunityHub.Api.Features.Users;

/// <summary>What the users handlers share: the row, its read and the checks a create or replace makes.</summary>
public static class UserData
{
    public static readonly EntityType Type = new("users");

    /// <summary>A fresh security stamp: every token issued before it stops working (see SessionValidator).</summary>
    internal static string NewStamp() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

    internal static Task<UserRow> GetOrThrowAsync(WriteScope scope, Guid id, CancellationToken ct) =>
        GetOrThrowAsync(scope.Connection, scope.Transaction, id, ct);

    internal static async Task<UserRow> GetOrThrowAsync(DbConnection connection, DbTransaction? transaction, Guid id, CancellationToken ct) =>
        await connection.QuerySingleOrDefaultAsync<UserRow>(new CommandDefinition(
            $"SELECT {UserRow.Columns} FROM users WHERE id = @Id AND deleted_at IS NULL", new { Id = id }, transaction, cancellationToken: ct))
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
            throw new ConflictException(Texts.Get("user.duplicateEmail"));
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
            throw new FieldValidationException("memberId", Texts.Get("unknown.member"));
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
            throw new ConflictException(Texts.Get("user.lastAdmin"));
        }
    }
}

/// <summary>The user row as stored (sign-in reads it too).</summary>
internal sealed class UserRow
{
    public const string Columns = "id, email, display_name, role, member_id, password_hash, security_stamp, created_at, updated_at, version";

    public Guid Id { get; init; }
    public string Email { get; init; } = "";
    public string DisplayName { get; init; } = "";
    public string Role { get; init; } = "";
    public Guid? MemberId { get; init; }
    public string PasswordHash { get; init; } = "";
    public string SecurityStamp { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public long Version { get; init; }

    public Role ParsedRole => Roles.Parse(Role) ?? Infrastructure.Security.Role.Viewer;

    public UserResponse ToResponse() => new(Id, Email, DisplayName, ParsedRole, MemberId, CreatedAt, UpdatedAt, Version);
}
