
namespace CommunityHub.Api.Infrastructure.Data;

/// <summary>Opens connections for the configured provider. Handlers own their SQL; this only connects.</summary>
public sealed class Db(DatabaseOptions options, SqlDialect dialect)
{
    public Db(DatabaseOptions options)
        : this(options, SqlDialect.For(options.Provider))
    {
    }

    public SqlDialect Dialect { get; } = dialect;

    /// <summary>For the few callers that cannot await (the Data Protection key store's synchronous interface).</summary>
    public DbConnection Open()
    {
        var connection = Dialect.CreateConnection(options.ConnectionString);
        try
        {
            connection.Open();
            Dialect.PrepareAsync(connection, CancellationToken.None).GetAwaiter().GetResult();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public async Task<DbConnection> OpenAsync(CancellationToken ct)
    {
        var connection = Dialect.CreateConnection(options.ConnectionString);
        try
        {
            await connection.OpenAsync(ct);
            await Dialect.PrepareAsync(connection, ct);
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
            return new WriteScope(connection, tx, Dialect);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}

public sealed class WriteScope(DbConnection connection, DbTransaction transaction, SqlDialect dialect) : IAsyncDisposable
{
    public DbConnection Connection { get; } = connection;
    public DbTransaction Transaction { get; } = transaction;

    /// <summary>The dialect of the database this write runs on, for SQL that shared reads build.</summary>
    public SqlDialect Dialect { get; } = dialect;

    public Task CommitAsync(CancellationToken ct) => Transaction.CommitAsync(ct);

    public async ValueTask DisposeAsync()
    {
        await Transaction.DisposeAsync();
        await Connection.DisposeAsync();
    }
}
