using CommunityHub.Api.Features.Members;
using CommunityHub.Api.Features.Stats;
using CommunityHub.Api.Infrastructure.Data.DemoData;

namespace CommunityHub.Api.Features.Partnerships;

public static class PartnershipsSetup
{
    /// <summary>
    /// The partnership list's stored documents and what they show of other records, the partnerships' part of the demo
    /// data and of the dashboard stats, and what a member's rename does to the partnerships it is party to.
    /// </summary>
    public static IServiceCollection AddPartnerships(this IServiceCollection services)
    {
        services.AddSingleton<PartnershipDocuments>();
        services.AddSingleton<IDocumentSource>(sp => sp.GetRequiredService<PartnershipDocuments>());
        services.AddScoped<IDemoDataSeeder, PartnershipDemoData>();
        services.AddScoped<IStatsContributor, PartnershipStatsContributor>();
        services.AddScoped<IMemberNameShown, PartnershipPartyRename>();
        return services;
    }
}
