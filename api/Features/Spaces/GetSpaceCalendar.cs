using CommunityHub.Api.Features.Events;
using CommunityHub.Api.Infrastructure.Time;

namespace CommunityHub.Api.Features.Spaces;

/// <summary>
/// A space's busy times as an RFC 5545 calendar (from 30 days ago to a year ahead): one VEVENT per busy interval, with
/// buffers, summary "Varattu" and never who booked, so the URL can be shared; in Finnish whoever asks, like the events feed. Times in Europe/Helsinki (VTIMEZONE included).
/// </summary>
public sealed record GetSpaceCalendarQuery(Guid Id) : IRequest<string>;

public sealed class GetSpaceCalendarHandler(Db db, TimeProvider clock, ICurrentUser user) : IRequestHandler<GetSpaceCalendarQuery, string>
{
    public async Task<string> Handle(GetSpaceCalendarQuery request, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var connection = await db.OpenAsync(ct);
        var space = await SpaceData.GetOrThrowAsync(connection, null, request.Id, user.MunicipalityScope, ct);
        var busy = await SpaceData.BusyAsync(connection, space.Id, now.AddDays(-30), now.AddDays(366), ct);
        var ics = new ICalendarWriter()
            .Raw("BEGIN", "VCALENDAR")
            .Raw("VERSION", "2.0")
            .Text("PRODID", "-//CommunityHub//Spaces 1.0//FI")
            .Raw("CALSCALE", "GREGORIAN")
            .Raw("METHOD", "PUBLISH")
            .Text("X-WR-CALNAME", $"{space.Name} – varaukset")
            .Raw("X-WR-TIMEZONE", Helsinki.ZoneId)
            .HelsinkiZone();
        foreach (var interval in busy)
        {
            // The interval's own times name it: a busy time that grows or shrinks is a new entry, the old one gone.
            var uid = $"{space.Id}-{interval.StartsAt.UtcTicks.ToString(CultureInfo.InvariantCulture)}-{interval.EndsAt.UtcTicks.ToString(CultureInfo.InvariantCulture)}@communityhub";
            ics.Raw("BEGIN", "VEVENT")
                .Raw("UID", uid)
                .Utc("DTSTAMP", now)
                .LocalTime("DTSTART", Helsinki.ZoneId, Helsinki.Local(interval.StartsAt).DateTime)
                .LocalTime("DTEND", Helsinki.ZoneId, Helsinki.Local(interval.EndsAt).DateTime)
                .Text("SUMMARY", "Varattu")
                .Text("LOCATION", space.Name)
                .Raw("SEQUENCE", "0")
                .Raw("TRANSP", "OPAQUE")
                .Raw("STATUS", "CONFIRMED")
                .Raw("END", "VEVENT");
        }
        return ics.Raw("END", "VCALENDAR").ToString();
    }
}
