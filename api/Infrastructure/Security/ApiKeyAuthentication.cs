using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Threading.RateLimiting;
using CommunityHub.Api.Features.ApiKeys;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace CommunityHub.Api.Infrastructure.Security;

/// <summary>Bound from the <c>ApiKeys</c> section: the per-key rate limit.</summary>
public sealed class ApiKeySettings
{
    /// <summary>Requests one key may make per window (default 600).</summary>
    public int PermitsPerMinute { get; set; } = 600;

    /// <summary>The window the permits refill in, in seconds (default 60: a minute).</summary>
    public int WindowSeconds { get; set; } = 60;
}

/// <summary>
/// Authenticates <c>X-Api-Key</c>. A valid key becomes a principal with <c>sub=apikey:{id}</c>, <c>name</c>,
/// <c>amr=api_key</c>, one <c>scope</c> claim per scope and <c>municipality</c> when bound. It carries no role, so
/// every endpoint that writes (they all require a role) answers a key with 403.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyAuthenticator keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string Header = "X-Api-Key";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(Header, out var values))
        {
            return AuthenticateResult.NoResult();
        }
        var key = values.Count == 1 ? await keys.AuthenticateAsync(values[0], Context.RequestAborted) : null;
        if (key is null)
        {
            return AuthenticateResult.Fail(ApiKeyRejection.Detail);
        }
        var claims = new List<Claim>
        {
            new(Claims.Subject, $"apikey:{key.Id}"),
            new(Claims.Name, key.Name),
            new(Claims.AuthMethod, Claims.ApiKeyMethod),
        };
        claims.AddRange(key.Scopes.Select(s => new Claim(Claims.ApiKeyScope, s)));
        if (key.MunicipalityCode is not null)
        {
            claims.Add(new Claim(Claims.Municipality, key.MunicipalityCode));
        }
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName, Claims.Name, "role"));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) => ApiKeyRejection.WriteAsync(Context);
}

/// <summary>
/// The one answer to a key that is malformed, unknown or revoked: the same status and the same bytes whatever the
/// reason (no trace id either), so the answer never tells whether a key ever existed.
/// </summary>
public static class ApiKeyRejection
{
    public const string Detail = "The API key is not valid. It may be mistyped, unknown or revoked; ask an administrator for a key.";

    private static readonly byte[] Body = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(new
    {
        type = "https://tools.ietf.org/html/rfc9110#section-15.5.2",
        title = "Unauthorized",
        status = StatusCodes.Status401Unauthorized,
        detail = Detail,
    });

    public static async Task WriteAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = ApiKeyAuthenticationHandler.SchemeName;
        context.Response.ContentType = "application/problem+json";
        await context.Response.Body.WriteAsync(Body, context.RequestAborted);
    }
}

public static class ApiKeyAccess
{
    /// <summary>Chooses the scheme per request: <c>X-Api-Key</c> present → the API-key handler, otherwise JWT bearer.</summary>
    public const string KeyOrBearerScheme = "ApiKeyOrBearer";

    /// <summary>A partitioned fixed-window limit per key id; people (JWT) and anonymous callers are not limited here.</summary>
    public static IServiceCollection AddApiKeyRateLimiting(this IServiceCollection services, ApiKeySettings settings)
    {
        var window = TimeSpan.FromSeconds(Math.Max(1, settings.WindowSeconds));
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                context.User.HasClaim(Claims.AuthMethod, Claims.ApiKeyMethod) && context.User.FindFirst(Claims.Subject)?.Value is { } key
                    ? RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = Math.Max(1, settings.PermitsPerMinute),
                        Window = window,
                        QueueLimit = 0,
                        AutoReplenishment = true,
                    })
                    : RateLimitPartition.GetNoLimiter(""));
            options.OnRejected = async (rejected, ct) =>
            {
                var http = rejected.HttpContext;
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : window;
                http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails = new ProblemDetails
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Title = "Too many requests",
                        Detail = $"This API key may make {settings.PermitsPerMinute} requests per {window.TotalSeconds:0} seconds. Retry after the time in Retry-After.",
                    },
                });
            };
        });
        return services;
    }

    /// <summary>
    /// After authentication: a request that sends <c>X-Api-Key</c> but did not authenticate with it is refused with
    /// the uniform 401 even on anonymous endpoints (a revoked key must not quietly read as anonymous), then the per-key
    /// rate limit applies.
    /// </summary>
    public static IApplicationBuilder UseApiKeyAccess(this IApplicationBuilder app)
    {
        app.Use(async (context, next) =>
        {
            if (context.Request.Headers.ContainsKey(ApiKeyAuthenticationHandler.Header)
                && !context.User.HasClaim(Claims.AuthMethod, Claims.ApiKeyMethod))
            {
                await ApiKeyRejection.WriteAsync(context);
                return;
            }
            await next(context);
        });
        return app.UseRateLimiter();
    }
}
