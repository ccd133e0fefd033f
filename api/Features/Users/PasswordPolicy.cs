using System.Collections.Frozen;

namespace CommunityHub.Api.Features.Users;

/// <summary>
/// Passwords are at least <see cref="MinLength"/> characters and not a common password. The list is Openwall's
/// <c>password.lst</c> (public domain; its header credits it), shipped in the repository as an embedded resource.
/// Few listed passwords reach 12 characters, so a password is also refused when what is left after stripping digits
/// and punctuation from both ends is a listed one ("password1234", "!Sunshine2026").
/// </summary>
public static class PasswordPolicy
{
    public const int MinLength = 12;

    private const string Decorations = "0123456789 !\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    private static readonly Lazy<FrozenSet<string>> Common = new(Load);

    public static bool IsCommon(string password)
    {
        var list = Common.Value;
        var trimmed = password.Trim();
        if (list.Contains(trimmed))
        {
            return true;
        }
        var core = trimmed.AsSpan().Trim(Decorations);
        return core.Length >= 4 && list.GetAlternateLookup<ReadOnlySpan<char>>().Contains(core);
    }

    /// <summary>Why a password may not be used, or null when it may (the bootstrap admin follows the same rule).</summary>
    public static string? Problem(string password) =>
        password.Length < MinLength ? $"must be at least {MinLength} characters"
        : IsCommon(password) ? "is among the most common passwords"
        : null;

    private static FrozenSet<string> Load()
    {
        using var stream = typeof(PasswordPolicy).Assembly.GetManifestResourceStream("CommunityHub.Api.Features.Users.common-passwords.txt")
            ?? throw new InvalidOperationException("The common password list is missing from the build.");
        using var reader = new StreamReader(stream);
        var words = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && !line.StartsWith("#!comment:", StringComparison.Ordinal))
            {
                words.Add(line);
            }
        }
        return words.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
    }
}
