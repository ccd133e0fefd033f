using CommunityHub.Api.Infrastructure.Data;
using CommunityHub.Api.Infrastructure.Http;
using Dapper;
using FluentValidation;
using MediatR;

namespace CommunityHub.Api.Features.Webhooks;

/// <summary>A subscription's delivery attempts, newest first (a log is read from its end), keyset paged by id.</summary>
public sealed record ListWebhookDeliveriesQuery(Guid Id, int? Limit, string? Cursor) : IRequest<WebhookDeliveryPage>;

public sealed class ListWebhookDeliveriesValidator : AbstractValidator<ListWebhookDeliveriesQuery>
{
    public const string CursorKind = "webhook-deliveries";

    public ListWebhookDeliveriesValidator() => this.PagingRules(q => q.Limit, q => q.Cursor, CursorKind, 1);
}

public sealed class ListWebhookDeliveriesHandler(Db db) : IRequestHandler<ListWebhookDeliveriesQuery, WebhookDeliveryPage>
{
    public async Task<WebhookDeliveryPage> Handle(ListWebhookDeliveriesQuery request, CancellationToken ct)
    {
        var take = request.Limit ?? Paging.DefaultLimit;
        var before = request.Cursor is null ? null : Cursor.Decode(request.Cursor, ListWebhookDeliveriesValidator.CursorKind, 1)[0];
        await using var connection = await db.OpenAsync(ct);
        var exists = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COUNT(*) FROM webhook_subscriptions WHERE id = @Id AND deleted_at IS NULL", new { request.Id }, cancellationToken: ct));
        if (exists == 0)
        {
            throw new NotFoundException("Webhook", request.Id);
        }
        var rows = (await connection.QueryAsync<DeliveryRow>(new CommandDefinition(
            $"""
            SELECT id, delivery_id, attempted_at, status_code, duration_ms, attempt, error, first_seq, last_seq
            FROM webhook_deliveries
            WHERE subscription_id = @Id AND (@Before IS NULL OR id < @Before)
            ORDER BY id DESC {db.Dialect.Limit("@Take")}
            """,
            new { request.Id, Before = before, Take = take + 1 },
            cancellationToken: ct))).ToList();
        var page = rows.Take(take)
            .Select(r => new WebhookDeliveryResponse(r.Id, r.DeliveryId, r.AttemptedAt, r.StatusCode, r.DurationMs, r.Attempt, r.Error, r.FirstSeq, r.LastSeq))
            .ToList();
        return new WebhookDeliveryPage(page, rows.Count > take ? Cursor.Encode(ListWebhookDeliveriesValidator.CursorKind, page[^1].Id.ToString()) : null);
    }

    private sealed class DeliveryRow
    {
        public Guid Id { get; init; }
        public Guid DeliveryId { get; init; }
        public DateTimeOffset AttemptedAt { get; init; }
        public int? StatusCode { get; init; }
        public long DurationMs { get; init; }
        public int Attempt { get; init; }
        public string? Error { get; init; }
        public long? FirstSeq { get; init; }
        public long? LastSeq { get; init; }
    }
}
