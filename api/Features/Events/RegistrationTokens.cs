using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CommunityHub.Api.Infrastructure.Security;

namespace CommunityHub.Api.Features.Events;

/// <summary>
/// Cancel tokens are derived from the registration id with a server-side key (HMAC), and only their SHA-256 hash is
/// stored. Deriving rather than storing lets an idempotent retry hand back the very token of the first answer without
/// the database ever holding it; a leaked database does not reveal tokens.
/// </summary>
public static class RegistrationTokens
{
    public static string For(AuthSettings settings, Guid registrationId)
    {
        var key = SHA256.HashData(Encoding.UTF8.GetBytes("communityhub:registration-cancel:" + settings.SigningKey));
        var mac = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(registrationId.ToString("D", CultureInfo.InvariantCulture)));
        return System.Buffers.Text.Base64Url.EncodeToString(mac);
    }

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}

/// <summary>Europe/Helsinki, the zone events are shown in (and written in for iCalendar).</summary>
public static class EventTime
{
    public const string ZoneId = "Europe/Helsinki";

    public static TimeZoneInfo Helsinki { get; } = TimeZoneInfo.FindSystemTimeZoneById(ZoneId);

    public static DateTime Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Helsinki).DateTime;

    public static string Describe(DateTimeOffset instant) =>
        Local(instant).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " (Europe/Helsinki)";

    /// <summary>The instant a local Helsinki wall-clock time stands for (a time skipped by DST moves forward an hour).</summary>
    public static DateTimeOffset FromLocal(DateTime local)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (Helsinki.IsInvalidTime(unspecified))
        {
            unspecified = unspecified.AddHours(1);
        }
        return new DateTimeOffset(unspecified, Helsinki.GetUtcOffset(unspecified)).ToUniversalTime();
    }
}
