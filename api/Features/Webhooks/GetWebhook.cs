
namespace CommunityHub.Api.Features.Webhooks;

public sealed record GetWebhookQuery(Guid Id) : IRequest<WebhookResponse>;

public sealed class GetWebhookHandler(Db db) : IRequestHandler<GetWebhookQuery, WebhookResponse>
{
    public async Task<WebhookResponse> Handle(GetWebhookQuery request, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return (await WebhookData.GetOrThrowAsync(connection, null, request.Id, ct)).ToResponse();
    }
}
