namespace CommunityHub.Api.Infrastructure.Http;

public static class SpaHosting
{
    private static readonly string[] ServerPrefixes = ["api", "openapi", "swagger", "health"];

    public static IServiceCollection AddSpaHosting(this IServiceCollection services) =>
        services.Configure<RouteOptions>(o => o.SetParameterPolicy<ClientRouteConstraint>("clientRoute"));

    /// <summary>
    /// Client routes (e.g. /members/123) get the SPA's index.html. The API's own prefixes never match the fallback,
    /// so their 404, 405 and 415 answers stay the API's. Without a built client there is nothing to fall back to.
    /// </summary>
    public static void MapSpaFallback(this WebApplication app)
    {
        // Unknown paths under the API's prefixes are a plain 404 for everyone (not a 401 from the fallback policy).
        foreach (var prefix in ServerPrefixes)
        {
            app.MapFallback($"/{prefix}/{{**rest}}", context =>
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }).AllowAnonymous().ExcludeFromDescription();
        }

        app.MapFallback("{*path:clientRoute}", async context =>
        {
            var index = app.Environment.WebRootFileProvider.GetFileInfo("index.html");
            if (!index.Exists)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
            context.Response.ContentType = "text/html; charset=utf-8";
            context.Response.Headers.CacheControl = "no-cache";
            await context.Response.SendFileAsync(index);
        }).AllowAnonymous().ExcludeFromDescription();
    }

    private sealed class ClientRouteConstraint : IRouteConstraint
    {
        public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection)
        {
            var path = values[routeKey]?.ToString() ?? "";
            var first = path.Split('/', 2)[0];
            return !ServerPrefixes.Contains(first, StringComparer.OrdinalIgnoreCase) && !Path.HasExtension(path);
        }
    }
}
