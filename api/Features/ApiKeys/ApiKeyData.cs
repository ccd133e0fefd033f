
namespace CommunityHub.Api.Features.ApiKeys;

/// <summary>What the apikeys handlers share.</summary>
public static class ApiKeyData
{
    public static readonly EntityType Type = new("api_keys");

    public const string Columns = "id, name, scopes, municipality_code, created_at, last_used_at, revoked_at, version";

    /// <summary>The key (revoked ones too), or 404.</summary>
    public static async Task<ApiKeyRow> GetOrThrowAsync(DbConnection connection, DbTransaction? transaction, Guid id, CancellationToken ct) =>
        await connection.QuerySingleOrDefaultAsync<ApiKeyRow>(new CommandDefinition(
            $"SELECT {Columns} FROM api_keys WHERE id = @Id", new { Id = id }, transaction, cancellationToken: ct))
        ?? throw new NotFoundException("API key", id);
}

public sealed class ApiKeyRow
{
    public Guid Id { get; init; }
    public string Name { get; init; } = "";
    public string Scopes { get; init; } = "";
    public string? MunicipalityCode { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? LastUsedAt { get; init; }
    public DateTimeOffset? RevokedAt { get; init; }
    public long Version { get; init; }

    public ApiKeyResponse ToResponse() =>
        new(Id, Name, ApiKeyScopes.Load(Scopes), MunicipalityCode, CreatedAt, LastUsedAt, RevokedAt, Version);
}
