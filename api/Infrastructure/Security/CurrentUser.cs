using System.Security.Claims;

namespace CommunityHub.Api.Infrastructure.Security;

public enum Role
{
    Admin,
    Staff,
    MemberEditor,
    Viewer,
}

/// <summary>Who is calling: a signed-in user (local or external OIDC), an API key, or nobody.</summary>
public interface ICurrentUser
{
    bool IsAuthenticated { get; }

    /// <summary>The token's subject, or <c>apikey:{id}</c> for a machine.</summary>
    string? Subject { get; }

    string? DisplayName { get; }

    Role? Role { get; }

    Guid? MemberId { get; }

    bool IsApiKey { get; }

    /// <summary>An API key bound to one municipality sees only that municipality's data.</summary>
    string? MunicipalityScope { get; }

    bool HasScope(string scope);

    /// <summary>
    /// The email of a person signed in through the external identity provider (a token of another issuer), which has no
    /// local account to find them by; null for local users, API keys and the system.
    /// </summary>
    string? ExternalEmail => null;
}

public static class Claims
{
    public const string Subject = "sub";
    public const string Name = "name";
    public const string Email = "email";
    public const string ApiKeyScope = "scope";
    public const string Municipality = "municipality";
    public const string Issuer = "iss";
    public const string PreferredUserName = "preferred_username";
}

/// <summary>
/// Whether a caller is an API key is decided by the authentication scheme that authenticated it (the identity's
/// authentication type), never by a claim: a signed token could carry any claim.
/// </summary>
public static class AuthSchemes
{
    /// <summary>The scheme of the API-key handler (the ApiKeys feature registers it).</summary>
    public const string ApiKey = "ApiKey";

    public static bool IsApiKey(this ClaimsPrincipal principal) =>
        principal.Identity is { IsAuthenticated: true, AuthenticationType: ApiKey };
}

public sealed class HttpCurrentUser(IHttpContextAccessor accessor, AuthSettings settings) : ICurrentUser
{
    private static readonly AsyncLocal<ClaimsPrincipal?> SystemPrincipal = new();

    /// <summary>
    /// Start-up work (demo data) runs as the system with admin rights and is audited as such; only code in this
    /// process can take this identity, never a request.
    /// </summary>
    public static IDisposable ActAsSystem(AuthSettings settings, string name)
    {
        SystemPrincipal.Value = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(Claims.Subject, "system"), new Claim(Claims.Name, name), new Claim(settings.RoleClaim, Roles.Admin)],
            authenticationType: "system"));
        return new Reset();
    }

    private sealed class Reset : IDisposable
    {
        public void Dispose() => SystemPrincipal.Value = null;
    }

    private ClaimsPrincipal? Principal => SystemPrincipal.Value ?? accessor.HttpContext?.User;

    public bool IsAuthenticated => Principal?.Identity?.IsAuthenticated == true;

    public string? Subject => IsAuthenticated ? Principal!.FindFirst(Claims.Subject)?.Value : null;

    public string? DisplayName => IsAuthenticated
        ? Principal!.FindFirst(Claims.Name)?.Value ?? Principal.FindFirst(Claims.Email)?.Value ?? Subject
        : null;

    public bool IsApiKey => Principal?.IsApiKey() == true;

    public Role? Role => IsAuthenticated && !IsApiKey ? Roles.Parse(Principal!.FindFirst(settings.RoleClaim)?.Value) : null;

    public Guid? MemberId => IsAuthenticated && Guid.TryParse(Principal!.FindFirst(settings.MemberIdClaim)?.Value, out var id) ? id : null;

    public string? MunicipalityScope => IsApiKey ? Principal!.FindFirst(Claims.Municipality)?.Value : null;

    public bool HasScope(string scope) => IsApiKey && Principal!.HasClaim(Claims.ApiKeyScope, scope);

    public string? ExternalEmail =>
        IsAuthenticated && !IsApiKey && Principal!.FindFirst(Claims.Issuer)?.Value is { Length: > 0 } issuer && issuer != settings.Issuer
            ? Principal.FindFirst(Claims.Email)?.Value is { Length: > 0 } email ? email
            : Principal.FindFirst(Claims.PreferredUserName)?.Value is { } name && name.Contains('@', StringComparison.Ordinal) ? name
            : null
            : null;
}

public static class Roles
{
    public const string Admin = "admin";
    public const string Staff = "staff";
    public const string MemberEditor = "member_editor";
    public const string Viewer = "viewer";

    public static Role? Parse(string? value) => value switch
    {
        Admin => Role.Admin,
        Staff => Role.Staff,
        MemberEditor => Role.MemberEditor,
        Viewer => Role.Viewer,
        _ => null,
    };

    public static string Name(Role role) => role switch
    {
        Role.Admin => Admin,
        Role.Staff => Staff,
        Role.MemberEditor => MemberEditor,
        _ => Viewer,
    };

    public static bool IsStaff(this ICurrentUser user) => user.Role is Role.Admin or Role.Staff;

    /// <summary>A person with any role may read internal data (API keys are checked by scope instead).</summary>
    public static bool IsReader(this ICurrentUser user) => user.Role is not null;

    public static bool EditsMember(this ICurrentUser user, Guid memberId) =>
        user.IsStaff() || (user.Role == Role.MemberEditor && user.MemberId == memberId);
}
