
namespace CommunityHub.Api.Infrastructure.Data;

/// <summary>
/// Keys computed in C# because SQLite folds only ASCII and the two providers collate differently.
/// Stored beside the text and compared in binary (code-point) order on both providers.
/// </summary>
public static class FinnishText
{
    // Private-use code points sort after every Latin letter in binary order: … Z, Å, Ä, Ö.
    private const char AWithRing = '\uE001';
    private const char ADiaeresis = '\uE002';
    private const char ODiaeresis = '\uE003';

    /// <summary>Finnish alphabetical order, case-insensitive: A–Z, then Å, Ä, Ö; Ü as Y, Æ as Ä, Ø as Ö, other accents as their base letter.</summary>
    public static string SortKey(string text)
    {
        var upper = Fold(text);
        var key = new StringBuilder(upper.Length);
        foreach (var c in upper)
        {
            switch (c)
            {
                case 'Å': key.Append(AWithRing); break;
                case 'Ä' or 'Æ': key.Append(ADiaeresis); break;
                case 'Ö' or 'Ø': key.Append(ODiaeresis); break;
                case 'Ü': key.Append('Y'); break;
                // Half of a character outside the BMP (an emoji): kept as it is; alone it cannot be normalised.
                case var _ when char.IsSurrogate(c): key.Append(c); break;
                default:
                    var decomposed = c.ToString().Normalize(NormalizationForm.FormD);
                    foreach (var part in decomposed)
                    {
                        if (CharUnicodeInfo.GetUnicodeCategory(part) != UnicodeCategory.NonSpacingMark)
                        {
                            key.Append(part);
                        }
                    }
                    break;
            }
        }
        return key.ToString();
    }

    /// <summary>Case-folded text for substring search: every letter, not only ASCII (ä finds Ä, but never a).</summary>
    public static string SearchKey(string text) => Fold(text);

    private static string Fold(string text) => text.Trim().Normalize(NormalizationForm.FormC).ToUpperInvariant();
}
