
namespace CommunityHub.Api.Infrastructure.Localization;

/// <summary>
/// Every sentence the API says to a person, in Finnish and English, looked up by key in the request's language
/// (<see cref="CultureInfo.CurrentUICulture"/>, set per request from <c>Accept-Language</c>; Finnish unless English is
/// asked for). Callers ask at the moment they speak (in a handler, or a validator's <c>WithMessage(_ =&gt; …)</c>
/// lambda), never once at start-up, so each request gets its own language.
/// </summary>
public static partial class Texts
{
    public const string FinnishCode = "fi";
    public const string EnglishCode = "en";

    /// <summary>The language the API answers in now: English only when asked for, otherwise Finnish.</summary>
    public static string Language =>
        CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == EnglishCode ? EnglishCode : FinnishCode;

    public static bool IsEnglish => Language == EnglishCode;

    /// <summary>The message for <paramref name="key"/> in the current language, with <c>{0}</c>… filled in.</summary>
    public static string Get(string key, params object?[] args)
    {
        var table = IsEnglish ? English : Finnish;
        var text = table.TryGetValue(key, out var found) ? found
            : English.TryGetValue(key, out var english) ? english
            : key;
        return args.Length == 0 ? text : string.Format(CultureInfo.InvariantCulture, text, args);
    }

    /// <summary>
    /// The message for <paramref name="key"/> in a fixed <paramref name="language"/> (fi or en), whatever the request asked
    /// for: a message to a person is written in their language, not the sender's.
    /// </summary>
    public static string In(string language, string key, params object?[] args)
    {
        var table = language == EnglishCode ? English : Finnish;
        var text = table.TryGetValue(key, out var found) ? found : English.TryGetValue(key, out var english) ? english : key;
        return args.Length == 0 ? text : string.Format(CultureInfo.InvariantCulture, text, args);
    }

    /// <summary>The text for <paramref name="key"/>, or null when there is none (optional labels).</summary>
    public static string? Find(string key) =>
        (IsEnglish ? English : Finnish).TryGetValue(key, out var found) ? found : null;

    /// <summary>A person's word for an enum value: <c>Label("MemberKind", "public_authority")</c> → "viranomainen".</summary>
    public static string Label(string enumName, string code) => Find($"enum.{enumName}.{code}") ?? code;

    /// <summary>A label in a fixed language, whatever the request asked for (an <c>excel-fi</c> export is Finnish).</summary>
    public static string LabelIn(string language, string enumName, string code) =>
        Table(language).TryGetValue($"enum.{enumName}.{code}", out var found) ? found : code;

    /// <summary>The field's name as a person reads it (Finnish), or the JSON name (English, and fields without a label).</summary>
    public static string Field(string jsonName) => Find($"field.{jsonName}") ?? jsonName;

    /// <summary>The two tables, for the test that each key exists in both.</summary>
    public static IReadOnlyDictionary<string, string> Table(string language) => language == EnglishCode ? English : Finnish;
}
