using System.Collections.Concurrent;
using System.Data.Common;
using System.Text;
using System.Text.RegularExpressions;
using CommunityHub.Api.Infrastructure.Data;
using Microsoft.Data.Sqlite;

namespace CommunityHub.Api.Tests.Infrastructure.TSql;

/// <summary>
/// The SQLite dialect with every provider-specific fragment wrapped in a comment that carries the SQL Server
/// dialect's rendering of the same fragment: SQLite runs the statement (comments are ignored), and
/// <see cref="ToSqlServer"/> swaps each fragment for its SQL Server text. So every statement a handler sends during the
/// contract suite is also seen exactly as the SQL Server path would send it.
/// </summary>
public sealed partial class SqlServerRenderingDialect : SqlDialect
{
    private static readonly SqliteDialect Sqlite = new();
    private static readonly SqlServerDialect SqlServer = new();

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public override string Limit(string parameter) => Mark(Sqlite.Limit(parameter), SqlServer.Limit(parameter));

    public override string StringAgg(string expression, string separator, string orderBy) =>
        Mark(Sqlite.StringAgg(expression, separator, orderBy), SqlServer.StringAgg(expression, separator, orderBy));

    public override string ChangePosition => Mark(Sqlite.ChangePosition, SqlServer.ChangePosition);

    public override string ChangesAfter(string parameter) => Mark(Sqlite.ChangesAfter(parameter), SqlServer.ChangesAfter(parameter));

    public override string ChangeOrder => Mark(Sqlite.ChangeOrder, SqlServer.ChangeOrder);

    public override string ChangeHead => Mark(Sqlite.ChangeHead, SqlServer.ChangeHead);

    public override string IdsFromJson(string parameter) => Mark(Sqlite.IdsFromJson(parameter), SqlServer.IdsFromJson(parameter));

    public override string ChangeVersion => Mark(Sqlite.ChangeVersion, SqlServer.ChangeVersion);

    public override string CountInWindow(string table) => Mark(Sqlite.CountInWindow(table), SqlServer.CountInWindow(table));

    /// <summary>The statement as the SQL Server dialect renders it.</summary>
    public static string ToSqlServer(string sqliteText) =>
        Marked().Replace(sqliteText, m => Encoding.UTF8.GetString(Convert.FromBase64String(m.Groups[1].Value)));

    /// <summary>Whether the statement holds a provider-specific fragment.</summary>
    public static bool HasDialectFragment(string sqliteText) => Marked().IsMatch(sqliteText);

    private static string Mark(string sqlite, string sqlServer) =>
        $"/*mssql:{Convert.ToBase64String(Encoding.UTF8.GetBytes(sqlServer))}*/{sqlite}/*end-mssql*/";

    [GeneratedRegex(@"/\*mssql:([A-Za-z0-9+/=]*)\*/.*?/\*end-mssql\*/", RegexOptions.Singleline)]
    private static partial Regex Marked();
}

/// <summary>Every statement text a <see cref="CapturingSqliteConnection"/> was asked to run, checked as T-SQL once per distinct text.</summary>
public static partial class TSqlCapture
{
    private static readonly HashSet<string> OwnStatements = BuildOwnStatements();

    /// <summary>Distinct SQL Server texts with the problems found (empty = parses and names only what exists).</summary>
    public static ConcurrentDictionary<string, IReadOnlyList<string>> Checked { get; } = new(StringComparer.Ordinal);

    public static void Record(string sqliteText)
    {
        if (string.IsNullOrWhiteSpace(sqliteText) || IsMigrationRunnerText(sqliteText))
        {
            return;
        }
        var sqlServer = SqlServerRenderingDialect.ToSqlServer(sqliteText);
        ThrowIfRefused(sqlServer, Checked.GetOrAdd(sqlServer, text => TSqlStatementCheck.Check(text, TSqlSchema.SqlServer)));
    }

    /// <summary>What <see cref="Record"/> does to a statement, without adding it to the run's tally (for tests of the check).</summary>
    public static void CheckOnly(string sqliteText)
    {
        var sqlServer = SqlServerRenderingDialect.ToSqlServer(sqliteText);
        ThrowIfRefused(sqlServer, TSqlStatementCheck.Check(sqlServer, TSqlSchema.SqlServer));
    }

    private static void ThrowIfRefused(string sqlServer, IReadOnlyList<string> problems)
    {
        if (problems.Count > 0)
        {
            throw new InvalidOperationException($"This statement would fail on SQL Server: {string.Join("; ", problems)}\n{sqlServer}");
        }
    }

    // The migration runner's SQLite scripts and pragmas are the SQLite side by design; the SQL Server side is parsed
    // from the migration files themselves.
    // Transaction statements are the SQLite driver's own (SqlClient manages transactions in its protocol).
    private static bool IsMigrationRunnerText(string text) =>
        text.TrimStart().StartsWith("PRAGMA", StringComparison.OrdinalIgnoreCase) || DriverTransaction().IsMatch(text) || OwnStatements.Contains(text);

    [GeneratedRegex(@"^\s*(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE)\b", RegexOptions.IgnoreCase)]
    private static partial Regex DriverTransaction();

    private static HashSet<string> BuildOwnStatements()
    {
        var sqlite = new SqliteMigrationScripts();
        var own = new HashSet<string>(StringComparer.Ordinal);
        own.UnionWith(sqlite.StartMigrations);
        foreach (var migration in MigrationRunner.Available(DatabaseProvider.Sqlite))
        {
            own.UnionWith(sqlite.Batches(migration.Sql));
        }
        return own;
    }
}

/// <summary>SQLite connections as the app opens them, whose commands report their text to <see cref="TSqlCapture"/>.</summary>
public sealed class CapturingSqliteConnections : SqliteConnections
{
    public override DbConnection CreateConnection(string connectionString) => new CapturingSqliteConnection(connectionString);
}

/// <summary>A SQLite connection whose commands report their text to <see cref="TSqlCapture"/> before they run.</summary>
public sealed class CapturingSqliteConnection(string connectionString) : SqliteConnection(connectionString)
{
    public override SqliteCommand CreateCommand() => new CapturingSqliteCommand
    {
        Connection = this,
        CommandTimeout = DefaultTimeout,
        Transaction = Transaction,
    };

    protected override DbCommand CreateDbCommand() => CreateCommand();
}

public sealed class CapturingSqliteCommand : SqliteCommand
{
    public override SqliteDataReader ExecuteReader(System.Data.CommandBehavior behavior)
    {
        TSqlCapture.Record(CommandText);
        return base.ExecuteReader(behavior);
    }
}
