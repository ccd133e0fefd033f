namespace CommunityHub.Api.Infrastructure.Http;

public static class HttpSetup
{
    /// <summary>
    /// How the API speaks HTTP: one JSON configuration, every failure a problem (binder errors included), the public
    /// base URL and forwarded headers, the per-address limit on anonymous endpoints, the OpenAPI document, the client
    /// app's routes and the cache of list pages.
    /// </summary>
    public static IServiceCollection AddCommunityHubHttp(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.ConfigureHttpJsonOptions(o => Json.Configure(o.SerializerOptions));
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ProblemHandling.Localize);
        services.AddExceptionHandler<ProblemHandling>();
        services.AddPublicBaseUrl(configuration, environment);
        services.AddConfiguredForwardedHeaders(configuration);
        services.AddAnonymousRateLimit(configuration);
        services.AddCommunityHubOpenApi();
        services.AddSpaHosting();
        services.AddSingleton<ResponseCache>();
        return services;
    }

    /// <summary>
    /// The middleware that runs before authentication, in this order: the request's language, forwarded headers,
    /// security headers, problems for exceptions and bare statuses, body limits, the client app's files and Swagger UI.
    /// </summary>
    public static IApplicationBuilder UseCommunityHubHttp(this IApplicationBuilder app, IHostEnvironment environment)
    {
        // First, so problems written by the handlers below are in the request's language too.
        app.UseRequestLanguage();
        app.UseConfiguredForwardedHeaders();
        app.UseSecurityHeaders(environment);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<RequestBodyLimitMiddleware>();
        app.UseMiddleware<JsonContentTypeMiddleware>();
        app.UseDefaultFiles();
        app.UseStaticFiles();
        return app.UseCommunityHubSwaggerUI();
    }
}
