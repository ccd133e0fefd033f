using System.Security.Cryptography;
using CommunityHub.Api.Features.Changes;
using CommunityHub.Api.Infrastructure.Telemetry;

namespace CommunityHub.Api.Features.Webhooks;

/// <summary>
/// One delivery pass over every due subscription. Safe to run from several processes (or in parallel in one) against
/// one database: a subscription is worked on only under a lease taken by an atomic
/// <c>UPDATE … WHERE lease_until &lt; now</c>, and every later write is guarded by that lease
/// (<see cref="WebhookDeliveryState"/>), so one batch is posted by one dispatcher. The change feed is the outbox: a batch is read from committed entries after the cursor, and
/// the cursor moves only after a 2xx, so a receiver sees every entry at least once, in feed order, never a gap.
/// </summary>
public sealed class WebhookDispatcher(
    Db db,
    ChangeFeedReader feed,
    WebhookDeliveryState state,
    WebhookSecrets secrets,
    WebhookSender sender,
    WebhookOptions options,
    TimeProvider clock,
    ILogger<WebhookDispatcher> logger)
{
    /// <summary>Batches per subscription per pass, so one busy subscription does not starve the others.</summary>
    private const int MaxBatchesPerPass = 20;

    private static readonly TimeSpan PruneEvery = TimeSpan.FromMinutes(10);
    private DateTimeOffset lastPrune = DateTimeOffset.MinValue;

    /// <summary>
    /// Delivers what is due now and returns how many batches receivers accepted. The hosted service calls this in a loop;
    /// tests call it directly so they need no sleeps. Once <paramref name="stopping"/> is signalled no new batch is
    /// started, but a batch already posted is finished and recorded (graceful shutdown).
    /// </summary>
    public async Task<int> RunOnceAsync(CancellationToken ct = default, CancellationToken stopping = default)
    {
        var now = clock.GetUtcNow();
        await PruneAsync(now, ct);
        IReadOnlyList<Guid> due;
        await using (var connection = await db.OpenAsync(ct))
        {
            due = (await connection.QueryAsync<Guid>(new CommandDefinition(
                $"SELECT id FROM webhook_subscriptions WHERE {WebhookDeliveryState.Due} ORDER BY id",
                new { Now = now },
                cancellationToken: ct))).ToList();
        }
        var delivered = 0;
        long oldestWaitingTicks = 0;
        await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct }, async (id, token) =>
        {
            if (!stopping.IsCancellationRequested)
            {
                var (accepted, waited) = await DeliverAsync(id, stopping, token);
                Interlocked.Add(ref delivered, accepted);
                InterlockedMax(ref oldestWaitingTicks, waited.Ticks);
            }
        });
        AppMetrics.WebhookPendingAge(TimeSpan.FromTicks(oldestWaitingTicks));
        return delivered;
    }

    private static void InterlockedMax(ref long target, long value)
    {
        for (var current = Volatile.Read(ref target); value > current; current = Volatile.Read(ref target))
        {
            if (Interlocked.CompareExchange(ref target, value, current) == current)
            {
                return;
            }
        }
    }

    /// <summary>Batches accepted, and how long the first entry found waiting had waited.</summary>
    private async Task<(int Delivered, TimeSpan Waited)> DeliverAsync(Guid id, CancellationToken stopping, CancellationToken ct)
    {
        var owner = Guid.NewGuid();
        if (await state.ClaimAsync(id, owner, ct) is not { } row)
        {
            return (0, TimeSpan.Zero);
        }

        var delivered = 0;
        var waited = TimeSpan.Zero;
        try
        {
            string secret;
            try
            {
                secret = secrets.Unprotect(row.SecretProtected);
            }
            catch (CryptographicException e)
            {
                logger.LogError(e, "Webhook {Id}: the signing secret cannot be decrypted (is the Data Protection key ring missing?)", id);
                await state.FailAsync(row, owner, Guid.Empty, null, null,
                    new DeliveryOutcome(false, null, 0, "The signing secret cannot be decrypted; rotate the secret."), ct);
                return (0, TimeSpan.Zero);
            }

            for (var batch = 0; batch < MaxBatchesPerPass && !stopping.IsCancellationRequested; batch++)
            {
                var entries = await feed.ReadAsync(row.CursorPosition, row.TypeList, row.MunicipalityCode, options.BatchSize, ct);
                if (row.BatchEndPosition is { } end)
                {
                    // A retry resends exactly the batch that failed, so its deliveryId is the same.
                    entries = entries.Where(e => e.Seq <= end).ToList();
                }
                if (entries.Count == 0)
                {
                    break;
                }
                if (batch == 0)
                {
                    waited = clock.GetUtcNow() - entries[0].ChangedAt;
                }
                var first = entries[0].Seq;
                var last = entries[^1].Seq;
                var deliveryId = DeliveryId(id, first, last);
                var outcome = await sender.PostAsync(row.Url, secret, new WebhookPayload(id, deliveryId, entries), ct);
                if (!outcome.Delivered)
                {
                    AppMetrics.WebhookDeliveriesFailed.Add(1);
                    await state.FailAsync(row, owner, deliveryId, first, last, outcome, ct);
                    return (delivered, waited);
                }
                AppMetrics.WebhookDeliveriesSucceeded.Add(1);
                var next = await state.SucceedAsync(row, owner, deliveryId, first, last, outcome, ct);
                if (next is null)
                {
                    return (delivered, waited);
                }
                delivered++;
                row = next;
                secret = secrets.Unprotect(row.SecretProtected);
            }
        }
        finally
        {
            await state.ReleaseAsync(id, owner);
        }
        return (delivered, waited);
    }

    /// <summary>
    /// A batch's delivery id, derived from the subscription and the batch's first and last positions: a retry of the
    /// same batch (the range is kept in <c>batch_end_position</c>) carries the same id, so receivers can dedupe by it.
    /// </summary>
    internal static Guid DeliveryId(Guid subscriptionId, long firstSeq, long lastSeq)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{subscriptionId:D}:{firstSeq}:{lastSeq}"));
        var bytes = hash.AsSpan(0, 16).ToArray();
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80); // version 8 (custom, RFC 9562)
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC variant
        return new Guid(bytes, bigEndian: true);
    }

    private async Task PruneAsync(DateTimeOffset now, CancellationToken ct)
    {
        if (now - lastPrune < PruneEvery)
        {
            return;
        }
        lastPrune = now;
        await using var connection = await db.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM webhook_deliveries WHERE attempted_at < @Cutoff",
            new { Cutoff = now.AddDays(-options.LogRetentionDays) },
            cancellationToken: ct));
    }
}
