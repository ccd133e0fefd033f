using System.Net;
using System.Text.Json;
using CommunityHub.Api.Features.Events;
using CommunityHub.Api.Features.Members;
using CommunityHub.Api.Infrastructure.Data.DemoData;
using CommunityHub.Api.Infrastructure.Http;
using CommunityHub.Api.Infrastructure.Time;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using CommunityHub.Api.Tests.Infrastructure;
using Shouldly;

namespace CommunityHub.Api.Tests.Features.Events;

/// <summary>The demo data's events section seeds through the commands: statuses, visibility, registrations, past events.</summary>
public abstract class EventDemoDataContract<TFactory> : ContractTests<TFactory>
    where TFactory : ApiFactory
{
    protected EventDemoDataContract(TFactory factory)
        : base(factory)
    {
    }

    /// <summary>
    /// Runs the events seeder on the demo data set after creating its members (without their contacts: that seeder is
    /// not this feature's), exactly as startup does, but on demand.
    /// </summary>
    private async Task SeedAsync()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var data = DemoDataSet.Load();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        foreach (var element in data.Section("members"))
        {
            var member = await mediator.Send(new CreateMemberCommand(element.Deserialize<MemberInput>(Json.Options)!));
            data.Keys[element.GetProperty("key").GetString()!] = member.Id;
        }
        var seeder = scope.ServiceProvider.GetServices<IDemoDataSeeder>().OfType<EventDemoData>().Single();
        seeder.Order.ShouldBe(40);
        await seeder.SeedAsync(data, CancellationToken.None);
    }

    [Fact]
    public async Task Demo_events_are_seeded_with_their_status_and_registrations()
    {
        var admin = await Factory.AdminAsync();
        await SeedAsync();
        var all = (await (await admin.GetAsync("/api/v1/events?limit=200").ShouldBe(HttpStatusCode.OK)).ReadAsync<CommunityEventPage>()).Items;
        all.Count.ShouldBe(6);
        all.Count(e => e.Status == EventStatus.Completed).ShouldBe(2);
        all.Count(e => e.Status == EventStatus.Draft).ShouldBe(1);
        all.Select(e => e.StartsAt).ShouldBeInOrder();

        var evening = all.Single(e => e.Title.StartsWith("Kumppanuuksilla hyvää elämää", StringComparison.Ordinal));
        evening.ConfirmedCount.ShouldBe(8);
        evening.Capacity.ShouldBe(60);
        evening.MunicipalityCode.ShouldBe("895");
        evening.OrganizerIds.Count.ShouldBe(3);
        // 17:30 in Uusikaupunki, whatever the season.
        TimeZoneInfo.ConvertTime(evening.StartsAt, Helsinki.Zone).TimeOfDay.ShouldBe(new TimeSpan(17, 30, 0));

        var past = all.Where(e => e.Status == EventStatus.Completed).ToList();
        past.ShouldAllBe(e => e.StartsAt < DateTimeOffset.UtcNow && e.ConfirmedCount > 0);
        foreach (var e in past)
        {
            var registrations = await (await admin.GetAsync($"/api/v1/events/{e.Id}/registrations").ShouldBe(HttpStatusCode.OK)).ReadAsync<RegistrationPage>();
            registrations.Items.Count.ShouldBe(e.ConfirmedCount + e.WaitlistCount);
        }

        var visible = (await (await Factory.Anonymous().GetAsync("/api/v1/events?limit=200")).ReadAsync<CommunityEventPage>()).Items;
        visible.ShouldAllBe(e => e.Visibility == EventVisibility.Public && e.Status != EventStatus.Draft);
        visible.Count.ShouldBe(4);

        var calendar = ICalendarParser.Parse(await (await Factory.Anonymous().GetAsync("/api/v1/events.ics").ShouldBe(HttpStatusCode.OK)).Content.ReadAsByteArrayAsync());
        // Upcoming public ones; the completed events ended more than 30 days ago.
        calendar.Count.ShouldBe(2);
    }
}

public sealed class EventDemoDataSqliteTests(SqliteApiFactory factory) : EventDemoDataContract<SqliteApiFactory>(factory);

public sealed class EventDemoDataSqlServerTests(SqlServerApiFactory factory) : EventDemoDataContract<SqlServerApiFactory>(factory);
