using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace CommunityHub.Api.Infrastructure.Telemetry;

public static class TelemetrySetup
{
    /// <summary>
    /// OpenTelemetry traces and metrics (ASP.NET Core requests by route, outbound HttpClient calls such as webhook
    /// deliveries, database commands, the app's own meter), exported by OTLP only when the standard
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set; nothing is collected otherwise.
    /// </summary>
    public static IServiceCollection AddCommunityHubTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        if (string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            return services;
        }
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(configuration["OTEL_SERVICE_NAME"] ?? "communityhub-api"))
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddSource(AppMetrics.Name)
                .AddOtlpExporter())
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddMeter(AppMetrics.Name)
                .AddOtlpExporter());
        return services;
    }

    /// <summary>Counts 429 answers by API key (the limiter itself answers them, so this looks at the response).</summary>
    public static IApplicationBuilder UseThrottleMetrics(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        await next(context);
        if (context.Response.StatusCode == StatusCodes.Status429TooManyRequests)
        {
            var subject = context.User.FindFirst("sub")?.Value;
            var key = subject is not null && subject.StartsWith("apikey:", StringComparison.Ordinal) ? subject["apikey:".Length..] : "none";
            AppMetrics.TooManyRequests.Add(1, new KeyValuePair<string, object?>("api_key", key));
        }
    });
}
