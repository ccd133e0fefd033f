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
}
