using System.Text.RegularExpressions;

namespace CommunityHub.Api.Infrastructure.Data;

/// <summary>How a provider runs the numbered migration scripts (<see cref="MigrationRunner"/>).</summary>
public abstract class MigrationScripts
{
    public static MigrationScripts For(DatabaseProvider provider) =>
        provider == DatabaseProvider.SqlServer ? new SqlServerMigrationScripts() : new SqliteMigrationScripts();

    /// <summary>Run once per migration run on the open connection, outside any transaction.</summary>
    public virtual string? BeforeMigrations => null;

    /// <summary>
    /// Run first in the migration transaction: whatever keeps two processes from migrating at once, then creating
    /// <c>schema_version</c> when it is missing.
    /// </summary>
    public abstract IReadOnlyList<string> StartMigrations { get; }

    /// <summary>A migration script split into the batches the provider runs one by one.</summary>
    public virtual IEnumerable<string> Batches(string script) => [script];
}

public sealed class SqliteMigrationScripts : MigrationScripts
{
    // WAL lets readers run beside the single writer; the setting is stored in the database file.
    public override string? BeforeMigrations => "PRAGMA journal_mode = WAL;";

    // The migration transaction itself holds SQLite's one write lock.
    public override IReadOnlyList<string> StartMigrations =>
        ["CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);"];
}

public sealed partial class SqlServerMigrationScripts : MigrationScripts
{
    public override IReadOnlyList<string> StartMigrations =>
    [
        "EXEC sp_getapplock @Resource = 'communityhub_migrations', @LockMode = 'Exclusive', @LockOwner = 'Transaction', @LockTimeout = 60000;",
        """
        IF OBJECT_ID(N'schema_version', N'U') IS NULL
        CREATE TABLE schema_version (version INT NOT NULL PRIMARY KEY, name NVARCHAR(200) NOT NULL, applied_at DATETIMEOFFSET(7) NOT NULL);
        """,
    ];

    /// <summary>Scripts are split on lines holding only <c>GO</c>.</summary>
    public override IEnumerable<string> Batches(string script) =>
        GoSeparator().Split(script).Where(b => !string.IsNullOrWhiteSpace(b));

    [GeneratedRegex(@"^\s*GO\s*$", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex GoSeparator();
}
