namespace CommunityHub.Api.Infrastructure.Data;

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
}

/// <summary>Bound from the <c>Database</c> section plus <c>ConnectionStrings:CommunityHub</c>.</summary>
public sealed class DatabaseOptions
{
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Folder for the embedded SQLite file when no connection string is given.</summary>
    public string? DataDirectory { get; set; }

    public string ConnectionString { get; set; } = "";
}
