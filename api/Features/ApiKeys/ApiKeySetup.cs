using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.OpenApi;

namespace CommunityHub.Api.Features.ApiKeys;

/// <summary>Bound from the <c>ApiKeys</c> section: the per-key rate limit.</summary>
public sealed class ApiKeySettings
{
    /// <summary>Requests one key may make per window (default 600).</summary>
    public int PermitsPerMinute { get; set; } = 600;

    /// <summary>The window the permits refill in, in seconds (default 60: a minute).</summary>
    public int WindowSeconds { get; set; } = 60;
}

public static class ApiKeySetup
{
    /// <summary>Chooses the scheme per request: <c>X-Api-Key</c> present → the API-key handler, otherwise JWT bearer.</summary>
    public const string KeyOrBearerScheme = "ApiKeyOrBearer";

    /// <summary>
    /// The API-key scheme (made the default through the key-or-bearer selector), the per-key rate limit, and one read
    /// policy per scope, named after the scope: any signed-in person with a role, or a key holding the scope.
    /// </summary>
    public static IServiceCollection AddApiKeys(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<ApiKeyAuthenticator>();
        var settings = configuration.GetSection("ApiKeys").Get<ApiKeySettings>() ?? new ApiKeySettings();
        services.AddSingleton(settings);
        services.PostConfigureAll<OpenApiOptions>(openApi => openApi.AddApiKeyRateLimit());

        services.AddAuthentication(KeyOrBearerScheme)
            .AddPolicyScheme(KeyOrBearerScheme, "X-Api-Key or bearer token", options =>
                options.ForwardDefaultSelector = context => context.Request.Headers.ContainsKey(ApiKeyAuthenticationHandler.Header)
                    ? ApiKeyAuthenticationHandler.SchemeName
                    : JwtBearerDefaults.AuthenticationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);

        var authorization = services.AddAuthorizationBuilder();
        foreach (var scope in ApiKeyScopes.All)
        {
            authorization.AddPolicy(scope, p => p.RequireAuthenticatedUser().RequireAssertion(context =>
                context.Resource is HttpContext http
                && http.RequestServices.GetRequiredService<ICurrentUser>() is var user
                && (user.IsApiKey ? user.HasScope(scope) : user.IsReader())));
        }
        return services;
    }

    /// <summary>
    /// After authentication: a request that sends <c>X-Api-Key</c> but did not authenticate with it is refused with
    /// the uniform 401 even on anonymous endpoints (a revoked key must not quietly read as anonymous), then the per-key
    /// rate limit (<see cref="ApiKeyRateLimit"/>) applies.
    /// </summary>
    public static IApplicationBuilder UseApiKeys(this IApplicationBuilder app)
    {
        app.Use(async (context, next) =>
        {
            if (context.Request.Headers.ContainsKey(ApiKeyAuthenticationHandler.Header) && !context.User.IsApiKey())
            {
                await ApiKeyRejection.WriteAsync(context);
                return;
            }
            await next(context);
        });
        return app.UseMiddleware<ApiKeyRateLimit>();
    }
}
