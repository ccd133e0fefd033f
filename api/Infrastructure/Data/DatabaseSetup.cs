using Microsoft.Data.Sqlite;

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
        var connectionString = configuration.GetConnectionString("CommunityHub");
        if (options.Provider == DatabaseProvider.SqlServer)
        {
            options.ConnectionString = string.IsNullOrWhiteSpace(connectionString)
                ? throw new InvalidOperationException("Database:Provider is SqlServer but ConnectionStrings:CommunityHub is not set.")
                : connectionString;
            return options;
        }

        var sqlite = new SqliteConnectionStringBuilder(connectionString ?? "");
        if (string.IsNullOrWhiteSpace(sqlite.DataSource))
        {
            var folder = options.DataDirectory ?? Path.Combine(environment.ContentRootPath, "App_Data");
            sqlite.DataSource = Path.Combine(folder, "communityhub.db");
        }
        if (sqlite.DataSource != ":memory:" && Path.GetDirectoryName(Path.GetFullPath(sqlite.DataSource)) is { } directory)
        {
            Directory.CreateDirectory(directory);
        }
        sqlite.Mode = SqliteOpenMode.ReadWriteCreate;
        sqlite.Cache = SqliteCacheMode.Private;
        sqlite.DefaultTimeout = 30;
        options.ConnectionString = sqlite.ToString();
        return options;
    }
}
