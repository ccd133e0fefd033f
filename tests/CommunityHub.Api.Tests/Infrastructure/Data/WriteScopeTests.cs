using CommunityHub.Api.Infrastructure.Data;
using Dapper;
using Microsoft.Data.Sqlite;
using Shouldly;

namespace CommunityHub.Api.Tests.Infrastructure.Data;

/// <summary>
/// A write scope on SQLite: this instance's writers queue for the one write lock in the process, in turn, and what a
/// write asks to happen after it commits happens only then.
/// </summary>
public sealed class WriteScopeTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("communityhub-writescope-").FullName;

    private Db NewDb(int timeoutSeconds = 30)
    {
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(folder, "w.db"),
            DefaultTimeout = timeoutSeconds,
            Pooling = false,
        }.ToString();
        return new Db(new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = connectionString });
    }

    [Fact]
    public async Task A_second_writer_of_the_instance_waits_for_the_first_and_then_goes_ahead()
    {
        var db = NewDb();
        await using (var setup = await db.BeginWriteAsync(CancellationToken.None))
        {
            await setup.Connection.ExecuteAsync("CREATE TABLE t (n INTEGER NOT NULL)", transaction: setup.Transaction);
            await setup.CommitAsync(CancellationToken.None);
        }

        var first = await db.BeginWriteAsync(CancellationToken.None);
        var second = db.BeginWriteAsync(CancellationToken.None);
        second.IsCompleted.ShouldBeFalse("the second writer must queue while the first holds the write");
        await first.Connection.ExecuteAsync("INSERT INTO t (n) VALUES (1)", transaction: first.Transaction);
        await first.CommitAsync(CancellationToken.None);
        second.IsCompleted.ShouldBeFalse("the queue is left when the first scope is disposed, not at commit");
        await first.DisposeAsync();

        await using var next = await second;
        await next.Connection.ExecuteAsync("INSERT INTO t (n) VALUES (2)", transaction: next.Transaction);
        await next.CommitAsync(CancellationToken.None);
        (await next.Connection.ExecuteScalarAsync<long>("SELECT SUM(n) FROM t")).ShouldBe(3);
    }

    [Fact]
    public async Task A_writer_queued_past_the_timeout_fails_as_busy_and_the_queue_stays_usable()
    {
        var db = NewDb(timeoutSeconds: 1);
        var holder = await db.BeginWriteAsync(CancellationToken.None);

        var busy = await Should.ThrowAsync<DatabaseBusyException>(() => db.BeginWriteAsync(CancellationToken.None));
        DbErrors.IsTransient(busy).ShouldBeTrue("a busy write answers 503 with Retry-After, not 500");

        await holder.DisposeAsync();
        await using var after = await db.BeginWriteAsync(CancellationToken.None);
        await after.CommitAsync(CancellationToken.None);
    }

    [Fact]
    public async Task What_a_write_asks_for_after_commit_runs_after_commit_and_never_on_rollback()
    {
        var db = NewDb();
        var ran = new List<string>();

        await using (var rolledBack = await db.BeginWriteAsync(CancellationToken.None))
        {
            rolledBack.OnCommitted(() => ran.Add("rolled back"));
        }
        ran.ShouldBeEmpty();

        await using (var committed = await db.BeginWriteAsync(CancellationToken.None))
        {
            committed.OnCommitted(() => ran.Add("first"));
            committed.OnCommitted(() => ran.Add("second"));
            ran.ShouldBeEmpty();
            await committed.CommitAsync(CancellationToken.None);
            ran.ShouldBe(["first", "second"]);
        }
        ran.ShouldBe(["first", "second"]);
    }

    // The connections are unpooled (other classes' pools are left alone), so nothing holds the file any more.
    public void Dispose() => Directory.Delete(folder, recursive: true);
}
