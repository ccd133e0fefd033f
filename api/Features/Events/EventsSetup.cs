using CommunityHub.Api.Features.Events.Registrations;
using CommunityHub.Api.Features.Stats;
using CommunityHub.Api.Infrastructure.Data.DemoData;

namespace CommunityHub.Api.Features.Events;

public static class EventsSetup
{
    /// <summary>The events' part of the demo data and of the dashboard stats, the registrants' messages and their reminders.</summary>
    public static IServiceCollection AddEvents(this IServiceCollection services)
    {
        services.AddScoped<IDemoDataSeeder, EventDemoData>();
        services.AddScoped<IStatsContributor, EventStatsContributor>();
        services.AddSingleton<RegistrationMails>();
        services.AddSingleton<EventReminders>();
        services.AddHostedService<EventRemindersService>();
        return services;
    }
}
