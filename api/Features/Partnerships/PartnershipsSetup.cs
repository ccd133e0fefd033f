namespace CommunityHub.Api.Features.Partnerships;

public static class PartnershipsSetup
{
    /// <summary>The partnership list's stored documents and what they show of other records.</summary>
    public static IServiceCollection AddPartnerships(this IServiceCollection services)
    {
        services.AddSingleton<PartnershipDocuments>();
        services.AddSingleton<IDocumentSource>(sp => sp.GetRequiredService<PartnershipDocuments>());
        services.AddSingleton<PartnershipMemberNames>();
        return services;
    }
}
