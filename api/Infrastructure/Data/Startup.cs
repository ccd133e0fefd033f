using CommunityHub.Api.Infrastructure.Data.DemoData;

namespace CommunityHub.Api.Infrastructure.Data;

/// <summary>A feature's work before the app takes requests, after migrations and before demo data (e.g. the first admin).</summary>
public interface IStartupTask
{
    Task RunAsync(CancellationToken ct);
}

/// <summary>What runs once before the app takes requests: migrations, the features' start-up tasks, demo data.</summary>
public static class Startup
{
    public static async Task InitializeAsync(WebApplication app, CancellationToken ct = default)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("CommunityHub.Startup");
        await services.GetRequiredService<MigrationRunner>().ApplyAsync(ct);

        // In registration order.
        foreach (var task in services.GetServices<IStartupTask>())
        {
            await task.RunAsync(ct);
        }

        if (app.Configuration.GetValue("Seed:DemoData", app.Environment.IsDevelopment()))
        {
            await SeedDemoDataAsync(services, services.GetRequiredService<Db>(), logger, ct);
        }
    }

    private static async Task SeedDemoDataAsync(IServiceProvider services, Db db, ILogger logger, CancellationToken ct)
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
        logger.LogInformation("Loaded the demo data set.");
    }
}
