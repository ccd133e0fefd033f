namespace CommunityHub.Api.Features.ApiKeys;

/// <summary>Creates a key. <c>municipalityCode</c> binds it to one municipality's partnerships, pilots and events.</summary>
public sealed record ApiKeyInput(string? Name, IReadOnlyList<string>? Scopes, string? MunicipalityCode);

/// <summary>The answer to a create: the only time the secret <c>key</c> is shown. Store it safely; it cannot be read back.</summary>
public sealed record ApiKeyCreated(
    Guid Id,
    string Name,
    string Key,
    IReadOnlyList<string> Scopes,
    string? MunicipalityCode,
    DateTimeOffset CreatedAt,
    long Version);

/// <summary>A key as listed: never its secret or hash.</summary>
public sealed record ApiKeyResponse(
    Guid Id,
    string Name,
    IReadOnlyList<string> Scopes,
    string? MunicipalityCode,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastUsedAt,
    DateTimeOffset? RevokedAt,
    long Version);

public sealed record ApiKeyPage(IReadOnlyList<ApiKeyResponse> Items, string? NextCursor);

/// <summary>The key body openapi.yaml shows, accepted by the API as it stands.</summary>
internal static class ApiKeyExamples
{
    public static readonly ApiKeyInput Key = new("Oulun kaupungin järjestörekisteri", ["members:read", "partnerships:read", "events:read"], "564");
}
