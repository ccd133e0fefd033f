using CommunityHub.Api.Infrastructure.Time;


namespace CommunityHub.Api.Features.Events;

/// <summary>
/// Writes RFC 5545 content lines: TEXT escaping (backslash, semicolon, comma, newline), folding at 75 octets without
/// splitting a UTF-8 sequence (continuation lines start with one space), and CRLF line ends.
/// </summary>
public sealed class ICalendarWriter
{
    private const int MaxOctets = 75;
    private readonly StringBuilder output = new();

    /// <summary>A property whose value is already in its wire form (dates, URIs, enumerated values).</summary>
    public ICalendarWriter Raw(string name, string value) => Line($"{name}:{value}");

    /// <summary>A TEXT property, escaped.</summary>
    public ICalendarWriter Text(string name, string value) => Line($"{name}:{Escape(value)}");

    public ICalendarWriter LocalTime(string name, string zoneId, DateTime local) =>
        Line($"{name};TZID={zoneId}:{local.ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture)}");

    public ICalendarWriter Utc(string name, DateTimeOffset instant) =>
        Line($"{name}:{instant.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}");

    public override string ToString() => output.ToString();

    public static string Escape(string value) => value
        .Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace(";", "\\;", StringComparison.Ordinal)
        .Replace(",", "\\,", StringComparison.Ordinal)
        .Replace("\r\n", "\\n", StringComparison.Ordinal)
        .Replace("\r", "\\n", StringComparison.Ordinal)
        .Replace("\n", "\\n", StringComparison.Ordinal);

    /// <summary>
    /// Folds one content line: the first segment holds up to 75 octets, each continuation a space and 74. A fold never
    /// splits a UTF-8 sequence, nor a TEXT escape such as <c>\,</c> (legal, but some readers unescape before unfolding).
    /// </summary>
    public static IEnumerable<string> Fold(string line)
    {
        var segment = new StringBuilder();
        var octets = 0;
        var runes = line.EnumerateRunes().ToList();
        for (var i = 0; i < runes.Count; i++)
        {
            var unit = runes[i].ToString();
            if (runes[i].Value == '\\' && i + 1 < runes.Count)
            {
                unit += runes[++i].ToString();
            }
            var size = Encoding.UTF8.GetByteCount(unit);
            if (octets + size > MaxOctets)
            {
                yield return segment.ToString();
                segment.Clear().Append(' ');
                octets = 1;
            }
            segment.Append(unit);
            octets += size;
        }
        yield return segment.ToString();
    }

    private ICalendarWriter Line(string line)
    {
        foreach (var part in Fold(line))
        {
            output.Append(part).Append("\r\n");
        }
        return this;
    }

    /// <summary>Finland's rules since 1983 (EU summer time): EEST from the last Sunday of March, EET from the last Sunday of October.</summary>
    public ICalendarWriter HelsinkiZone() => this
        .Raw("BEGIN", "VTIMEZONE")
        .Raw("TZID", Helsinki.ZoneId)
        .Raw("X-LIC-LOCATION", Helsinki.ZoneId)
        .Raw("BEGIN", "DAYLIGHT")
        .Raw("TZOFFSETFROM", "+0200")
        .Raw("TZOFFSETTO", "+0300")
        .Raw("TZNAME", "EEST")
        .Raw("DTSTART", "19700329T030000")
        .Raw("RRULE", "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU")
        .Raw("END", "DAYLIGHT")
        .Raw("BEGIN", "STANDARD")
        .Raw("TZOFFSETFROM", "+0300")
        .Raw("TZOFFSETTO", "+0200")
        .Raw("TZNAME", "EET")
        .Raw("DTSTART", "19701025T040000")
        .Raw("RRULE", "FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU")
        .Raw("END", "STANDARD")
        .Raw("END", "VTIMEZONE");
}
