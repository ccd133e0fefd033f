using CommunityHub.Api.Features.Changes;

namespace CommunityHub.Api.Features.Webhooks;

/// <summary>
/// A subscription's delivery state (the lease, the cursor, the retry schedule, the delivery log) as the dispatcher
/// writes it: the lease is taken by an atomic <c>UPDATE … WHERE lease_until &lt; now</c>, and every later write is
/// guarded by the lease's owner, so a dispatcher whose lease ran out changes nothing. Logs under the dispatcher's
/// category, where delivery problems are looked for.
/// </summary>
public sealed class WebhookDeliveryState(
    IServiceScopeFactory scopes,
    Db db,
    WebhookOptions options,
    TimeProvider clock,
    ILogger<WebhookDispatcher> logger)
{
    /// <summary>A subscription that is due for a delivery and whose lease is free (with <c>@Now</c>).</summary>
    internal const string Due =
        "status = 'active' AND deleted_at IS NULL " +
        "AND (next_attempt_at IS NULL OR next_attempt_at <= @Now) AND (lease_until IS NULL OR lease_until < @Now)";

    private readonly IReadOnlyList<TimeSpan> backoff = options.BackoffSchedule();

    private TimeSpan LeaseLength => TimeSpan.FromSeconds((options.TimeoutSeconds * 2) + 30);

    /// <summary>
    /// Takes the lease on subscription <paramref name="id"/> for <paramref name="owner"/> when the subscription is due and
    /// no other dispatcher holds it; returns the subscription, or null when it was not taken.
    /// </summary>
    internal async Task<WebhookRow?> ClaimAsync(Guid id, Guid owner, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var scope = await db.BeginWriteAsync(ct);
        var claimed = await scope.Connection.ExecuteAsync(new CommandDefinition(
            $"UPDATE webhook_subscriptions SET lease_owner = @Owner, lease_until = @Until WHERE id = @Id AND {Due}",
            new { Id = id, Owner = owner, Until = now + LeaseLength, Now = now },
            scope.Transaction,
            cancellationToken: ct));
        if (claimed == 0)
        {
            return null;
        }
        var row = await WebhookData.GetOrThrowAsync(scope, id, ct);
        await scope.CommitAsync(ct);
        return row;
    }

    /// <summary>Logs the attempt, moves the cursor past the batch and clears the retry state — only while still the lease holder.</summary>
    internal async Task<WebhookRow?> SucceedAsync(WebhookRow row, Guid owner, Guid deliveryId, long first, long last, DeliveryOutcome outcome, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var scope = await db.BeginWriteAsync(ct);
        var updated = await scope.Connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE webhook_subscriptions SET cursor_position = @Last, batch_end_position = NULL, attempt = 0,
                failing_since = NULL, next_attempt_at = NULL, lease_until = @Until
            WHERE id = @Id AND lease_owner = @Owner
            """,
            new { row.Id, Owner = owner, Last = last, Until = now + LeaseLength },
            scope.Transaction,
            cancellationToken: ct));
        if (updated == 0)
        {
            return null;
        }
        await WebhookData.RecordDeliveryAsync(scope, row.Id, deliveryId, row.Attempt + 1, now, outcome, first, last, ct);
        var next = await WebhookData.GetOrThrowAsync(scope, row.Id, ct);
        await scope.CommitAsync(ct);
        return next;
    }

    /// <summary>
    /// Logs the attempt and schedules the retry of the same batch after the backoff; once failures have lasted
    /// <see cref="WebhookOptions.FailingAfter"/> the subscription becomes <c>failing</c> and is no longer attempted.
    /// </summary>
    internal async Task FailAsync(WebhookRow row, Guid owner, Guid deliveryId, long? first, long? last, DeliveryOutcome outcome, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var attempt = row.Attempt + 1;
        var failingSince = row.FailingSince ?? now;
        var failing = now - failingSince >= options.FailingAfter;
        var next = now + WebhookBackoff.Delay(attempt, backoff, options.JitterFraction, Random.Shared.NextDouble());

        await using var scope = await db.BeginWriteAsync(ct);
        var updated = await scope.Connection.ExecuteAsync(new CommandDefinition(
            $"""
            UPDATE webhook_subscriptions SET batch_end_position = @Last, attempt = @Attempt, failing_since = @FailingSince,
                next_attempt_at = @Next
                {(failing ? ", status = 'failing', updated_at = @Now, version = version + 1" : "")}
            WHERE id = @Id AND lease_owner = @Owner
            """,
            new { row.Id, Owner = owner, Last = last, Attempt = attempt, FailingSince = failingSince, Next = next, Now = now },
            scope.Transaction,
            cancellationToken: ct));
        if (updated == 0)
        {
            return;
        }
        await WebhookData.RecordDeliveryAsync(scope, row.Id, deliveryId, attempt, now, outcome, first, last, ct);
        if (failing)
        {
            await using var services = scopes.CreateAsyncScope();
            var version = await scope.Connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT version FROM webhook_subscriptions WHERE id = @Id", new { row.Id }, scope.Transaction, cancellationToken: ct));
            await services.ServiceProvider.GetRequiredService<ChangeLog>()
                .RecordAsync(scope, WebhookData.Type, row.Id, ChangeOp.Transition, version, row.MunicipalityCode, ct);
            logger.LogWarning("Webhook {Id} is now failing after failures since {Since}: {Error}", row.Id, failingSince, outcome.Error);
        }
        await scope.CommitAsync(ct);
    }

    /// <summary>Gives the lease up (when still held by <paramref name="owner"/>) so the next pass may take it at once.</summary>
    internal async Task ReleaseAsync(Guid id, Guid owner)
    {
        try
        {
            await using var connection = await db.OpenAsync(CancellationToken.None);
            await connection.ExecuteAsync(
                "UPDATE webhook_subscriptions SET lease_owner = NULL, lease_until = NULL WHERE id = @Id AND lease_owner = @Owner",
                new { Id = id, Owner = owner });
        }
        catch (Exception e)
        {
            // The lease expires on its own; a failed release only delays the next pass for this subscription.
            logger.LogWarning(e, "Could not release the lease on webhook {Id}", id);
        }
    }
}
