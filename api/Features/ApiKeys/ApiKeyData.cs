using CommunityHub.Api.Infrastructure.Data;

namespace CommunityHub.Api.Features.ApiKeys;

/// <summary>What the apikeys handlers share.</summary>
public static class ApiKeyData
{
    public static readonly EntityType Type = new("api_keys");
}
