using System.Globalization;
using System.Net;
using CommunityHub.Api.Features.Events;
using CommunityHub.Api.Features.Mail;
using CommunityHub.Api.Tests.Features.Events;
using CommunityHub.Api.Tests.Infrastructure;
using MimeKit;
using Shouldly;

namespace CommunityHub.Api.Tests.Features.Mail;

/// <summary>
/// What registrants read, over HTTP and through a real SMTP conversation with an in-process server: each message in
/// Finnish and English, the links and calendar entries they carry, and that an anonymous caller learns nothing from the
/// answer that the mail does not tell only the address's owner.
/// </summary>
public sealed class MailMessagesTests(MailApiFactory factory) : IClassFixture<MailApiFactory>
{
    private const string Title = "Kevään työnhakijailta – Åbo & Öljymäki";
    private static readonly string[] FinnishWeekdays = ["su", "ma", "ti", "ke", "to", "pe", "la"];

    /// <summary>12.00–15.00 Helsinki time, ten days from now (a winter date: UTC+2).</summary>
    private static DateTimeOffset Start()
    {
        var day = DateTime.SpecifyKind(DateTime.UtcNow.Date.AddDays(10), DateTimeKind.Unspecified);
        var offset = TimeZoneInfo.FindSystemTimeZoneById("Europe/Helsinki").GetUtcOffset(day.AddHours(12));
        return new DateTimeOffset(day.AddHours(12), offset);
    }

    private static string FinnishWhen(DateTimeOffset start) =>
        $"{FinnishWeekdays[(int)start.DayOfWeek]} {start.ToString("d.M.yyyy", CultureInfo.InvariantCulture)} klo 12.00–15.00";

    private async Task<(HttpClient Admin, CommunityEventResponse Event)> EventAsync(int? capacity, string title = Title)
    {
        var admin = await factory.AdminAsync();
        var organizer = await EventRequests.MemberAsync(admin);
        return (admin, await EventRequests.PublishedAsync(admin, EventRequests.Body([organizer], Start(), title: title, capacity: capacity)));
    }

    private static string Unique(string name) => $"{name}.{Guid.NewGuid():N}@example.fi";

