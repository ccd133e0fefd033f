using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CommunityHub.Api.Infrastructure.Security;

public static class Policies
{
    public const string Reader = "reader";
    public const string Staff = "staff";
    public const string Admin = "admin";

    /// <summary>People only: anonymous callers and signed-in users, never an API key (keys only read).</summary>
    public const string NotApiKey = "not-api-key";
}

public static class AuthSetup
{
    public static IServiceCollection AddCommunityHubAuth(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var settings = configuration.GetSection("Auth").Get<AuthSettings>() ?? new AuthSettings();
        if (string.IsNullOrWhiteSpace(settings.SigningKey))
        {
            if (!environment.IsDevelopment())
            {
                throw new InvalidOperationException(
                    "Auth:SigningKey is not configured. Outside Development the token signing key must come from configuration " +
                    "(environment variable Auth__SigningKey, at least 32 bytes). No default key is used.");
            }
            settings.SigningKey = DevelopmentSigningKey.LoadOrCreate(
                configuration["Auth:DevelopmentKeyPath"] ?? Path.Combine(
                    configuration["Database:DataDirectory"] ?? Path.Combine(environment.ContentRootPath, "App_Data"), "development-signing-key"));
        }
        if (Encoding.UTF8.GetByteCount(settings.SigningKey) < 32)
        {
            throw new InvalidOperationException("Auth:SigningKey must be at least 32 bytes long.");
        }

        services.AddSingleton(settings);
        services.AddSingleton<TokenIssuer>();
        services.AddSingleton<SessionValidator>();
        services.AddSingleton<LoginThrottle>();
        services.AddSingleton<DeviceCookies>();
        services.AddHttpContextAccessor();
        services.AddScoped<ICurrentUser, HttpCurrentUser>();

        // As the only scheme, JWT bearer is the default; AddApiKeys makes a key-or-bearer selector the default instead.
        services.AddAuthentication()
            .AddJwtBearer(options =>
            {
                options.MapInboundClaims = false;
                options.RequireHttpsMetadata = settings.RequireHttpsMetadata;
                if (!string.IsNullOrWhiteSpace(settings.Authority))
                {
                    // External OIDC issuer: its discovery document and JWKS supply the issuer and keys; our own
                    // key and issuer stay valid beside them so local service accounts keep working.
                    options.Authority = settings.Authority;
                }
                options.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuers = [settings.Issuer],
                    ValidAudiences = [settings.Audience, settings.ExternalAudience ?? settings.Audience],
                    IssuerSigningKey = TokenIssuer.Key(settings),
                    NameClaimType = Claims.Name,
                    RoleClaimType = settings.RoleClaim,
                    ClockSkew = TimeSpan.FromMinutes(1),
                };
                options.Events = new JwtBearerEvents
                {
                    // A valid signature is not enough: the session must still be current (see SessionValidator).
                    OnTokenValidated = async context =>
                    {
                        // Issued here: signed with this API's own key, or naming its issuer. A token signed with the key but
                        // naming the external issuer is still ours to check (only a holder of the key could have made it).
                        var issuedHere = context.SecurityToken is JsonWebToken token
                            && (token.Issuer == settings.Issuer || token.SigningKey is SymmetricSecurityKey);
                        var sessions = context.HttpContext.RequestServices.GetRequiredService<SessionValidator>();
                        if (await sessions.RejectionAsync(context.Principal!, issuedHere, context.HttpContext.RequestAborted) is { } reason)
                        {
                            context.Fail(reason);
                        }
                    },
                };
            });

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.Reader, p => p.RequireAuthenticatedUser().RequireRole(Roles.Admin, Roles.Staff, Roles.MemberEditor, Roles.Viewer))
            .AddPolicy(Policies.Staff, p => p.RequireAuthenticatedUser().RequireRole(Roles.Admin, Roles.Staff))
            .AddPolicy(Policies.Admin, p => p.RequireAuthenticatedUser().RequireRole(Roles.Admin))
            .AddPolicy(Policies.NotApiKey, p => p.RequireAssertion(context => !context.User.IsApiKey()));
        return services;
    }
}

public sealed class TokenIssuer(AuthSettings settings, TimeProvider clock)
{
    private readonly JsonWebTokenHandler handler = new();

    public static SymmetricSecurityKey Key(AuthSettings settings) => new(Encoding.UTF8.GetBytes(settings.SigningKey!));

    public (string Token, DateTimeOffset ExpiresAt) Issue(Guid userId, string email, string displayName, Role role, Guid? memberId, string securityStamp)
    {
        var now = clock.GetUtcNow();
        var expires = now.AddMinutes(settings.TokenLifetimeMinutes);
        var claims = new Dictionary<string, object>
        {
            [Claims.Subject] = userId.ToString(),
            [Claims.Email] = email,
            [Claims.Name] = displayName,
            [settings.RoleClaim] = Roles.Name(role),
            [SessionValidator.StampClaim] = securityStamp,
        };
        if (memberId is { } member)
        {
            claims[settings.MemberIdClaim] = member.ToString();
        }
        var token = handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = settings.Issuer,
            Audience = settings.Audience,
            IssuedAt = now.UtcDateTime,
            // No NotBefore from the injected clock: the handler stamps it from the wall clock, which is what validation
            // reads, so a token is never "not yet valid" where the injected clock runs ahead (tests, corrected hosts).
            Expires = expires.UtcDateTime,
            Claims = claims,
            SigningCredentials = new SigningCredentials(Key(settings), SecurityAlgorithms.HmacSha256),
        });
        return (token, expires);
    }
}
