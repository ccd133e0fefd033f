using System.Data.Common;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;

namespace CommunityHub.Api.Infrastructure.Data;

/// <summary>Opens connections for the configured provider. Handlers own their SQL; this only connects.</summary>
public sealed class Db(DatabaseOptions options)
{
    public SqlDialect Dialect { get; } = SqlDialect.For(options.Provider);

    public DatabaseProvider Provider => options.Provider;

    public async Task<DbConnection> OpenAsync(CancellationToken ct)
    {
        DbConnection connection = options.Provider == DatabaseProvider.SqlServer
            ? new SqlConnection(options.ConnectionString)
            : new SqliteConnection(options.ConnectionString);
        try
        {
            await connection.OpenAsync(ct);
            if (connection is SqliteConnection)
            {
                await using var pragma = connection.CreateCommand();
                // The busy timeout lets concurrent writers queue instead of failing; foreign keys are off by default in SQLite.
                pragma.CommandText = "PRAGMA busy_timeout = 10000; PRAGMA foreign_keys = ON;";
                await pragma.ExecuteNonQueryAsync(ct);
            }
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Opens a connection and a write transaction. On SQLite this is <c>BEGIN IMMEDIATE</c>, so the write lock
    /// is taken up front and a read-then-write never fails half way with SQLITE_BUSY.
    /// </summary>
    public async Task<WriteScope> BeginWriteAsync(CancellationToken ct)
    {
        var connection = await OpenAsync(ct);
        try
        {
            var tx = await connection.BeginTransactionAsync(ct);
            return new WriteScope(connection, tx);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}

public sealed class WriteScope(DbConnection connection, DbTransaction transaction) : IAsyncDisposable
{
    public DbConnection Connection { get; } = connection;
    public DbTransaction Transaction { get; } = transaction;

    public Task CommitAsync(CancellationToken ct) => Transaction.CommitAsync(ct);

    public async ValueTask DisposeAsync()
    {
        await Transaction.DisposeAsync();
        await Connection.DisposeAsync();
    }
}
