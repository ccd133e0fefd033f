using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace CommunityHub.Api.Features.ApiKeys;

/// <summary>
/// Authenticates <c>X-Api-Key</c>. A valid key becomes a principal of the <see cref="AuthSchemes.ApiKey"/> scheme (which
/// is what makes it a key) with <c>sub=apikey:{id}</c>, <c>name</c>, one <c>scope</c> claim per scope and
/// <c>municipality</c> when bound. It carries no role, so every endpoint that writes (they all require a role) answers a
/// key with 403.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyAuthenticator keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = AuthSchemes.ApiKey;
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
