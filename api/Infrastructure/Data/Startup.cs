using CommunityHub.Api.Features.Users;
using CommunityHub.Api.Infrastructure.Data.DemoData;
using CommunityHub.Api.Infrastructure.Security;
using Dapper;

namespace CommunityHub.Api.Infrastructure.Data;

/// <summary>What runs once before the app takes requests: migrations, the first admin, demo data.</summary>
public static class Startup
{
    public const string DemoAdminEmail = "admin@communityhub.local";
    public const string DemoPassword = "Demo-admin-2026!";

    public static async Task InitializeAsync(WebApplication app, CancellationToken ct = default)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("CommunityHub.Startup");
        await services.GetRequiredService<MigrationRunner>().ApplyAsync(ct);

        var db = services.GetRequiredService<Db>();
        var config = app.Configuration;
        var isDevelopment = app.Environment.IsDevelopment();
        await BootstrapAdminAsync(services, db, config, isDevelopment, logger, ct);

        if (config.GetValue("Seed:DemoData", isDevelopment))
        {
            await SeedDemoDataAsync(services, db, isDevelopment, logger, ct);
        }
    }

    private static async Task BootstrapAdminAsync(
        IServiceProvider services, Db db, IConfiguration config, bool isDevelopment, ILogger logger, CancellationToken ct)
    {
        await using var write = await db.BeginWriteAsync(ct);
        var users = await write.Connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COUNT(*) FROM users", transaction: write.Transaction, cancellationToken: ct));
        if (users > 0)
        {
            return;
        }
        var email = config["Bootstrap:AdminEmail"];
        var password = config["Bootstrap:AdminPassword"];
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrWhiteSpace(password))
        {
            if (!isDevelopment)
            {
                logger.LogWarning("No users exist and Bootstrap:AdminEmail / Bootstrap:AdminPassword are not set: nobody can sign in yet.");
                return;
            }
            (email, password) = (DemoAdminEmail, DemoPassword);
            logger.LogWarning("Development: created the demo admin {Email} with the documented demo password.", email);
        }
        if (password.Length < UserInputValidator.MinPasswordLength)
        {
            throw new InvalidOperationException($"Bootstrap:AdminPassword must be at least {UserInputValidator.MinPasswordLength} characters.");
        }
        await services.GetRequiredService<UserStore>().CreateAsync(
            write, new UserInput(email, "Administrator", Role.Admin, null, password), ct);
        await write.CommitAsync(ct);
    }

    private static async Task SeedDemoDataAsync(IServiceProvider services, Db db, bool isDevelopment, ILogger logger, CancellationToken ct)
    {
        await using (var connection = await db.OpenAsync(ct))
        {
            var members = await connection.ExecuteScalarAsync<int>(new CommandDefinition("SELECT COUNT(*) FROM members", cancellationToken: ct));
            if (members > 0)
            {
                return;
            }
        }
        var data = DemoDataSet.Load();
        using var system = HttpCurrentUser.ActAsSystem(services.GetRequiredService<AuthSettings>(), "CommunityHub demo data");
        foreach (var seeder in services.GetServices<IDemoDataSeeder>().OrderBy(s => s.Order))
        {
            await seeder.SeedAsync(data, ct);
        }
        if (isDevelopment)
        {
            await SeedDemoUsersAsync(services, db, data, ct);
        }
        logger.LogInformation("Loaded the demo data set.");
    }

    /// <summary>One user per role for trying the app in Development; the same documented demo password.</summary>
    private static async Task SeedDemoUsersAsync(IServiceProvider services, Db db, DemoDataSet data, CancellationToken ct)
    {
        var store = services.GetRequiredService<UserStore>();
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
                await store.CreateAsync(write, new UserInput(email, name, role, role == Role.MemberEditor ? editorMember : null, DemoPassword), ct);
            }
        }
        await write.CommitAsync(ct);
    }
}
