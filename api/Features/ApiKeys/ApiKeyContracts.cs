using FluentValidation;

namespace CommunityHub.Api.Features.ApiKeys;

/// <summary>The read scopes a key can hold: one per public collection.</summary>
public static class ApiKeyScopes
{
    public const string MembersRead = "members:read";
    public const string PartnershipsRead = "partnerships:read";
    public const string PilotsRead = "pilots:read";
    public const string EventsRead = "events:read";

    public static readonly IReadOnlyList<string> All = [MembersRead, PartnershipsRead, PilotsRead, EventsRead];

    /// <summary>The scope that lets a key read a collection (<c>members</c> → <c>members:read</c>).</summary>
    public static string ReadScopeOf(string collection) => collection + ":read";

    internal static string Store(IEnumerable<string> scopes) => string.Join(' ', scopes);

    internal static IReadOnlyList<string> Load(string stored) => stored.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}

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

public sealed class ApiKeyInputValidator : AbstractValidator<ApiKeyInput>
{
    public ApiKeyInputValidator()
    {
        RuleFor(k => k.Name).NotEmpty().MaximumLength(200);
        RuleFor(k => k.Scopes).NotEmpty().WithMessage($"At least one scope is required: {string.Join(", ", ApiKeyScopes.All)}.");
        RuleForEach(k => k.Scopes).Must(s => ApiKeyScopes.All.Contains(s, StringComparer.Ordinal))
            .WithMessage($"Scope must be one of {string.Join(", ", ApiKeyScopes.All)}.");
        RuleFor(k => k.MunicipalityCode).Matches(@"^\d{3}$").When(k => k.MunicipalityCode is not null)
            .WithMessage("Municipality code must be the 3-digit Statistics Finland code, e.g. 564 for Oulu.");
    }
}

internal sealed class ApiKeyRow
{
    public const string Columns = "id, name, scopes, municipality_code, created_at, last_used_at, revoked_at, version";

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
