using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;

namespace CommunityHub.Api.Infrastructure.Data;

/// <summary>What a database failure means, whichever provider raised it: the one place that knows their error codes.</summary>
public static class DbErrors
{
    /// <summary>
    /// SQL Server errors worth a retry: deadlock victim (1205), lock timeout (1222), command timeout (-2), and the
    /// transient connection, throttling and failover errors Azure SQL documents.
    /// </summary>
    public static readonly HashSet<int> SqlServerTransient =
        [1205, 1222, -2, 20, 64, 233, 4060, 4221, 10053, 10054, 10060, 10928, 10929, 40143, 40197, 40501, 40613, 49918, 49919, 49920];

    /// <summary>A unique or primary key violation from either provider.</summary>
    public static bool IsUniqueViolation(Exception ex) => ex switch
    {
        SqliteException s => s.SqliteExtendedErrorCode is 2067 or 1555,
        SqlException s => s.Number is 2627 or 2601,
        DbException { InnerException: { } inner } => IsUniqueViolation(inner),
        _ => false,
    };

    /// <summary>
    /// A failure that may pass if the request is retried shortly: a write that waited too long for this instance's other
    /// writers, SQLite's database busy or locked (after the busy timeout), SQL Server's deadlock victim, lock timeout,
    /// throttling and failover errors.
    /// </summary>
    public static bool IsTransient(Exception ex) => ex switch
    {
        DatabaseBusyException => true,
        SqliteException s => s.SqliteErrorCode is 5 or 6,
        SqlException s => s.Errors.Cast<SqlError>().Any(e => SqlServerTransient.Contains(e.Number)),
        DbException { InnerException: { } inner } => IsTransient(inner),
        _ => false,
    };
}

/// <summary>A write that did not get its turn in time (<see cref="Db.BeginWriteAsync"/>): answered 503 with Retry-After.</summary>
public sealed class DatabaseBusyException(string message) : DbException(message);
