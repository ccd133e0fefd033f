using CommunityHub.Api.Features.Stats;
using CommunityHub.Api.Infrastructure.Data.DemoData;

namespace CommunityHub.Api.Features.Pilots;

public static class PilotsSetup
{
    /// <summary>The pilots' part of the demo data and of the dashboard stats.</summary>
    public static IServiceCollection AddPilots(this IServiceCollection services)
    {
        services.AddScoped<IDemoDataSeeder, PilotDemoData>();
        services.AddScoped<IStatsContributor, PilotStatsContributor>();
        return services;
    }
}
