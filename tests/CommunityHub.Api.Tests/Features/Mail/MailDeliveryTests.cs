using System.Net;
using CommunityHub.Api.Features.Events.Registrations;
using CommunityHub.Api.Features.Mail;
using CommunityHub.Api.Tests.Features.Events;
using CommunityHub.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Shouldly;

namespace CommunityHub.Api.Tests.Features.Mail;

/// <summary>
/// Never lost, never doubled: an SMTP server that is down delays mail, messages queued by an instance that stopped are
/// sent by the next one, two instances on one database send each message once, and the reminder goes once. The clock
/// is a FakeTimeProvider moved by seconds (retry waits, the reminder's hour), never by sleeping.
/// </summary>
public sealed class MailDeliveryTests : IClassFixture<MailApiFactory>
{
    private readonly MailApiFactory factory;
    private readonly FakeTimeProvider clock;

    public MailDeliveryTests(MailApiFactory factory)
    {
        this.factory = factory;
        factory.Clock ??= new FakeTimeProvider(DateTimeOffset.UtcNow);
        clock = (FakeTimeProvider)factory.Clock;
        factory.Set("Mail:FirstBackoffSeconds", "5");
        factory.Set("Mail:ReminderHours", "1");
    }

    private static string Unique(string name) => $"{name}.{Guid.NewGuid():N}@example.fi";

    private async Task<Guid> PublishedEventAsync(ApiFactory on, DateTimeOffset startsAt)
    {
        var admin = await on.AdminAsync();
        var organizer = await EventRequests.MemberAsync(admin);
        return (await EventRequests.PublishedAsync(admin, EventRequests.Body([organizer], startsAt, title: "Toimituksen testi-ilta"))).Id;
    }

    [Fact]
    public async Task While_the_smtp_server_is_down_mail_waits_and_retries_with_backoff_then_every_message_arrives_once()
    {
        var eventId = await PublishedEventAsync(factory, clock.GetUtcNow().AddDays(5));
        var admin = await factory.AdminAsync();
        var anonymous = factory.Anonymous();
        var addresses = Enumerable.Range(0, 3).Select(i => Unique($"katko{i}")).ToList();
        await factory.Smtp.StopAsync();
        try
        {
            foreach (var address in addresses)
            {
                await EventRequests.RegisterAsync(anonymous, eventId, "Katko Testaaja", address, language: "fi").ShouldBe(HttpStatusCode.Accepted);
            }
            (await factory.Sender.RunOnceAsync()).ShouldBe(0);
            var log = await (await admin.GetAsync("/api/v1/mail?status=pending&limit=200").ShouldBe(HttpStatusCode.OK)).ReadAsync<MailLogPage>();
            var mine = log.Items.Where(i => addresses.Contains(i.To)).ToList();
            mine.Count.ShouldBe(3);
            mine.ShouldAllBe(i => i.Attempts == 1 && i.LastError != null && i.NextAttemptAt > i.CreatedAt);

            // Not due before the backoff (5 s, then 10 s) has passed; still down on the second attempt.
            (await factory.Sender.RunOnceAsync()).ShouldBe(0);
            clock.Advance(TimeSpan.FromSeconds(6));
            (await factory.Sender.RunOnceAsync()).ShouldBe(0);
        }
        finally
        {
            factory.Smtp.Start();
        }
        (await factory.DeliverAsync()).ShouldBe(0);
        clock.Advance(TimeSpan.FromSeconds(11));
        (await factory.DeliverAsync()).ShouldBe(3);
        (await factory.DeliverAsync()).ShouldBe(0);
        foreach (var address in addresses)
        {
            factory.Smtp.To(address).Count.ShouldBe(1);
        }
        var sent = await (await admin.GetAsync("/api/v1/mail?status=sent&limit=200").ShouldBe(HttpStatusCode.OK)).ReadAsync<MailLogPage>();
        sent.Items.Where(i => addresses.Contains(i.To)).ShouldAllBe(i => i.Attempts == 3 && i.LastError == null);
    }

