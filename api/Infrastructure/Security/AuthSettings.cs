namespace CommunityHub.Api.Infrastructure.Security;

/// <summary>Bound from the <c>Auth</c> section. See README § Configuration.</summary>
public sealed class AuthSettings
{
    /// <summary>
    /// HMAC key (at least 32 bytes) for the tokens this API issues. Required outside Development; unset in Development, a
    /// random key is made on first start and kept in the data folder (<see cref="DevelopmentSigningKey"/>).
    /// </summary>
    public string? SigningKey { get; set; }

    public string Issuer { get; set; } = "communityhub";

    public string Audience { get; set; } = "communityhub-api";

    /// <summary>An external OpenID Connect issuer whose tokens are accepted as well (discovery + JWKS).</summary>
    public string? Authority { get; set; }

    /// <summary>The audience external tokens carry; defaults to <see cref="Audience"/>.</summary>
    public string? ExternalAudience { get; set; }

    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>The claim that carries the role (<c>admin|staff|member_editor|viewer</c>).</summary>
    public string RoleClaim { get; set; } = "role";

    /// <summary>The claim that carries a member editor's member id.</summary>
    public string MemberIdClaim { get; set; } = "member_id";

    public int TokenLifetimeMinutes { get; set; } = 480;

    /// <summary>
    /// How long one instance may reuse a user's session state (security stamp, deletion, role) before reading it again:
    /// the most a deletion, role change or "sign out everywhere" made on another instance takes to hold here (0–5).
    /// </summary>
    public int SessionCheckSeconds { get; set; } = 5;

    /// <summary>Failed sign-ins of one account at one client address before delays start (4× for an address alone).</summary>
    public int MaxFailedLogins { get; set; } = 5;

    /// <summary>The longest delay a run of failed sign-ins earns, in minutes.</summary>
    public int FailedLoginWindowMinutes { get; set; } = 15;

    /// <summary>The first delay once the free attempts are used; each further failure doubles it.</summary>
    public int SignInDelaySeconds { get; set; } = 30;

    /// <summary>Failures are forgotten after this long without one.</summary>
    public int SignInForgetMinutes { get; set; } = 60;
}
