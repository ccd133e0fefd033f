using CommunityHub.Api.Infrastructure.Data.DemoData;

namespace CommunityHub.Api.Features.Users;

/// <summary>
/// The first admin, so someone can sign in: from <c>Bootstrap:AdminEmail</c>/<c>Bootstrap:AdminPassword</c> when no user
/// exists yet; in Development without them, the documented demo admin.
/// </summary>
public sealed class AdminBootstrap(Db db, UserStore users, IConfiguration config, IHostEnvironment environment, ILogger<AdminBootstrap> logger)
    : IStartupTask
{
    public const string DemoAdminEmail = "admin@communityhub.local";
    public const string DemoPassword = "Demo-admin-2026!";

    public async Task RunAsync(CancellationToken ct)
    {
        await using var write = await db.BeginWriteAsync(ct);
        var count = await write.Connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COUNT(*) FROM users", transaction: write.Transaction, cancellationToken: ct));
        if (count > 0)
        {
            return;
        }
        var email = config["Bootstrap:AdminEmail"];
        var password = config["Bootstrap:AdminPassword"];
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrWhiteSpace(password))
        {
            if (!environment.IsDevelopment())
            {
                logger.LogWarning("No users exist and Bootstrap:AdminEmail / Bootstrap:AdminPassword are not set: nobody can sign in yet.");
                return;
            }
            (email, password) = (DemoAdminEmail, DemoPassword);
            logger.LogWarning("Development: created the demo admin {Email} with the documented demo password.", email);
        }
        if (PasswordPolicy.Problem(password) is { } problem)
        {
            throw new InvalidOperationException($"Bootstrap:AdminPassword {problem}; choose a longer, uncommon one.");
        }
        await users.CreateAsync(write, new UserInput(email, "Administrator", Role.Admin, null, password), ct);
        await write.CommitAsync(ct);
    }
}

/// <summary>
/// In Development, with the demo data, one user per role for trying the app, with the same documented demo password;
/// the member editor edits the first demo member. Seeded last, once the members exist.
/// </summary>
public sealed class DemoUsers(Db db, UserStore users, IHostEnvironment environment) : IDemoDataSeeder
{
    public int Order => 100;

    public async Task SeedAsync(DemoDataSet data, CancellationToken ct)
    {
        if (!environment.IsDevelopment())
        {
            return;
        }
        var editorMember = data.Keys.Values.FirstOrDefault();
        await using var write = await db.BeginWriteAsync(ct);
        foreach (var (email, name, role) in new[]
                 {
                     ("staff@communityhub.local", "Sanna Koordinaattori", Role.Staff),
                     ("editor@communityhub.local", "Eero Järjestö", Role.MemberEditor),
                     ("viewer@communityhub.local", "Ville Katselija", Role.Viewer),
                 })
        {
            var exists = await write.Connection.ExecuteScalarAsync<int>(new CommandDefinition(
                "SELECT COUNT(*) FROM users WHERE email_normalized = @Email", new { Email = UserInputValidator.Normalize(email) },
                write.Transaction, cancellationToken: ct));
            if (exists == 0 && (role != Role.MemberEditor || editorMember != Guid.Empty))
            {
                await users.CreateAsync(write, new UserInput(email, name, role, role == Role.MemberEditor ? editorMember : null, AdminBootstrap.DemoPassword), ct);
            }
        }
        await write.CommitAsync(ct);
    }
}
