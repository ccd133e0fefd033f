using CommunityHub.Api.Features.Mail;
using CommunityHub.Api.Infrastructure.Time;

namespace CommunityHub.Api.Features.Events.Registrations;

/// <summary>A registrant as their messages need them: the address, the name, the language they registered in, where they stand.</summary>
internal sealed class Registrant
{
    public const string Columns =
        "r.id, r.name, r.email, r.language, r.status, " +
        "CASE WHEN r.status = 'waitlisted' THEN (SELECT COUNT(*) FROM registrations w " +
        "WHERE w.event_id = r.event_id AND w.status = 'waitlisted' AND w.queue_seq <= r.queue_seq) END AS waitlist_position";

    public Guid Id { get; init; }
    public string Name { get; init; } = "";
    public string Email { get; init; } = "";
    public string? Language { get; init; }
    public string Status { get; init; } = "";
    public int? WaitlistPosition { get; init; }

    public string MailLanguage => Language == Texts.EnglishCode ? Texts.EnglishCode : Texts.FinnishCode;
}

/// <summary>
/// The messages registrants get, queued in the transaction of the write that causes them (see <see cref="MailOutbox"/>):
/// registration received (a seat or a waiting-list place), "already registered", moved up from the waiting list, the
/// event changed or cancelled, and the reminder. Each is in the registrant's language, names the event's time in
/// Europe/Helsinki, carries the personal link (<c>/events/{id}/registration#id=…&amp;token=…</c>: a fragment, never sent
/// to a server) and an iCalendar entry whose UID is the event's in the public feed.
/// </summary>
public sealed class RegistrationMails(MailOutbox outbox, AuthSettings auth, MailLinks links, TimeProvider clock)
{
    internal async Task ReceivedAsync(WriteScope scope, EventRow ev, Registrant who, CancellationToken ct)
    {
        var confirmed = who.Status == EnumText.Name(RegistrationStatus.Confirmed);
        await QueueAsync(scope, ev, who, confirmed ? "registration_confirmed" : "registration_waitlisted",
            confirmed ? "mail.registration.confirmed" : "mail.registration.waitlisted", confirmed ? "PUBLISH" : null, ct);
    }

    internal Task AlreadyRegisteredAsync(WriteScope scope, EventRow ev, Registrant who, CancellationToken ct) =>
        QueueAsync(scope, ev, who, "registration_exists", "mail.registration.exists",
            who.Status == EnumText.Name(RegistrationStatus.Confirmed) ? "PUBLISH" : null, ct);

    internal Task PromotedAsync(WriteScope scope, EventRow ev, Registrant who, CancellationToken ct) =>
        QueueAsync(scope, ev, who, "registration_promoted", "mail.registration.promoted", "PUBLISH", ct);

    internal Task ReminderAsync(WriteScope scope, EventRow ev, Registrant who, CancellationToken ct) =>
        QueueAsync(scope, ev, who, "event_reminder", "mail.reminder", "PUBLISH", ct);

    /// <summary>The event's time or place changed: every registrant still in (confirmed or waitlisted), with the new entry.</summary>
    internal async Task ChangedAsync(WriteScope scope, EventRow ev, CancellationToken ct)
    {
        foreach (var who in await LiveRegistrantsAsync(scope, ev.Id, ct))
        {
            await QueueAsync(scope, ev, who, "event_changed", "mail.event.changed",
                who.Status == EnumText.Name(RegistrationStatus.Confirmed) ? "PUBLISH" : null, ct);
        }
    }

    /// <summary>The event was cancelled: every registrant still in, with METHOD:CANCEL for those whose calendar holds it.</summary>
    internal async Task CancelledAsync(WriteScope scope, EventRow ev, CancellationToken ct)
    {
        foreach (var who in await LiveRegistrantsAsync(scope, ev.Id, ct))
        {
            await QueueAsync(scope, ev, who, "event_cancelled", "mail.event.cancelled", "CANCEL", ct);
        }
    }

    internal static async Task<Registrant> ReadAsync(WriteScope scope, Guid registrationId, CancellationToken ct) =>
        await scope.Connection.QuerySingleAsync<Registrant>(new CommandDefinition(
            $"SELECT {Registrant.Columns} FROM registrations r WHERE r.id = @Id", new { Id = registrationId }, scope.Transaction, cancellationToken: ct));

