namespace CommunityHub.Api.Infrastructure.Data;

public static class DatabaseSetup
{
    /// <summary>
    /// The database as configured (<see cref="Options"/>), its migrations, the per-window counters the rate limits share
    /// and the change log every write records in.
    /// </summary>
    public static IServiceCollection AddCommunityHubData(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddSingleton(Options(configuration, environment));
        services.AddSingleton<Db>();
        services.AddSingleton<SharedWindowCounter>();
        services.AddSingleton<MigrationRunner>();
        services.AddScoped<ChangeLog>();
        return services;
    }

    /// <summary>
    /// Reads <c>Database:Provider</c> and <c>ConnectionStrings:CommunityHub</c>. With neither, a SQLite file in the
    /// app's data folder (<c>Database:DataDirectory</c>, default <c>App_Data</c> under the content root), created on first start.
    /// </summary>
    public static DatabaseOptions Options(IConfiguration configuration, IHostEnvironment environment)
    {
        var options = new DatabaseOptions();
        configuration.GetSection("Database").Bind(options);
        options.ConnectionString = DatabaseConnections.For(options.Provider)
            .ConnectionString(configuration.GetConnectionString("CommunityHub"), DataFolder(options, environment));
        return options;
    }

    /// <summary>The app's data folder: <c>Database:DataDirectory</c>, default <c>App_Data</c> under the content root.</summary>
    public static string DataFolder(DatabaseOptions options, IHostEnvironment environment) =>
        options.DataDirectory ?? Path.Combine(environment.ContentRootPath, "App_Data");
}
