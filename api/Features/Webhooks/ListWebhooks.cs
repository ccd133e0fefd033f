
namespace CommunityHub.Api.Features.Webhooks;

public sealed record ListWebhooksQuery(int? Limit, string? Cursor) : IRequest<WebhookPage>, IPagedQuery
{
    public static string CursorKind => "webhooks";
}

public sealed class ListWebhooksHandler(Db db) : IRequestHandler<ListWebhooksQuery, WebhookPage>
{
    public async Task<WebhookPage> Handle(ListWebhooksQuery request, CancellationToken ct)
    {
        var keyset = Keyset.For(request);
        await using var connection = await db.OpenAsync(ct);
        var page = await new ListQuery(db.Dialect, "webhook_subscriptions w", "w.deleted_at IS NULL")
            .PageAsync<WebhookRow>(connection, WebhookRow.Columns, keyset, [KeyColumn.Id("w.id")], r => [r.Id.ToString()], ct);
        return new WebhookPage(page.Items.Select(r => r.ToResponse()).ToList(), page.NextCursor);
    }
}
