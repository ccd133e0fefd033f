
namespace CommunityHub.Api.Features.Webhooks;

/// <summary>What the webhooks handlers and the dispatcher share: the rows, the subscription's read and the delivery log's write.</summary>
public static class WebhookData
{
    public static readonly EntityType Type = new("webhooks");

    internal static Task<WebhookRow> GetOrThrowAsync(WriteScope scope, Guid id, CancellationToken ct) =>
        GetOrThrowAsync(scope.Connection, scope.Transaction, id, ct);

    internal static async Task<WebhookRow> GetOrThrowAsync(DbConnection connection, DbTransaction? transaction, Guid id, CancellationToken ct) =>
        await connection.QuerySingleOrDefaultAsync<WebhookRow>(new CommandDefinition(
            $"SELECT {WebhookRow.Columns} FROM webhook_subscriptions w WHERE w.id = @Id AND w.deleted_at IS NULL",
            new { Id = id },
            transaction,
            cancellationToken: ct)) ?? throw new NotFoundException("Webhook", id);

    /// <summary>Writes one attempt (a batch or a ping) to the delivery log.</summary>
    public static Task RecordDeliveryAsync(
        WriteScope scope, Guid subscriptionId, Guid deliveryId, int attempt, DateTimeOffset at, DeliveryOutcome outcome,
        long? firstSeq, long? lastSeq, CancellationToken ct) =>
        scope.Connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO webhook_deliveries (id, subscription_id, delivery_id, attempted_at, status_code, duration_ms, attempt, error, first_seq, last_seq)
            VALUES (@Id, @SubscriptionId, @DeliveryId, @At, @StatusCode, @DurationMs, @Attempt, @Error, @FirstSeq, @LastSeq)
            """,
            new
            {
                Id = Guid.CreateVersion7(at),
                SubscriptionId = subscriptionId,
                DeliveryId = deliveryId,
                At = at,
                outcome.StatusCode,
                outcome.DurationMs,
                Attempt = attempt,
                outcome.Error,
                FirstSeq = firstSeq,
                LastSeq = lastSeq,
            },
            scope.Transaction,
            cancellationToken: ct));
}

/// <summary>The subscription row as stored.</summary>
internal sealed class WebhookRow
{
    public const string Columns =
        "w.id, w.url, w.types, w.municipality_code, w.description, w.status, w.secret_protected, w.cursor_position, " +
        "w.batch_end_position, w.failing_since, w.next_attempt_at, w.attempt, w.lease_owner, w.lease_until, " +
        "w.created_at, w.updated_at, w.version";

    public Guid Id { get; init; }
    public string Url { get; init; } = "";
    public string Types { get; init; } = "";
    public string? MunicipalityCode { get; init; }
    public string? Description { get; init; }
    public string Status { get; init; } = "";
    public string SecretProtected { get; init; } = "";
    public long CursorPosition { get; init; }
    public long? BatchEndPosition { get; init; }
    public DateTimeOffset? FailingSince { get; init; }
    public DateTimeOffset? NextAttemptAt { get; init; }
    public int Attempt { get; init; }
    public string? LeaseOwner { get; init; }
    public DateTimeOffset? LeaseUntil { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public long Version { get; init; }

    public IReadOnlyList<string> TypeList => Types.Split(',', StringSplitOptions.RemoveEmptyEntries);

    public WebhookStatus ParsedStatus => EnumText.Parse<WebhookStatus>(Status);

    public WebhookResponse ToResponse() =>
        new(Id, Url, TypeList, MunicipalityCode, Description, ParsedStatus, CreatedAt, UpdatedAt, Version,
            FailingSince, ParsedStatus == WebhookStatus.Active ? NextAttemptAt : null);
}

/// <summary>One delivery attempt as logged.</summary>
internal sealed class DeliveryRow
{
    public const string Columns = "id, delivery_id, attempted_at, status_code, duration_ms, attempt, error, first_seq, last_seq";

    public Guid Id { get; init; }
    public Guid DeliveryId { get; init; }
    public DateTimeOffset AttemptedAt { get; init; }
    public int? StatusCode { get; init; }
    public long DurationMs { get; init; }
    public int Attempt { get; init; }
    public string? Error { get; init; }
    public long? FirstSeq { get; init; }
    public long? LastSeq { get; init; }

    public WebhookDeliveryResponse ToResponse() =>
        new(Id, DeliveryId, AttemptedAt, StatusCode, DurationMs, Attempt, Error, FirstSeq, LastSeq);
}
