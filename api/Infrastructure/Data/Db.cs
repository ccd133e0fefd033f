namespace CommunityHub.Api.Infrastructure.Data;

/// <summary>Opens connections for the configured provider. Handlers own their SQL; this only connects.</summary>
public sealed class Db(DatabaseOptions options, SqlDialect dialect, DatabaseConnections connections)
{
    public Db(DatabaseOptions options)
        : this(options, SqlDialect.For(options.Provider), DatabaseConnections.For(options.Provider))
    {
    }

    // This instance's queue of writers where the database has one writer at a time (see BeginWriteAsync): content
    // writers line up in Queue and only its head waits at Gate, where a short write (BeginShortWriteAsync) waits too.
    private readonly (SemaphoreSlim Queue, SemaphoreSlim Gate, TimeSpan Wait)? writers =
        connections.SingleWriterWait(options.ConnectionString) is { } wait ? (new SemaphoreSlim(1, 1), new SemaphoreSlim(1, 1), wait) : null;

    private KeptReads? kept;

    public SqlDialect Dialect { get; } = dialect;

    /// <summary>The reads nearly every request makes, on kept connections where the provider gains by it.</summary>
    public KeptReads Kept => LazyInitializer.EnsureInitialized(ref kept, () => new KeptReads(this, connections));

    /// <summary>For the few callers that cannot await (the Data Protection key store's synchronous interface).</summary>
    public DbConnection Open()
    {
        var connection = connections.CreateConnection(options.ConnectionString);
        try
        {
            connection.Open();
            connections.PrepareAsync(connection, CancellationToken.None).GetAwaiter().GetResult();
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
        var connection = connections.CreateConnection(options.ConnectionString);
        try
        {
            await connection.OpenAsync(ct);
            await connections.PrepareAsync(connection, ct);
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
    /// <remarks>
    /// SQLite has one writer at a time. Its busy handler makes a waiting writer sleep and poll (1, 2, 5 … up to 100 ms),
    /// so with many writers the lock sits idle between one commit and the next poll, and every millisecond a write
    /// holds it costs the others more than that. This instance's writers therefore queue here first, in arrival order,
    /// and the next one starts the moment the previous one is done; the busy handler is left to arbitrate only between
    /// processes. Past the same timeout as the busy handler's the write fails as busy (503 with Retry-After).
    /// </remarks>
    public async Task<WriteScope> BeginWriteAsync(CancellationToken ct)
    {
        if (writers is { } queue)
        {
            var started = Environment.TickCount64;
            if (!await queue.Queue.WaitAsync(queue.Wait, ct))
            {
                throw Busy();
            }
            try
            {
                var left = queue.Wait - TimeSpan.FromMilliseconds(Environment.TickCount64 - started);
                if (!await queue.Gate.WaitAsync(left > TimeSpan.Zero ? left : TimeSpan.Zero, ct))
                {
                    throw Busy();
                }
            }
            finally
            {
                queue.Queue.Release();
            }
        }
        return await BeginAsync(ct);
    }

    /// <summary>
    /// A write transaction for bookkeeping of a statement or two that a request may be waiting for (a shared counter's
    /// block of permits, a key's "last used"): it goes ahead of this instance's queued content writers, so it waits for
    /// the write in progress and at most one more, not for the whole queue. On SQLite a write that is not queued here at
    /// all would wait in SQLite's busy handler instead, polling while the queue hands the lock from one content writer
    /// to the next, and under steady writes that took seconds.
    /// </summary>
    public async Task<WriteScope> BeginShortWriteAsync(CancellationToken ct)
    {
        if (writers is { } queue && !await queue.Gate.WaitAsync(queue.Wait, ct))
        {
            throw Busy();
        }
        return await BeginAsync(ct);
    }

    private static DatabaseBusyException Busy() => new("This instance's writers did not finish in time.");

    // With this instance's gate (where there is one) already taken: released here on failure, else by the scope.
    private async Task<WriteScope> BeginAsync(CancellationToken ct)
    {
        try
        {
            var connection = await OpenAsync(ct);
            try
            {
                var tx = await connection.BeginTransactionAsync(ct);
                return new WriteScope(connection, tx, Dialect, writers?.Gate);
            }
            catch
            {
                await connection.DisposeAsync();
                throw;
            }
        }
        catch
        {
            writers?.Gate.Release();
            throw;
        }
    }
}

/// <summary>
/// A write transaction and its connection. <see cref="CommitAsync"/> then runs what the write asked to happen once it is
/// committed (<see cref="OnCommitted"/>); disposing rolls back an uncommitted write and lets the next writer in.
/// </summary>
public sealed class WriteScope(DbConnection connection, DbTransaction transaction, SqlDialect dialect, SemaphoreSlim? writers = null)
    : IAsyncDisposable
{
    private List<Action>? committed;
    private SemaphoreSlim? writers = writers;

    public DbConnection Connection { get; } = connection;
    public DbTransaction Transaction { get; } = transaction;

    /// <summary>The dialect of the database this write runs on, for SQL that shared reads build.</summary>
    public SqlDialect Dialect { get; } = dialect;

    /// <summary>
    /// Archives a row (the soft delete every archivable table shares): <c>deleted_at</c> and <c>updated_at</c> become
    /// <paramref name="now"/> and the version moves on. <paramref name="table"/> is the caller's constant, never input.
    /// </summary>
    public Task<int> ArchiveAsync(string table, Guid id, DateTimeOffset now, CancellationToken ct) =>
        Connection.ExecuteAsync(new CommandDefinition(
            $"UPDATE {table} SET deleted_at = @Now, updated_at = @Now, version = version + 1 WHERE id = @Id",
            new { Id = id, Now = now },
            Transaction,
            cancellationToken: ct));

    /// <summary>Runs <paramref name="action"/> after the write commits, never if it rolls back.</summary>
    public void OnCommitted(Action action) => (committed ??= []).Add(action);

    public async Task CommitAsync(CancellationToken ct)
    {
        await Transaction.CommitAsync(ct);
        var actions = committed;
        committed = null;
        if (actions is not null)
        {
            foreach (var action in actions)
            {
                action();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Transaction.DisposeAsync();
            await Connection.DisposeAsync();
        }
        finally
        {
            Interlocked.Exchange(ref writers, null)?.Release();
        }
    }
}
