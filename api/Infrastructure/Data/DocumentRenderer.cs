using System.Threading.Channels;

namespace CommunityHub.Api.Infrastructure.Data;

/// <summary>
/// Renders the stored documents of the records this instance writes, once each write has committed, in batches: every
/// record written while the previous batch was being stored goes into the next one, a record written several times in
/// between is rendered once, and the batch takes the write lock once (one read, one delete and the inserts) instead of
/// every write holding it longer for its own document (rendering inside each write cost the write path 10–40 % of its
/// throughput on SQLite's single writer).
/// </summary>
/// <remarks>
/// <para>Until its document is stored, a page showing the record is written from the tables (the version and format check of
/// <see cref="DocumentProjection{TRecord}.Page"/>), so the delay is never visible in an answer, only in its cost.</para>
/// <para>A batch renders each record as it is when the batch runs, so a write that commits meanwhile only queues its
/// record again. A batch that meets a concurrent write (a unique violation: another instance stored one of its documents
/// meanwhile) or a busy database is tried once more. A batch that still fails (logged) leaves its documents behind;
/// <see cref="DocumentBackfill"/> renders them on its next pass, as it does for writes of an instance that stopped
/// before rendering them. A failed render never fails the write: that has committed already.</para>
/// </remarks>
public sealed class DocumentRenderer(Db db, ILogger<DocumentRenderer> logger) : BackgroundService
{
    private readonly Channel<(IDocumentSource Source, Guid Id)> written =
        Channel.CreateUnbounded<(IDocumentSource, Guid)>(new UnboundedChannelOptions { SingleReader = false, SingleWriter = false });
    private readonly SemaphoreSlim rendering = new(1, 1);

    /// <summary>Queues the document of <paramref name="id"/> for rendering once <paramref name="scope"/> commits.</summary>
    public void Written(WriteScope scope, IDocumentSource source, Guid id) =>
        scope.OnCommitted(() => written.Writer.TryWrite((source, id)));

    /// <summary>
    /// Renders and stores the documents of every record queued so far (and of those queued while it runs); returns how
    /// many documents were stored. When it returns, every write committed before the call has its document.
    /// </summary>
    public async Task<int> RenderWrittenAsync(CancellationToken ct)
    {
        await rendering.WaitAsync(ct);
        try
        {
            var stored = 0;
            var batch = new Dictionary<IDocumentSource, HashSet<Guid>>();
            while (true)
            {
                batch.Clear();
                var count = 0;
                while (count < DocumentBackfill.BatchSize && written.Reader.TryRead(out var item))
                {
                    if (!batch.TryGetValue(item.Source, out var ids))
                    {
                        batch[item.Source] = ids = [];
                    }
                    if (ids.Add(item.Id))
                    {
                        count++;
                    }
                }
                if (count == 0)
                {
                    return stored;
                }
                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        stored += await StoreAsync(batch, ct);
                        break;
                    }
                    catch (Exception e) when (attempt == 1 && (DbErrors.IsUniqueViolation(e) || DbErrors.IsTransient(e)) && !ct.IsCancellationRequested)
                    {
                        // Another instance stored one of these documents between this batch's delete and insert (SQL
                        // Server, two instances writing one record), or the database was busy: once more, from the rows
                        // as they are now.
                        logger.LogInformation(e, "Rendering the stored documents of {Count} written records met a concurrent write; retrying once.", count);
                    }
                    catch (Exception e) when (!ct.IsCancellationRequested)
                    {
                        logger.LogError(
                            e, "Rendering the stored documents of {Count} written records failed; lists read them from the tables until the next backfill.",
                            count);
                        break;
                    }
                }
            }
        }
        finally
        {
            rendering.Release();
        }
    }

    private async Task<int> StoreAsync(Dictionary<IDocumentSource, HashSet<Guid>> batch, CancellationToken ct)
    {
        var stored = 0;
        await using var scope = await db.BeginWriteAsync(ct);
        foreach (var (source, ids) in batch)
        {
            stored += await source.StoreAsync(scope, ids, ct);
        }
        await scope.CommitAsync(ct);
        return stored;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await written.Reader.WaitToReadAsync(stoppingToken))
            {
                await RenderWrittenAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
