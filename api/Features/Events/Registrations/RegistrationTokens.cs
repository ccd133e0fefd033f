using System.Security.Cryptography;

namespace CommunityHub.Api.Features.Events.Registrations;

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