    private static async Task<IReadOnlyList<Registrant>> LiveRegistrantsAsync(WriteScope scope, Guid eventId, CancellationToken ct) =>
        (await scope.Connection.QueryAsync<Registrant>(new CommandDefinition(
            $"""
            SELECT {Registrant.Columns} FROM registrations r
            WHERE r.event_id = @EventId AND r.status <> 'cancelled' AND r.personal_data_erased_at IS NULL
            ORDER BY r.queue_seq
            """,
            new { EventId = eventId },
            scope.Transaction,
            cancellationToken: ct))).ToList();

    private async Task QueueAsync(WriteScope scope, EventRow ev, Registrant who, string kind, string key, string? calendarMethod, CancellationToken ct)
    {
        if (!outbox.Enabled)
        {
            return;
        }
        var language = who.MailLanguage;
        string T(string textKey, params object?[] args) => Texts.In(language, textKey, args);
        var status = who.Status == EnumText.Name(RegistrationStatus.Confirmed)
            ? T("mail.status.confirmed")
            : who.Status == EnumText.Name(RegistrationStatus.Waitlisted) ? T("mail.status.waitlisted", who.WaitlistPosition) : T("mail.status.cancelled");
        var body = new MailBody()
            .Paragraph(T("mail.greeting", who.Name))
            .Paragraph(T(key + ".body", ev.Title, who.WaitlistPosition))
            .Facts(
                (T("mail.fact.event"), ev.Title),
                (T("mail.fact.when"), MailDates.Span(ev.StartsAt, ev.EndsAt, language)),
                (T("mail.fact.where"), ev.Place),
                (T("mail.fact.status"), kind == "event_cancelled" ? null : status));
        if (kind != "event_cancelled")
        {
            var token = RegistrationTokens.For(auth, who.Id);
            body.Link(T("mail.link.registration"), links.Registration(ev.Id, who.Id, token))
                .Paragraph(T("mail.keepLink"));
        }
        body.Link(T("mail.link.event"), links.Event(ev.Id));
        var calendar = calendarMethod is null ? null : new MailCalendar(calendarMethod, Calendar(ev, calendarMethod));
        await outbox.EnqueueAsync(scope, new MailDraft(kind, who.Email, language, T(key + ".subject", ev.Title), body, who.Id, calendar), ct);
    }

    /// <summary>
    /// One VEVENT with the feed's UID (<c>{id}@communityhub</c>) and the event's version as SEQUENCE, so a calendar replaces
    /// the entry when the time or place changes (the version rises with every change) and removes it on CANCEL.
    /// </summary>
    private string Calendar(EventRow ev, string method)
    {
        var ics = new ICalendarWriter()
            .Raw("BEGIN", "VCALENDAR")
            .Raw("VERSION", "2.0")
            .Text("PRODID", "-//CommunityHub//Registrations 1.0//FI")
            .Raw("CALSCALE", "GREGORIAN")
            .Raw("METHOD", method);
        ics.HelsinkiZone();
        ics.Raw("BEGIN", "VEVENT")
            .Raw("UID", $"{ev.Id}@communityhub")
            .Utc("DTSTAMP", clock.GetUtcNow())
            .LocalTime("DTSTART", Helsinki.ZoneId, Helsinki.Local(ev.StartsAt).DateTime)
            .LocalTime("DTEND", Helsinki.ZoneId, Helsinki.Local(ev.EndsAt).DateTime)
            .Text("SUMMARY", ev.Title)
            .Raw($"ORGANIZER;CN=\"{outbox.CentreName.Replace("\"", "", StringComparison.Ordinal)}\"", $"mailto:{links.OrganizerAddress}");
        if (ev.Place is { } place)
        {
            ics.Text("LOCATION", place);
        }
        return ics.Raw("URL", links.Event(ev.Id))
            .Raw("SEQUENCE", ev.Version.ToString(CultureInfo.InvariantCulture))
            .Raw("STATUS", method == "CANCEL" ? "CANCELLED" : "CONFIRMED")
            .Raw("END", "VEVENT")
            .Raw("END", "VCALENDAR")
            .ToString();
    }
}
