using CommunityHub.Api.Infrastructure.Time;

namespace CommunityHub.Api.Features.Spaces.Bookings;

/// <summary>A rule a booking breaks: why (the series' reason), the field a 400 names, and the message.</summary>
public sealed record RuleBreach(BookingRefusal Reason, string Field, string Message);

/// <summary>
/// The space's rules a booking must keep, I/O-free: closures, opening hours (Europe/Helsinki, a booking over several
/// days must be inside opening hours on each), length, start interval and the booking window. Quota and overlap need the
/// database and are <see cref="BookingData"/>'s.
/// </summary>
public static class BookingRules
{
    public static RuleBreach? Check(SpaceRules rules, IReadOnlyList<OpeningHours> hours, IReadOnlyList<SpaceClosure> closures,
        DateTimeOffset startsAt, DateTimeOffset endsAt, DateTimeOffset now)
    {
        if (startsAt < now)
        {
            return new RuleBreach(BookingRefusal.TooFarAhead, "startsAt", Texts.Get("booking.inPast"));
        }
        var first = Helsinki.DateAt(startsAt);
        var last = Helsinki.DateAt(endsAt.AddTicks(-1));
        if (closures.FirstOrDefault(c => c.From <= last && c.To >= first) is { } closure)
        {
            return new RuleBreach(BookingRefusal.Closed, "startsAt", Texts.Get("booking.closed", closure.Reason));
        }
        if (!InsideOpeningHours(hours, startsAt, endsAt, first, last))
        {
            return new RuleBreach(BookingRefusal.OutsideOpeningHours, "startsAt", Texts.Get("booking.outsideOpeningHours"));
        }
        var minutes = (endsAt - startsAt).TotalMinutes;
        if (minutes < rules.MinMinutes || (rules.MaxMinutes is { } max && minutes > max))
        {
            return new RuleBreach(BookingRefusal.Length, "endsAt", rules.MaxMinutes is { } most
                ? Texts.Get("booking.length", rules.MinMinutes, most)
                : Texts.Get("booking.lengthMin", rules.MinMinutes));
        }
        var local = Helsinki.Local(startsAt);
        if (local.Second != 0 || local.Millisecond != 0 || (local.Hour * 60 + local.Minute) % rules.IntervalMinutes != 0
            || ((long)minutes) % rules.IntervalMinutes != 0)
        {
            return new RuleBreach(BookingRefusal.Interval, "startsAt", Texts.Get("booking.interval", rules.IntervalMinutes));
        }
        if (first.DayNumber > Helsinki.DateAt(now).DayNumber + rules.BookAheadDays)
        {
            return new RuleBreach(BookingRefusal.TooFarAhead, "startsAt", Texts.Get("booking.tooFarAhead", rules.BookAheadDays));
        }
        return null;
    }

    /// <summary>Each day's part of the booking lies in one of that weekday's opening windows.</summary>
    private static bool InsideOpeningHours(IReadOnlyList<OpeningHours> hours, DateTimeOffset startsAt, DateTimeOffset endsAt, DateOnly first, DateOnly last)
    {
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            var dayStart = Helsinki.FromLocal(day.ToDateTime(TimeOnly.MinValue));
            var dayEnd = Helsinki.FromLocal(day.AddDays(1).ToDateTime(TimeOnly.MinValue));
            var from = MinutesInto(startsAt > dayStart ? startsAt : dayStart, day);
            var to = endsAt >= dayEnd ? 24 * 60 : MinutesInto(endsAt, day);
            var weekday = (int)day.DayOfWeek == 0 ? 7 : (int)day.DayOfWeek;
            if (!hours.Any(h => h.Weekday == weekday && SpaceClock.Minutes(h.Opens, false) <= from && to <= SpaceClock.Minutes(h.Closes, true)))
            {
                return false;
            }
        }
        return true;
    }

    private static double MinutesInto(DateTimeOffset instant, DateOnly day) =>
        (Helsinki.Local(instant).DateTime - day.ToDateTime(TimeOnly.MinValue)).TotalMinutes;

    /// <summary>The open intervals of <paramref name="from"/>–<paramref name="to"/>: weekly hours on each date, minus closures.</summary>
    public static IReadOnlyList<TimeInterval> OpenIntervals(
        IReadOnlyList<OpeningHours> hours, IReadOnlyList<SpaceClosure> closures, DateTimeOffset from, DateTimeOffset to)
    {
        var result = new List<TimeInterval>();
        for (var day = Helsinki.DateAt(from); day <= Helsinki.DateAt(to); day = day.AddDays(1))
        {
            if (closures.Any(c => c.From <= day && c.To >= day))
            {
                continue;
            }
            var weekday = (int)day.DayOfWeek == 0 ? 7 : (int)day.DayOfWeek;
            foreach (var h in hours.Where(h => h.Weekday == weekday).OrderBy(h => h.Opens, StringComparer.Ordinal))
            {
                var opens = Helsinki.FromLocal(day.ToDateTime(TimeOnly.MinValue).AddMinutes(SpaceClock.Minutes(h.Opens, false)));
                var closes = Helsinki.FromLocal(day.ToDateTime(TimeOnly.MinValue).AddMinutes(SpaceClock.Minutes(h.Closes, true)));
                var start = opens > from ? opens : from;
                var end = closes < to ? closes : to;
                if (end <= start)
                {
                    continue;
                }
                // Windows that touch (a day open to 24:00 and the next from 00:00) are one interval.
                if (result.Count > 0 && result[^1].EndsAt >= start)
                {
                    result[^1] = result[^1] with { EndsAt = end > result[^1].EndsAt ? end : result[^1].EndsAt };
                }
                else
                {
                    result.Add(new TimeInterval(start, end));
                }
            }
        }
        return result;
    }
}
