namespace CommunityHub.Api.Infrastructure.Data;

public static class StoredDocumentsSetup
{
    /// <summary>
    /// The lists' stored documents: rendered after each write, filled in for older rows in the background. Each feature
    /// registers its own <see cref="IDocumentSource"/>.
    /// </summary>
    public static IServiceCollection AddStoredDocuments(this IServiceCollection services)
    {
        services.AddSingleton<DocumentRenderer>();
        services.AddHostedService(sp => sp.GetRequiredService<DocumentRenderer>());
        services.AddSingleton<DocumentBackfill>();
        services.AddHostedService(sp => sp.GetRequiredService<DocumentBackfill>());
        return services;
    }
}
