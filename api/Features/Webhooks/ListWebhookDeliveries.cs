
namespace CommunityHub.Api.Features.Webhooks;

/// <summary>A subscription's delivery attempts, newest first (a log is read from its end), keyset paged by id.</summary>
public sealed record ListWebhookDeliveriesQuery(Guid Id, int? Limit, string? Cursor) : IRequest<WebhookDeliveryPage>, IPagedQuery
{
    public static string CursorKind => "webhook-deliveries";
}

public sealed class ListWebhookDeliveriesHandler(Db db) : IRequestHandler<ListWebhookDeliveriesQuery, WebhookDeliveryPage>
{
    public async Task<WebhookDeliveryPage> Handle(ListWebhookDeliveriesQuery request, CancellationToken ct)
    {
        // Newest first: the cursor is the id of the last (oldest) row handed out, and the next page lies before it.
        var keyset = Keyset.For(request);
        await using var connection = await db.OpenAsync(ct);
        var exists = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COUNT(*) FROM webhook_subscriptions WHERE id = @Id AND deleted_at IS NULL", new { request.Id }, cancellationToken: ct));
        if (exists == 0)
        {
            throw new NotFoundException("Webhook", request.Id);
        }
        var page = await new ListQuery(db.Dialect, "webhook_deliveries")
            .Where("subscription_id = @Id", "Id", request.Id)
            .PageAsync<DeliveryRow>(connection, DeliveryRow.Columns, keyset, [KeyColumn.Id("id", descending: true)], r => [r.Id.ToString()], ct);
        return new WebhookDeliveryPage(page.Items.Select(r => r.ToResponse()).ToList(), page.NextCursor);
    }
}
