using CommunityHub.Api.Infrastructure.Data;

namespace CommunityHub.Api.Features.Webhooks;

/// <summary>What the webhooks handlers share.</summary>
public static class WebhookData
{
    public static readonly EntityType Type = new("webhooks");
}
