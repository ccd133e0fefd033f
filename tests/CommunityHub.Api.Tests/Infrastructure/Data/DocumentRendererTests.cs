using CommunityHub.Api.Infrastructure.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Shouldly;

namespace CommunityHub.Api.Tests.Infrastructure.Data;

/// <summary>
/// The renderer of stored documents after the write: what it queues (records written in committed writes, each
/// record once per batch) and what it does when a batch fails (once more for a concurrent write, then left to the backfill).
/// </summary>
public sealed class DocumentRendererTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("communityhub-renderer-").FullName;
    private readonly Db db;
    private readonly FakeSource source = new();
    private readonly FakeSource other = new();
    private readonly DocumentRenderer renderer;

    public DocumentRendererTests()
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, "r.db"), Pooling = false }.ToString();
        db = new Db(new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = connectionString });
        renderer = new DocumentRenderer(db, NullLogger<DocumentRenderer>.Instance);
    }

    private async Task WriteAsync(bool commit, params (FakeSource Source, Guid Id)[] changes)
    {
        await using var scope = await db.BeginWriteAsync(CancellationToken.None);
        foreach (var (documents, id) in changes)
        {
            renderer.Written(scope, documents, id);
        }
        if (commit)
        {
            await scope.CommitAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task Committed_writes_are_rendered_once_each_by_their_source_and_rolled_back_ones_never()
    {
        Guid a = Guid.NewGuid(), b = Guid.NewGuid(), c = Guid.NewGuid(), d = Guid.NewGuid();
        await WriteAsync(commit: true, (source, a), (other, d));
        await WriteAsync(commit: true, (source, a), (source, b));
        await WriteAsync(commit: false, (source, c));
        await WriteAsync(commit: true, (source, a));

        (await renderer.RenderWrittenAsync(CancellationToken.None)).ShouldBe(3);
        source.Batches.Count.ShouldBe(1);
        source.Batches[0].ShouldBe([a, b], ignoreOrder: true);
        other.Batches.ShouldHaveSingleItem().ShouldBe([d]);

        (await renderer.RenderWrittenAsync(CancellationToken.None)).ShouldBe(0);
        source.Batches.Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_batch_meeting_a_concurrent_write_is_tried_once_more_and_one_that_keeps_failing_is_left_to_the_backfill()
    {
        var first = Guid.NewGuid();
        source.Failures.Enqueue(new SqliteException("UNIQUE constraint failed: documents.id", 19, 2067));
        await WriteAsync(commit: true, (source, first));
        (await renderer.RenderWrittenAsync(CancellationToken.None)).ShouldBe(1);
        source.Batches.ShouldHaveSingleItem().ShouldBe([first]);

        var second = Guid.NewGuid();
        source.Failures.Enqueue(new SqliteException("UNIQUE constraint failed: documents.id", 19, 2067));
        source.Failures.Enqueue(new SqliteException("UNIQUE constraint failed: documents.id", 19, 2067));
        await WriteAsync(commit: true, (source, second));
        (await renderer.RenderWrittenAsync(CancellationToken.None)).ShouldBe(0);

        // A failure that a retry cannot mend (not a conflict, not busy) is not retried; later writes render as before.
        var third = Guid.NewGuid();
        source.Failures.Enqueue(new InvalidOperationException("a render bug"));
        await WriteAsync(commit: true, (source, third));
        (await renderer.RenderWrittenAsync(CancellationToken.None)).ShouldBe(0);
        source.Attempts.ShouldBe(5);

        var fourth = Guid.NewGuid();
        await WriteAsync(commit: true, (source, fourth));
        (await renderer.RenderWrittenAsync(CancellationToken.None)).ShouldBe(1);
        source.Batches[^1].ShouldBe([fourth]);
    }

    // Unpooled connections: nothing holds the file once a test is done.
    public void Dispose() => Directory.Delete(folder, recursive: true);

    private sealed class FakeSource : IDocumentSource
    {
        public List<Guid[]> Batches { get; } = [];

        public Queue<Exception> Failures { get; } = new();

        public int Attempts { get; private set; }

        public string Name => "things";

        public string Format => "test";

        public string BehindSql(SqlDialect dialect) => throw new NotSupportedException();

        public Task<int> StoreAsync(WriteScope scope, IReadOnlyCollection<Guid> ids, CancellationToken ct)
        {
            Attempts++;
            if (Failures.TryDequeue(out var failure))
            {
                throw failure;
            }
            Batches.Add([.. ids]);
            return Task.FromResult(ids.Count);
        }
    }
}
