using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace CommunityHub.Api.Infrastructure.Security;

/// <summary>
/// OWASP's "device cookie" for sign-in: a successful sign-in sets a cookie naming the account (signed and encrypted with
/// the shared Data Protection key ring, so every instance reads it; HttpOnly, SameSite=Strict, Secure over HTTPS, sent
/// to <c>/api/v1/auth</c> only). An attempt carrying a valid one for the account it signs in to is throttled on that
/// device alone (<see cref="LoginThrottle"/>), so failures of others at the same shared address never block a person
/// signing in from a browser they have signed in from before. One cookie per account, so a shared browser keeps each.
/// </summary>
public sealed class DeviceCookies(IDataProtectionProvider protection, TimeProvider clock)
{
    public const string NamePrefix = "communityhub_device_";

    /// <summary>How long a device stays known after its last successful sign-in.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(180);

    private const string CookiePath = "/api/v1/auth";

    private readonly IDataProtector protector = protection.CreateProtector("CommunityHub.SignIn.DeviceCookie.v1");

    /// <summary>The cookie's name for an account (its normalised email): a short hash, so the name shows no address.</summary>
    public static string CookieName(string accountKey) =>
        NamePrefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(accountKey)))[..16];

    /// <summary>The device id of a valid, unexpired cookie for this account on the request, or null.</summary>
    public string? Read(HttpRequest request, string accountKey)
    {
        if (!request.Cookies.TryGetValue(CookieName(accountKey), out var value) || string.IsNullOrEmpty(value) || value.Length > 1024)
        {
            return null;
        }
        try
        {
            var parts = protector.Unprotect(value).Split('\n');
            return parts.Length == 3 && parts[0] == accountKey && parts[1].Length == 32
                && long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var expires)
                && clock.GetUtcNow().ToUnixTimeSeconds() < expires
                    ? parts[1]
                    : null;
        }
        catch (CryptographicException)
        {
            // Forged, damaged or from a key ring this installation no longer has: the attempt is an unknown device's.
            return null;
        }
    }

    /// <summary>Sets (or renews) the cookie after a successful sign-in; a known device keeps its id.</summary>
    public void Issue(HttpContext http, string accountKey, string? deviceId)
    {
        var id = deviceId ?? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var expires = clock.GetUtcNow() + Lifetime;
        var value = protector.Protect(string.Create(CultureInfo.InvariantCulture, $"{accountKey}\n{id}\n{expires.ToUnixTimeSeconds()}"));
        http.Response.Cookies.Append(CookieName(accountKey), value, new CookieOptions
        {
            HttpOnly = true,
            Secure = http.Request.IsHttps,
            SameSite = SameSiteMode.Strict,
            Path = CookiePath,
            Expires = expires,
            IsEssential = true,
        });
    }
}
