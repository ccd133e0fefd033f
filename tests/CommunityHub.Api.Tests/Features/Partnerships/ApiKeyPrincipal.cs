using CommunityHub.Api.Tests.Features.ApiKeys;
using CommunityHub.Api.Tests.Infrastructure;

namespace CommunityHub.Api.Tests.Features.Partnerships;

/// <summary>
/// A client that is an API key: a real key with the scopes and municipality asked for, created by the admin API and
/// sent as <c>X-Api-Key</c> (only the API-key scheme makes a caller a key; no token claim does).
/// </summary>
public static class ApiKeyPrincipal
{
    public static async Task<HttpClient> ClientAsync(ApiFactory factory, string[] scopes, string? municipality)
    {
        var key = await ApiKeyRequests.CreateAsync(await factory.AdminAsync(), scopes, municipality, "Test key");
        return factory.WithKey(key.Key);
    }
}
