using System.Text.Json;
using CommunityHub.Api.Infrastructure.Time;

namespace CommunityHub.Api.Features.Events;

/// <summary>
/// The public iCalendar feed: public events that have been published (published, completed, and cancelled ones with
/// STATUS:CANCELLED so subscribers see the cancellation) and that ended less than 30 days ago or later. Members-only
/// events never appear, whoever asks: a feed URL is shared freely. Times are Europe/Helsinki with a VTIMEZONE.
/// </summary>
public sealed record GetEventCalendarQuery(string? Municipality, Guid? Organizer, string PublicBaseUrl) : IRequest<string>;

public sealed class GetEventCalendarValidator : AbstractValidator<GetEventCalendarQuery>
{
    public GetEventCalendarValidator() =>
        RuleFor(q => q.Municipality).MunicipalityFilter().When(q => q.Municipality is not null);
}

public sealed class GetEventCalendarHandler(Db db, TimeProvider clock, ICurrentUser user) : IRequestHandler<GetEventCalendarQuery, string>
{
    public static readonly TimeSpan KeepPastEventsFor = TimeSpan.FromDays(30);

    public async Task<string> Handle(GetEventCalendarQuery request, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var query = EventFilter.Apply(EventAccess.PublicOnly(user, EventFilter.Live(db.Dialect)), request.Municipality, request.Organizer)
            .Where("e.ends_at > @Since", "Since", now - KeepPastEventsFor);

        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.QueryAsync<EventRow>(query.All(CommunityEventData.Columns, "e.starts_at, e.id", ct));
        var baseUrl = request.PublicBaseUrl.TrimEnd('/');

        var ics = new ICalendarWriter()
            .Raw("BEGIN", "VCALENDAR")
            .Raw("VERSION", "2.0")
            .Text("PRODID", "-//CommunityHub//Events 1.0//FI")
            .Raw("CALSCALE", "GREGORIAN")
            .Raw("METHOD", "PUBLISH")
            .Text("X-WR-CALNAME", "CommunityHub – tapahtumat")
            .Raw("X-WR-TIMEZONE", Helsinki.ZoneId);
        ics.HelsinkiZone();
        foreach (var row in rows)
        {
            ics.Raw("BEGIN", "VEVENT")
                .Raw("UID", $"{row.Id}@communityhub")
                .Utc("DTSTAMP", now)
                .LocalTime("DTSTART", Helsinki.ZoneId, Helsinki.Local(row.StartsAt).DateTime)
                .LocalTime("DTEND", Helsinki.ZoneId, Helsinki.Local(row.EndsAt).DateTime)
                .Text("SUMMARY", row.Title);
            if (!string.IsNullOrWhiteSpace(row.Description))
            {
                ics.Text("DESCRIPTION", row.Description);
            }
            if (row.Place is { } location)
            {
                ics.Text("LOCATION", location);
            }
            var keywords = JsonSerializer.Deserialize<List<string>>(row.Keywords) ?? [];
            if (keywords.Count > 0)
            {
                ics.Raw("CATEGORIES", string.Join(',', keywords.Select(ICalendarWriter.Escape)));
            }
            ics.Raw("URL", $"{baseUrl}/events/{row.Id}")
                .Raw("SEQUENCE", row.Version.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .Raw("STATUS", row.StatusValue == EventStatus.Cancelled ? "CANCELLED" : "CONFIRMED")
                .Utc("CREATED", row.CreatedAt)
                .Utc("LAST-MODIFIED", row.UpdatedAt)
                .Raw("END", "VEVENT");
        }
        return ics.Raw("END", "VCALENDAR").ToString();
    }
}