    [Fact]
    public async Task A_registration_is_confirmed_by_mail_in_finnish_or_english_with_the_cancel_link_and_a_calendar_entry()
    {
        var (_, published) = await EventAsync(capacity: 1);
        var anonymous = factory.Anonymous();
        var aino = Unique("aino");
        var john = Unique("john");

        // The web app sends its language; without one, Accept-Language decides (the test client asks for English).
        var answer = await EventRequests.RegisterAsync(anonymous, published.Id, "Äinö Öhman-Ålander", aino, language: "fi").ShouldBe(HttpStatusCode.Accepted);
        (await answer.JsonAsync()).EnumerateObject().Select(p => p.Name).ShouldBe(["message"]);
        await EventRequests.RegisterAsync(anonymous, published.Id, "John Smith", john).ShouldBe(HttpStatusCode.Accepted);
        (await factory.DeliverAsync()).ShouldBe(2);

        var fi = factory.Smtp.To(aino).ShouldHaveSingleItem();
        fi.ShouldBeWellFormed("fi");
        fi.Subject.ShouldBe($"Ilmoittautuminen vahvistettu: {Title}");
        fi.Text().ShouldContain("Hei Äinö Öhman-Ålander,");
        fi.Text().ShouldContain($"Aika: {FinnishWhen(Start())}");
        fi.Text().ShouldContain("Paikka: Kulttuurikeskus Cruselli, Kullervontie 11 A, Uusikaupunki");
        fi.Text().ShouldContain("Tilanne: paikka vahvistettu");
        fi.Html().ShouldContain("Äinö Öhman-Ålander");
        var link = fi.RegistrationLink();
        link.EventId.ShouldBe(published.Id);
        fi.Text().ShouldContain($"https://hub.example.fi/events/{published.Id}/registration#id=");
        var (calendar, method) = fi.Calendar();
        method.ShouldBe("PUBLISH");
        calendar.Method.ShouldBe("PUBLISH");
        var entry = calendar.Events.ShouldHaveSingleItem();
        entry.Uid.ShouldBe($"{published.Id}@communityhub");
        entry.Summary.ShouldBe(Title);
        entry.DtStart!.TzId.ShouldBe("Europe/Helsinki");
        entry.DtStart.Hour.ShouldBe(12);
        entry.DtEnd!.Hour.ShouldBe(15);
        entry.Location.ShouldBe("Kulttuurikeskus Cruselli, Kullervontie 11 A, Uusikaupunki");

        var en = factory.Smtp.To(john).ShouldHaveSingleItem();
        en.ShouldBeWellFormed("en");
        en.Subject.ShouldBe($"You are on the waiting list: {Title}");
        en.Text().ShouldContain("Hello John Smith,");
        en.Text().ShouldContain("place 1");
        en.Text().ShouldContain("Cancel your registration or give feedback");
        en.HasCalendar().ShouldBeFalse();

        // The mailed token is the registration's: it cancels (in the body, never the address).
        await EventRequests.CancelAsync(anonymous, published.Id, en.RegistrationLink().RegistrationId, en.RegistrationLink().Token)
            .ShouldBe(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task A_duplicate_registration_answers_exactly_like_a_new_one_and_only_the_mail_says_already_registered()
    {
        var (admin, published) = await EventAsync(capacity: null);
        var anonymous = factory.Anonymous();
        var address = Unique("pekka");

        var first = await EventRequests.RegisterAsync(anonymous, published.Id, "Pekka Korhonen", address, language: "fi");
        var second = await EventRequests.RegisterAsync(anonymous, published.Id, "Joku Muu", address.ToUpperInvariant(), language: "fi");
        second.StatusCode.ShouldBe(first.StatusCode);
        first.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await second.Content.ReadAsStringAsync()).ShouldBe(await first.Content.ReadAsStringAsync());
        second.Content.Headers.ContentType!.ToString().ShouldBe(first.Content.Headers.ContentType!.ToString());
        second.Headers.Location.ShouldBe(first.Headers.Location);

        (await factory.DeliverAsync()).ShouldBe(2);
        var messages = factory.Smtp.To(address);
        messages.Count.ShouldBe(2);
        messages[0].Subject.ShouldStartWith("Ilmoittautuminen vahvistettu");
        messages[1].Subject.ShouldBe($"Olet jo ilmoittautunut: {Title}");
        messages[1].Text().ShouldContain("uutta ilmoittautumista ei tehty");
        // The same personal link again: the owner of the address can still cancel.
        messages[1].RegistrationLink().ShouldBe(messages[0].RegistrationLink());

        var current = await (await admin.GetAsync($"/api/v1/events/{published.Id}")).ReadAsync<CommunityEventResponse>();
        current.ConfirmedCount.ShouldBe(1);

        // Asking again at once queues no further "already registered" message (nobody fills a mailbox that way).
        await EventRequests.RegisterAsync(anonymous, published.Id, "Joku Muu", address, language: "fi").ShouldBe(HttpStatusCode.Accepted);
        (await factory.DeliverAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task Cancelling_from_the_mailed_link_gives_the_seat_to_the_first_on_the_waiting_list_who_is_told_by_mail()
    {
        var (admin, published) = await EventAsync(capacity: 1);
        var anonymous = factory.Anonymous();
        var seated = Unique("seated");
        var waiting = Unique("waiting");
        var second = Unique("second");
        await EventRequests.RegisterAsync(anonymous, published.Id, "Irja Istuja", seated, language: "fi").ShouldBe(HttpStatusCode.Accepted);
        await EventRequests.RegisterAsync(anonymous, published.Id, "Wanda Waiting", waiting, language: "en").ShouldBe(HttpStatusCode.Accepted);
        await EventRequests.RegisterAsync(anonymous, published.Id, "Jonna Jonossa", second, language: "fi").ShouldBe(HttpStatusCode.Accepted);
        await factory.DeliverAsync();
        var link = factory.Smtp.To(seated).Single().RegistrationLink();

        // The old form with the token in the address is refused and says where the token goes now.
        await anonymous.DeleteAsync($"/api/v1/events/{published.Id}/registrations/{link.RegistrationId}?token={Uri.EscapeDataString(link.Token)}")
            .ShouldBeProblem(HttpStatusCode.BadRequest, "token");
        await EventRequests.CancelAsync(anonymous, published.Id, link.RegistrationId, link.Token).ShouldBe(HttpStatusCode.NoContent);
        (await factory.DeliverAsync()).ShouldBe(1);

        var promoted = factory.Smtp.To(waiting)[^1];
        promoted.ShouldBeWellFormed("en");
        promoted.Subject.ShouldBe($"You have a seat: {Title}");
        promoted.Text().ShouldContain("moved up from the waiting list");
        promoted.Text().ShouldContain("Status: seat confirmed");
        var (calendar, method) = promoted.Calendar();
        method.ShouldBe("PUBLISH");
        calendar.Events.Single().Uid.ShouldBe($"{published.Id}@communityhub");
        factory.Smtp.To(second).Count.ShouldBe(1);

        // In Finnish too: staff cancel the promoted one, and the next moves up.
        await admin.DeleteAsync($"/api/v1/events/{published.Id}/registrations/{promoted.RegistrationLink().RegistrationId}", null)
            .ShouldBe(HttpStatusCode.NoContent);
        (await factory.DeliverAsync()).ShouldBe(1);
        var fi = factory.Smtp.To(second)[^1];
        fi.ShouldBeWellFormed("fi");
        fi.Subject.ShouldBe($"Sait paikan: {Title}");
        fi.Text().ShouldContain("Tilanne: paikka vahvistettu");
    }

    [Fact]
    public async Task A_new_time_and_a_cancellation_are_mailed_to_every_registrant_with_the_calendar_updated_and_cancelled()
    {
        var admin = await factory.AdminAsync();
        var organizer = await EventRequests.MemberAsync(admin);
        var body = EventRequests.Body([organizer], Start(), title: Title, capacity: 1);
        var published = await EventRequests.PublishedAsync(admin, body);
        var anonymous = factory.Anonymous();
        var people = new[] { (Unique("eka"), "fi"), (Unique("toka"), "en"), (Unique("kolmas"), "fi") };
        foreach (var (address, language) in people)
        {
            await EventRequests.RegisterAsync(anonymous, published.Id, "Osallistuja", address, language: language).ShouldBe(HttpStatusCode.Accepted);
        }
        await EventRequests.RegisterAsync(anonymous, published.Id, "Peruja", people[2].Item1.Replace("kolmas", "x", StringComparison.Ordinal), language: "fi")
            .ShouldBe(HttpStatusCode.Accepted);
        await factory.DeliverAsync();
        var firstSequence = factory.Smtp.To(people[0].Item1).Single().Calendar().Calendar.Events.Single().Sequence;

        // A description change is not news to registrants; a new time is.
        body["description"] = "Uusi kuvaus.";
        var current = await (await admin.GetAsync($"/api/v1/events/{published.Id}")).ReadAsync<CommunityEventResponse>();
        await admin.PutJsonAsync($"/api/v1/events/{published.Id}", body, $"\"{current.Version}\"").ShouldBe(HttpStatusCode.OK);
        (await factory.DeliverAsync()).ShouldBe(0);
        var moved = Start().AddHours(2);
        body["startsAt"] = moved.ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture);
        body["endsAt"] = moved.AddHours(3).ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture);
        await admin.PutJsonAsync($"/api/v1/events/{published.Id}", body).ShouldBe(HttpStatusCode.OK);
        (await factory.DeliverAsync()).ShouldBe(4);

        var changedFi = factory.Smtp.To(people[0].Item1)[^1];
        changedFi.ShouldBeWellFormed("fi");
        changedFi.Subject.ShouldBe($"Tapahtuma on muuttunut: {Title}");
        changedFi.Text().ShouldContain($"{FinnishWeekdays[(int)moved.DayOfWeek]} {moved.ToString("d.M.yyyy", CultureInfo.InvariantCulture)} klo 14.00–17.00");
        var update = changedFi.Calendar().Calendar.Events.Single();
        update.Sequence.ShouldBeGreaterThan(firstSequence);
        update.DtStart!.Hour.ShouldBe(14);
        var changedEn = factory.Smtp.To(people[1].Item1)[^1];
        changedEn.Subject.ShouldBe($"Event changed: {Title}");
        changedEn.HasCalendar().ShouldBeFalse(); // on the waiting list: nothing in the calendar to update

        var cancelled = await EventRequests.MoveAsync(admin, published.Id, "cancelled");
        cancelled.Status.ShouldBe(EventStatus.Cancelled);
        (await factory.DeliverAsync()).ShouldBe(4);
        foreach (var (address, language) in people)
        {
            var last = factory.Smtp.To(address)[^1];
            last.ShouldBeWellFormed(language);
            last.Subject.ShouldBe(language == "fi" ? $"Tapahtuma on peruttu: {Title}" : $"Event cancelled: {Title}");
            var (calendar, method) = last.Calendar();
            method.ShouldBe("CANCEL");
            calendar.Method.ShouldBe("CANCEL");
            calendar.Events.Single().Status.ShouldBe("CANCELLED");
            calendar.Events.Single().Sequence.ShouldBeGreaterThan(update.Sequence);
        }
    }

    [Fact]
    public async Task Staff_registering_someone_get_the_place_and_the_registrant_gets_the_link_by_mail()
    {
        var (admin, published) = await EventAsync(capacity: 5);
        var address = Unique("sihteeri");
        var receipt = await (await EventRequests.RegisterAsync(admin, published.Id, "Selma Sijainen", address, language: "en")
            .ShouldBe(HttpStatusCode.Created)).ReadAsync<RegistrationReceipt>();
        receipt.Status.ShouldBe(RegistrationStatus.Confirmed);
        (await factory.DeliverAsync()).ShouldBe(1);
        var mail = factory.Smtp.To(address).Single();
        mail.Subject.ShouldBe($"Registration confirmed: {Title}");
        mail.RegistrationLink().RegistrationId.ShouldBe(receipt.Id);
    }

    [Fact]
    public async Task Admins_read_the_mail_log_and_send_a_message_again()
    {
        var (admin, published) = await EventAsync(capacity: null, title: "Lokin testi-ilta");
        var address = Unique("loki");
        await EventRequests.RegisterAsync(factory.Anonymous(), published.Id, "Loki Lokinen", address, language: "fi").ShouldBe(HttpStatusCode.Accepted);
        var pending = await (await admin.GetAsync("/api/v1/mail?status=pending").ShouldBe(HttpStatusCode.OK)).ReadAsync<MailLogPage>();
        var item = pending.Items.Single(i => i.To == address);
        item.Kind.ShouldBe("registration_confirmed");
        item.Subject.ShouldBe("Ilmoittautuminen vahvistettu: Lokin testi-ilta");
        item.Status.ShouldBe(MailStatus.Pending);
        await factory.DeliverAsync();

        var sent = await (await admin.GetAsync("/api/v1/mail?status=sent&limit=200").ShouldBe(HttpStatusCode.OK)).ReadAsync<MailLogPage>();
        var done = sent.Items.Single(i => i.Id == item.Id);
        done.Attempts.ShouldBe(1);
        done.SentAt.ShouldNotBeNull();
        (await admin.GetAsync("/api/v1/mail?status=maybe")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var again = await (await admin.PostAsync($"/api/v1/mail/{item.Id}/retry", null).ShouldBe(HttpStatusCode.OK)).ReadAsync<MailLogItem>();
        again.Status.ShouldBe(MailStatus.Pending);
        (await factory.DeliverAsync()).ShouldBe(1);
        var copies = factory.Smtp.To(address);
        copies.Count.ShouldBe(2);
        copies[1].MessageId.ShouldBe(copies[0].MessageId);
        (await admin.PostAsync($"/api/v1/mail/{Guid.NewGuid()}/retry", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var staff = await factory.AsAsync("staff");
        (await staff.GetAsync("/api/v1/mail")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await staff.PostAsync($"/api/v1/mail/{item.Id}/retry", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await factory.Anonymous().GetAsync("/api/v1/mail")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Message_bodies_are_deleted_after_the_retention_and_an_erasure_deletes_the_messages_to_the_address()
    {
        var (admin, published) = await EventAsync(capacity: null, title: "Tietosuojailta");
        var kept = Unique("sailytys");
        var erased = Unique("poisto");
        await EventRequests.RegisterAsync(factory.Anonymous(), published.Id, "Säilö Säilyttäjä", kept, language: "fi").ShouldBe(HttpStatusCode.Accepted);
        await EventRequests.RegisterAsync(factory.Anonymous(), published.Id, "Pirjo Poistettava", erased, language: "fi").ShouldBe(HttpStatusCode.Accepted);
        await factory.DeliverAsync();

        // Privacy:MailRetentionDays (30) after sending, the bodies (names, personal links) go; the log keeps the rest.
        await factory.Sender.PruneBodiesAsync(DateTimeOffset.UtcNow.AddDays(31), CancellationToken.None);
        var log = await (await admin.GetAsync("/api/v1/mail?status=sent&limit=200")).ReadAsync<MailLogPage>();
        var item = log.Items.Single(i => i.To == kept);
        item.BodyErased.ShouldBeTrue();
        await admin.PostAsync($"/api/v1/mail/{item.Id}/retry", null).ShouldBeProblem(HttpStatusCode.Conflict);

        var erasure = await (await admin.PostJsonAsync("/api/v1/privacy/subjects/erase", new { email = erased.ToUpperInvariant() }).ShouldBe(HttpStatusCode.OK))
            .ReadAsync<CommunityHub.Api.Features.Privacy.PersonalDataErasure>();
        erasure.Messages.ShouldBe(1);
        var after = await (await admin.GetAsync("/api/v1/mail?limit=200")).ReadAsync<MailLogPage>();
        after.Items.ShouldNotContain(i => i.To == erased);
        after.Items.ShouldContain(i => i.To == kept);
    }
}
