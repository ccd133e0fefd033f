using System.Data.Common;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;

namespace CommunityHub.Api.Infrastructure.Data;

/// <summary>
/// The one seam for what differs between SQLite and SQL Server. Everything else is portable SQL.
/// </summary>
public abstract class SqlDialect
{
    public abstract DatabaseProvider Provider { get; }

    /// <summary>Row limit appended after ORDER BY: <c>LIMIT n</c> or <c>OFFSET 0 ROWS FETCH NEXT n ROWS ONLY</c>.</summary>
    public abstract string Limit(string parameter);

    /// <summary>The database clock as an expression (used only where the database must decide, e.g. health).</summary>
    public abstract string Now { get; }

    /// <summary>
    /// Insert a row unless one with the same key exists: <c>INSERT OR IGNORE</c> / a guarded insert.
    /// </summary>
    public abstract string InsertIfAbsent(string table, string columns, string values, string keyPredicate);

    /// <summary>
    /// Joins the text of a group in the given order: <c>group_concat(… ORDER BY …)</c> (SQLite 3.44+) /
    /// <c>STRING_AGG(…) WITHIN GROUP (ORDER BY …)</c> (SQL Server, as nvarchar(max) so long lists do not overflow).
    /// </summary>
    public abstract string StringAgg(string expression, string separator, string orderBy);

    /// <summary>
    /// A subquery yielding the ids (char(36) text) held in one parameter that is a JSON array of strings, for
    /// <c>col IN (…)</c>: one bound parameter instead of one per id (<c>json_each</c> / <c>OPENJSON … WITH</c>).
    /// </summary>
    public abstract string IdsFromJson(string parameter);

    /// <summary>
    /// One cheap read that changes whenever a change-feed write commits: the newest committed seq on SQLite (one writer at
    /// a time, so seq order is commit order); on SQL Server <c>@@DBTS</c> while no transaction that writes a rowversion
    /// is open, else NULL (a position then cannot prove that a snapshot holds every commit, so the caller must not reuse
    /// or keep anything by it).
    /// </summary>
    public abstract string ChangeHead { get; }

    /// <summary>Case-sensitive substring test on an already case-folded column.</summary>
    public string Contains(string column, string parameter) => $"{column} LIKE {parameter} ESCAPE '\\'";

    public static string LikePattern(string text) =>
        "%" + text.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal)
            .Replace("[", "\\[", StringComparison.Ordinal) + "%";

    /// <summary>A unique or primary key violation from either provider.</summary>
    public static bool IsUniqueViolation(Exception ex) => ex switch
    {
        SqliteException s => s.SqliteExtendedErrorCode is 2067 or 1555,
        SqlException s => s.Number is 2627 or 2601,
        DbException { InnerException: { } inner } => IsUniqueViolation(inner),
        _ => false,
    };

    public static SqlDialect For(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.SqlServer => new SqlServerDialect(),
        _ => new SqliteDialect(),
    };

    /// <summary>The dialect of an open connection, for shared reads that get a connection rather than a <see cref="Db"/>.</summary>
    public static SqlDialect Of(DbConnection connection) => connection is SqlConnection ? SqlServer : Sqlite;

    private static readonly SqlDialect SqlServer = new SqlServerDialect();
    private static readonly SqlDialect Sqlite = new SqliteDialect();
}

public sealed class SqliteDialect : SqlDialect
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public override string Limit(string parameter) => $"LIMIT {parameter}";

    public override string Now => "strftime('%Y-%m-%dT%H:%M:%fZ','now')";

    public override string InsertIfAbsent(string table, string columns, string values, string keyPredicate) =>
        $"INSERT OR IGNORE INTO {table} ({columns}) VALUES ({values})";

    public override string StringAgg(string expression, string separator, string orderBy) =>
        $"group_concat({expression}, {separator} ORDER BY {orderBy})";

    public override string IdsFromJson(string parameter) => $"SELECT value FROM json_each({parameter})";

    public override string ChangeHead => "SELECT COALESCE(MAX(seq), 0) FROM changes";
}

public sealed class SqlServerDialect : SqlDialect
{
    public override DatabaseProvider Provider => DatabaseProvider.SqlServer;

    public override string Limit(string parameter) => $"OFFSET 0 ROWS FETCH NEXT {parameter} ROWS ONLY";

    public override string Now => "SYSUTCDATETIME()";

    public override string InsertIfAbsent(string table, string columns, string values, string keyPredicate) =>
        $"INSERT INTO {table} ({columns}) SELECT {values} WHERE NOT EXISTS (SELECT 1 FROM {table} WITH (UPDLOCK, HOLDLOCK) WHERE {keyPredicate})";

    public override string StringAgg(string expression, string separator, string orderBy) =>
        $"STRING_AGG(CAST({expression} AS NVARCHAR(MAX)), {separator}) WITHIN GROUP (ORDER BY {orderBy})";

    public override string IdsFromJson(string parameter) => $"SELECT id FROM OPENJSON({parameter}) WITH (id CHAR(36) '$')";

    public override string ChangeHead =>
        "SELECT CASE WHEN CAST(MIN_ACTIVE_ROWVERSION() AS BIGINT) = CAST(@@DBTS AS BIGINT) + 1 THEN CAST(@@DBTS AS BIGINT) END";
}
