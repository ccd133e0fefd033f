using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace CommunityHub.Api.Features.Health;

public static class HealthSetup
{
    /// <summary>The readiness check: the database answers and its migrations are applied.</summary>
    public static IServiceCollection AddHealth(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
        return services;
    }

    /// <summary><c>/health/live</c> (the process answers, no checks) and <c>/health/ready</c> (the checks tagged ready), open to anyone.</summary>
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder routes)
    {
        routes.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        routes.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous();
        return routes;
    }
}
