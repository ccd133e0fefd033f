using CommunityHub.Api.Features.Members.Contacts;
using CommunityHub.Api.Features.Stats;
using CommunityHub.Api.Infrastructure.Data.DemoData;

namespace CommunityHub.Api.Features.Members;

public static class MembersSetup
{
    /// <summary>
    /// The members list's stored documents, the members' part of the demo data and of the dashboard stats, and the start-up
    /// pass that stores contact emails normalised.
    /// </summary>
    public static IServiceCollection AddMembers(this IServiceCollection services)
    {
        services.AddSingleton<MemberDocuments>();
        services.AddSingleton<IDocumentSource>(sp => sp.GetRequiredService<MemberDocuments>());
        services.AddScoped<IDemoDataSeeder, MemberDemoData>();
        services.AddScoped<IStatsContributor, MemberStatsContributor>();
        services.AddScoped<IStartupTask, ContactEmailNormalization>();
        return services;
    }
}
