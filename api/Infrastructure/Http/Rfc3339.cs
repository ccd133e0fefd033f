using System.Text.RegularExpressions;

namespace CommunityHub.Api.Infrastructure.Http;

/// <summary>
/// The one reading of an instant in a query string (<c>?from=</c>, <c>?to=</c>, <c>?updatedSince=</c>): RFC 3339 with
/// an explicit offset (<c>2026-11-22T09:30:00Z</c>, <c>2026-11-22T11:30:00.5+02:00</c>), seconds and fractions
/// optional. An unencoded <c>+02:00</c> arrives as <c> 02:00</c> (a query string's <c>+</c> is a space), so a space
/// before the offset is read as <c>+</c>. No offset, no instant: a local time is ambiguous.
/// </summary>
public static partial class Rfc3339
{
    public const string Message = "must be an RFC 3339 timestamp with an offset, e.g. 2026-11-22T09:30:00Z.";

    public static bool TryParse(string? text, out DateTimeOffset value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text) || text.Length > 40)
        {
            return false;
        }
        var match = Pattern().Match(text);
        if (!match.Success)
        {
            return false;
        }
        var normalized = match.Groups["offset"].Value.StartsWith(' ')
            ? text[..match.Groups["offset"].Index] + "+" + match.Groups["offset"].Value[1..]
            : text;
        return DateTimeOffset.TryParse(normalized, CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(?<offset>[Zz]|[+\- ]\d{2}:\d{2})$")]
    private static partial Regex Pattern();
}
