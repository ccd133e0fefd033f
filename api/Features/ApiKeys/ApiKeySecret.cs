using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace CommunityHub.Api.Features.ApiKeys;

/// <summary>
/// The key format <c>chk_&lt;prefix&gt;_&lt;secret&gt;</c>: a public random prefix that finds the row, and a 32-byte random
/// secret of which only a SHA-256 hash is stored. The secret has 256 bits of entropy, so a fast hash is enough (a
/// slow password hash guards guessable secrets, which these are not) and the check stays cheap on every request.
/// </summary>
public static class ApiKeySecret
{
    public const string Marker = "chk";
    private const int PrefixBytes = 8;
    private const int SecretBytes = 32;

    /// <summary>The length of every key this API issues: "chk_" + 16 hex + "_" + 64 hex.</summary>
    public static readonly int KeyLength = Marker.Length + 1 + (PrefixBytes * 2) + 1 + (SecretBytes * 2);

    public sealed record Generated(string Key, string Prefix, string Hash);

    public static Generated Generate()
    {
        var prefix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(PrefixBytes));
        var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(SecretBytes));
        return new Generated($"{Marker}_{prefix}_{secret}", prefix, Hash(secret));
    }

    /// <summary>Splits a presented key; anything not exactly in the issued shape is refused before touching the database.</summary>
    public static bool TryParse(string? key, [NotNullWhen(true)] out string? prefix, [NotNullWhen(true)] out string? secret)
    {
        prefix = null;
        secret = null;
        if (key is null || key.Length != KeyLength || !key.StartsWith(Marker + "_", StringComparison.Ordinal))
        {
            return false;
        }
        var prefixStart = Marker.Length + 1;
        var secretStart = prefixStart + (PrefixBytes * 2) + 1;
        if (key[secretStart - 1] != '_')
        {
            return false;
        }
        var p = key.Substring(prefixStart, PrefixBytes * 2);
        var s = key[secretStart..];
        if (!IsLowerHex(p) || !IsLowerHex(s))
        {
            return false;
        }
        (prefix, secret) = (p, s);
        return true;
    }

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>Compares the secret's hash with the stored one in constant time.</summary>
    public static bool Verify(string secret, string storedHash)
    {
        Span<byte> actual = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(secret), actual);
        byte[] expected;
        try
        {
            expected = Convert.FromHexString(storedHash);
        }
        catch (FormatException)
        {
            return false;
        }
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    private static bool IsLowerHex(string text) => text.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));
}