    [Fact]
    public async Task Messages_queued_by_an_instance_that_stopped_are_sent_by_the_next_one_on_the_same_database()
    {
        var addresses = new[] { Unique("tauko1"), Unique("tauko2") };
        await using (var stopped = new MailApiFactory(factory.Smtp, factory.DatabasePath))
        {
            var eventId = await PublishedEventAsync(stopped, DateTimeOffset.UtcNow.AddDays(5));
            foreach (var address in addresses)
            {
                await EventRequests.RegisterAsync(stopped.Anonymous(), eventId, "Tauko Testaaja", address, language: "en").ShouldBe(HttpStatusCode.Accepted);
            }
            // It stops with its messages written but not sent (its sender never ran).
        }
        addresses.ShouldAllBe(a => factory.Smtp.To(a).Count == 0);

        await using var next = new MailApiFactory(factory.Smtp, factory.DatabasePath);
        (await next.DeliverAsync()).ShouldBeGreaterThanOrEqualTo(2);
        foreach (var address in addresses)
        {
            factory.Smtp.To(address).ShouldHaveSingleItem().Subject.ShouldBe("Registration confirmed: Toimituksen testi-ilta");
        }
    }

    [Fact]
    public async Task Two_instances_on_one_database_send_each_message_once()
    {
        await using var first = new MailApiFactory(factory.Smtp, factory.DatabasePath);
        await using var second = new MailApiFactory(factory.Smtp, factory.DatabasePath);
        first.Set("Mail:BatchSize", "3");
        second.Set("Mail:BatchSize", "3");
        var eventId = await PublishedEventAsync(first, DateTimeOffset.UtcNow.AddDays(5));
        var addresses = Enumerable.Range(0, 24).Select(i => Unique($"rinnakkain{i}")).ToList();
        await Task.WhenAll(addresses.Select(a => EventRequests.RegisterAsync(first.Anonymous(), eventId, "Rinnakkain", a).ShouldBe(HttpStatusCode.Accepted)));
        _ = second.Services; // both started before delivery begins

        var sent = await Task.WhenAll(first.DeliverAsync(), second.DeliverAsync(), first.DeliverAsync(), second.DeliverAsync());
        sent.Sum().ShouldBeGreaterThanOrEqualTo(24);
        foreach (var address in addresses)
        {
            factory.Smtp.To(address).Count.ShouldBe(1);
        }
        addresses.SelectMany(factory.Smtp.To).Select(m => m.MessageId).Distinct().Count().ShouldBe(24);
    }

    [Fact]
    public async Task The_reminder_goes_once_to_each_confirmed_registrant_in_their_language_an_hour_before()
    {
        var eventId = await PublishedEventAsync(factory, clock.GetUtcNow().AddHours(1).AddSeconds(30));
        var anonymous = factory.Anonymous();
        var fi = Unique("muistutus");
        var en = Unique("reminder");
        await EventRequests.RegisterAsync(anonymous, eventId, "Muisti Muikkunen", fi, language: "fi").ShouldBe(HttpStatusCode.Accepted);
        await EventRequests.RegisterAsync(anonymous, eventId, "Remy Reminder", en, language: "en").ShouldBe(HttpStatusCode.Accepted);
        await factory.DeliverAsync();
        var reminders = factory.Services.GetRequiredService<EventReminders>();

        (await reminders.RunOnceAsync()).ShouldBe(0);
        clock.Advance(TimeSpan.FromSeconds(31));
        (await reminders.RunOnceAsync()).ShouldBe(2);
        (await reminders.RunOnceAsync()).ShouldBe(0);
        (await factory.DeliverAsync()).ShouldBe(2);

        var finnish = factory.Smtp.To(fi)[^1];
        finnish.ShouldBeWellFormed("fi");
        finnish.Subject.ShouldBe("Muistutus: Toimituksen testi-ilta");
        finnish.Calendar().Calendar.Events.Single().Uid.ShouldBe($"{eventId}@communityhub");
        var english = factory.Smtp.To(en)[^1];
        english.Subject.ShouldBe("Reminder: Toimituksen testi-ilta");
        english.RegistrationLink().EventId.ShouldBe(eventId);
    }
}
