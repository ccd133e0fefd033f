using CommunityHub.Api.Infrastructure.Data.DemoData;

namespace CommunityHub.Api.Features.Spaces;

public static class SpacesSetup
{
    /// <summary>The spaces' part of the demo data, and the tokens of the members' booking calendars.</summary>
    public static IServiceCollection AddSpaces(this IServiceCollection services)
    {
        services.AddScoped<IDemoDataSeeder, SpaceDemoData>();
        services.AddSingleton<Bookings.BookingFeedTokens>();
        services.AddScoped<Bookings.BookingMails>();
        return services;
    }
}
