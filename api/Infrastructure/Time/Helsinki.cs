
namespace CommunityHub.Api.Infrastructure.Time;

/// <summary>
/// Europe/Helsinki, the hub's zone: dates (today, review due, a pilot's start) and the times shown in exports and
/// iCalendar are Helsinki's, while instants are stored in UTC.
/// </summary>
public static class Helsinki
{
    public const string ZoneId = "Europe/Helsinki";

    public static TimeZoneInfo Zone { get; } = TimeZoneInfo.FindSystemTimeZoneById(ZoneId);

    /// <summary>The wall-clock time in Helsinki at <paramref name="instant"/>.</summary>
    public static DateTimeOffset Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    /// <summary>The date in Helsinki at <paramref name="instant"/>.</summary>
    public static DateOnly DateAt(DateTimeOffset instant) => DateOnly.FromDateTime(Local(instant).DateTime);

    /// <summary>Today's date in Helsinki.</summary>
    public static DateOnly Today(TimeProvider clock) => DateAt(clock.GetUtcNow());

    /// <summary>"2026-11-22 18:00 (Europe/Helsinki)": a time as people in the hub read it, naming the zone.</summary>
    public static string Describe(DateTimeOffset instant) => Texts.IsEnglish
        ? Local(instant).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " (" + ZoneId + ")"
        : Local(instant).ToString("d.M.yyyy 'klo' H.mm", CultureInfo.InvariantCulture) + " (Suomen aikaa)";

    /// <summary>The instant a Helsinki wall-clock time stands for (a time skipped by DST moves forward an hour).</summary>
    public static DateTimeOffset FromLocal(DateTime local)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (Zone.IsInvalidTime(unspecified))
        {
            unspecified = unspecified.AddHours(1);
        }
        return new DateTimeOffset(unspecified, Zone.GetUtcOffset(unspecified)).ToUniversalTime();
    }
}
