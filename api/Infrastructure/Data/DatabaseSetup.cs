namespace CommunityHub.Api.Infrastructure.Data;

public static class DatabaseSetup
{
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
