using CommunityHub.Api.Infrastructure.Time;

namespace CommunityHub.Api.Infrastructure.Data;

/// <summary>
/// Renders the stored documents that are missing, behind their record or of an older format (records written before a
/// read model existed, by an instance that stopped before rendering them, or by another release of the API), in batches, each in its own write transaction: at start
/// and then every <see cref="Interval"/>. Until then those pages are read from the tables, as before. Safe on several
/// instances at once: each batch replaces whole documents inside a write transaction, from the rows as they are then.
/// </summary>
public sealed class DocumentBackfill(IEnumerable<IDocumentSource> sources, Db db, TimeProvider clock, ILogger<DocumentBackfill> logger)
    : BackgroundService
{
    internal const int BatchSize = 200;

    /// <summary>How often the check repeats (one scan of the live records when nothing is behind).</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(10);

    /// <summary>Renders every missing or outdated document of every source; returns how many were written.</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var written = 0;
        foreach (var source in sources)
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var count = await RunAsync(source, ct);
            if (count > 0)
            {
                logger.LogInformation(
                    "Rendered {Count} stored {Name} documents in {Milliseconds} ms.",
                    count, source.Name, (long)System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
            written += count;
        }
        return written;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogError(e, "Rendering stored documents failed; lists read those records from the tables until the next pass.");
            }
            if (!await Passes.WaitAsync(clock, Interval, stoppingToken))
            {
                return;
            }
        }
    }

    private async Task<int> RunAsync(IDocumentSource source, CancellationToken ct)
    {
        var written = 0;
        while (true)
        {
            await using var scope = await db.BeginWriteAsync(ct);
            var ids = (await scope.Connection.QueryAsync<Guid>(new CommandDefinition(
                source.BehindSql(db.Dialect), new { Take = BatchSize, source.Format }, scope.Transaction, cancellationToken: ct))).ToList();
            if (ids.Count == 0)
            {
                return written;
            }
            written += await source.StoreAsync(scope, ids, ct);
            await scope.CommitAsync(ct);
            if (ids.Count < BatchSize)
            {
                return written;
            }
        }
    }
}
