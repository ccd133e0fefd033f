namespace CommunityHub.Api.Features.Changes;

public static class ChangesSetup
{
    /// <summary>The change-feed reader, which the feed's endpoint and the webhook dispatcher share.</summary>
    public static IServiceCollection AddChanges(this IServiceCollection services) =>
        services.AddSingleton<ChangeFeedReader>();
}
