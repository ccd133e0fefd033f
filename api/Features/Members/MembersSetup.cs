namespace CommunityHub.Api.Features.Members;

public static class MembersSetup
{
    /// <summary>The members list's stored documents.</summary>
    public static IServiceCollection AddMembers(this IServiceCollection services)
    {
        services.AddSingleton<MemberDocuments>();
        services.AddSingleton<IDocumentSource>(sp => sp.GetRequiredService<MemberDocuments>());
        return services;
    }
}
