using CommunityHub.Api.Infrastructure.Data.DemoData;

namespace CommunityHub.Api.Features.Spaces;

public static class SpacesSetup
{
    /// <summary>The spaces' part of the demo data.</summary>
    public static IServiceCollection AddSpaces(this IServiceCollection services)
    {
        services.AddScoped<IDemoDataSeeder, SpaceDemoData>();
        return services;
    }
}
