using CommunityHub.Api.Infrastructure.Data;
using CommunityHub.Api.Infrastructure.Http;
using Dapper;
using FluentValidation;
using MediatR;

namespace CommunityHub.Api.Features.Webhooks;

public sealed record ListWebhooksQuery(int? Limit, string? Cursor) : IRequest<WebhookPage>;

public sealed class ListWebhooksValidator : AbstractValidator<ListWebhooksQuery>
{
    public const string CursorKind = "webhooks";

    public ListWebhooksValidator() => this.PagingRules(q => q.Limit, q => q.Cursor, CursorKind, 1);
}

public sealed class ListWebhooksHandler(Db db) : IRequestHandler<ListWebhooksQuery, WebhookPage>
{
    public async Task<WebhookPage> Handle(ListWebhooksQuery request, CancellationToken ct)
    {
        var take = request.Limit ?? Paging.DefaultLimit;
        var after = request.Cursor is null ? null : Cursor.Decode(request.Cursor, ListWebhooksValidator.CursorKind, 1)[0];
        await using var connection = await db.OpenAsync(ct);
        var rows = (await connection.QueryAsync<WebhookRow>(new CommandDefinition(
            $"""
            SELECT {WebhookRow.Columns} FROM webhook_subscriptions w
            WHERE w.deleted_at IS NULL AND (@After IS NULL OR w.id > @After)
            ORDER BY w.id {db.Dialect.Limit("@Take")}
            """,
            new { After = after, Take = take + 1 },
            cancellationToken: ct))).ToList();
        var page = rows.Take(take).Select(r => r.ToResponse()).ToList();
        return new WebhookPage(page, rows.Count > take ? Cursor.Encode(ListWebhooksValidator.CursorKind, page[^1].Id.ToString()) : null);
    }
}

public sealed record GetWebhookQuery(Guid Id) : IRequest<WebhookResponse>;

public sealed class GetWebhookHandler(Db db) : IRequestHandler<GetWebhookQuery, WebhookResponse>
{
    public async Task<WebhookResponse> Handle(GetWebhookQuery request, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<WebhookRow>(new CommandDefinition(
            $"SELECT {WebhookRow.Columns} FROM webhook_subscriptions w WHERE w.id = @Id AND w.deleted_at IS NULL",
            new { request.Id },
            cancellationToken: ct));
        return row?.ToResponse() ?? throw new NotFoundException("Webhook", request.Id);
    }
}
