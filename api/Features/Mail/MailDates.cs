using CommunityHub.Api.Infrastructure.Time;

namespace CommunityHub.Api.Features.Mail;

/// <summary>
/// Times in messages, in Europe/Helsinki as people there write them: Finnish <c>to 17.12.2026 klo 12.00–16.00</c>
/// (weekday abbreviation, day.month.year, <c>klo</c>, hours.minutes, an en dash), English <c>Thu 17 Dec 2026, 12:00–16:00</c>;
/// an end on another day repeats the date.
/// </summary>
public static class MailDates
{
    private static readonly string[] FinnishWeekdays = ["su", "ma", "ti", "ke", "to", "pe", "la"];

    public static string Span(DateTimeOffset starts, DateTimeOffset ends, string language)
    {
        var from = Helsinki.Local(starts);
        var to = Helsinki.Local(ends);
        var sameDay = from.Date == to.Date;
        return language == Texts.EnglishCode
            ? sameDay
                ? $"{EnglishDate(from)}, {EnglishTime(from)}–{EnglishTime(to)} (Finnish time)"
                : $"{EnglishDate(from)}, {EnglishTime(from)} – {EnglishDate(to)}, {EnglishTime(to)} (Finnish time)"
            : sameDay
                ? $"{FinnishDate(from)} klo {FinnishTime(from)}–{FinnishTime(to)}"
                : $"{FinnishDate(from)} klo {FinnishTime(from)} – {FinnishDate(to)} klo {FinnishTime(to)}";
    }

    private static string FinnishDate(DateTimeOffset local) =>
        FinnishWeekdays[(int)local.DayOfWeek] + " " + local.ToString("d.M.yyyy", CultureInfo.InvariantCulture);

    private static string FinnishTime(DateTimeOffset local) => local.ToString("H.mm", CultureInfo.InvariantCulture);

    private static string EnglishDate(DateTimeOffset local) => local.ToString("ddd d MMM yyyy", CultureInfo.InvariantCulture);

    private static string EnglishTime(DateTimeOffset local) => local.ToString("HH:mm", CultureInfo.InvariantCulture);
}
