using CommunityHub.Api.Infrastructure.Time;
using CsvHelper;

namespace CommunityHub.Api.Infrastructure.Http;

/// <summary>
/// The two shapes of every CSV export, picked by <c>?dialect=</c>. The default (<c>rfc4180</c>) is for machines: <c>,</c>,
/// the JSON field names as headers, raw codes, ISO dates. <c>excel-fi</c> is for a person opening the file in Excel set
/// to Finnish, which expects <c>;</c> (it would put a comma file in column A): Finnish headers and labels, dates as
/// <c>d.M.yyyy</c>, times as <c>d.M.yyyy H.mm</c> in Finnish time, decimal commas. Both are UTF-8 with a BOM and escape
/// formula cells (<c>= + - @</c> get a leading <c>'</c>).
/// </summary>
public sealed class CsvDialect
{
    public const string Rfc4180Name = "rfc4180";
    public const string ExcelFiName = "excel-fi";
    public const string ParameterDescription =
        "`rfc4180` (default): `,`, field names and raw codes, ISO dates, for machines. `excel-fi`: `;`, Finnish headers and " +
        "labels, dates as d.M.yyyy, times as d.M.yyyy H.mm in Finnish time, decimal commas, for Excel set to Finnish.";

    public static readonly CsvDialect Rfc4180 = new(finnish: false);
    public static readonly CsvDialect ExcelFi = new(finnish: true);

    private CsvDialect(bool finnish) => Finnish = finnish;

    public bool Finnish { get; }

    public static string Names => $"{Rfc4180Name}, {ExcelFiName}";

    /// <summary>Null (not asked) is the default; anything else must be one of the two names (a 400 otherwise).</summary>
    public static bool IsKnown(string? name) => name is null or Rfc4180Name or ExcelFiName;

    public static CsvDialect For(string? name) => name == ExcelFiName ? ExcelFi : Rfc4180;

    public CsvWriterOptions Options => CsvWriterOptions.Default with
    {
        Separator = Finnish ? ';' : ',',
        WriteByteOrderMark = true,
        // Spreadsheet users open these files: a cell starting with = + - @ is prefixed with ' rather than run as a formula.
        Injection = CsvInjection.Escape,
    };

    /// <summary>The header row: the field names, or the Finnish column names.</summary>
    public string[] Header(string[] names, string[] finnish) => Finnish ? finnish : names;

    /// <summary>An enum value: its code, or its Finnish label ("voimassa" for <c>active</c>).</summary>
    public string Label<T>(string code) where T : struct, Enum =>
        Finnish ? Texts.LabelIn(Texts.FinnishCode, typeof(T).Name, code) : code;

    public string? Date(DateOnly? date) => date?.ToString(Finnish ? "d.M.yyyy" : "yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>An instant: RFC 3339 in UTC, or Finnish wall-clock time.</summary>
    public string Instant(DateTimeOffset at) => Finnish
        ? FinnishTime(at)
        : at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    /// <summary>An instant: RFC 3339 with the Helsinki offset, or Finnish wall-clock time.</summary>
    public string LocalInstant(DateTimeOffset at) => Finnish
        ? FinnishTime(at)
        : Helsinki.Local(at).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    public string? Number(decimal? value)
    {
        var text = value?.ToString(CultureInfo.InvariantCulture);
        return Finnish ? text?.Replace('.', ',') : text;
    }

    public static string? Whole(long? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static string FinnishTime(DateTimeOffset at) => Helsinki.Local(at).ToString("d.M.yyyy H.mm", CultureInfo.InvariantCulture);
}
