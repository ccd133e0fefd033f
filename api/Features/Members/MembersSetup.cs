using CommunityHub.Api.Features.Stats;
using CommunityHub.Api.Infrastructure.Data.DemoData;

namespace CommunityHub.Api.Features.Members;

public static class MembersSetup
{
    /// <summary>The members list's stored documents, the members' part of the demo data and of the dashboard stats.</summary>
    public static IServiceCollection AddMembers(this IServiceCollection services)
    {
        services.AddSingleton<MemberDocuments>();
        services.AddSingleton<IDocumentSource>(sp => sp.GetRequiredService<MemberDocuments>());
        services.AddScoped<IDemoDataSeeder, MemberDemoData>();
        services.AddScoped<IStatsContributor, MemberStatsContributor>();
        return services;
    }
}
