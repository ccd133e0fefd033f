using System.Text.Json;

namespace CommunityHub.Api.Infrastructure.Http;

/// <summary>
/// Writes <see cref="RowSet"/> values as System.Text.Json writes the typed values with the HTTP JSON options: text with
/// the writer's encoder, ids as lowercase <c>D</c>, dates as <c>yyyy-MM-dd</c>, instants as UTC with trailing zero
/// fractions dropped (the API's instant converter in <see cref="Json"/>), integers as numbers, NULL as null. Values in
/// the stored form are copied byte for byte; anything else is parsed and formatted, so the output is the same either way.
/// </summary>
public static class RowJson
{
    public static void WriteText(this Utf8JsonWriter writer, JsonEncodedText name, RowSet rows, int row, int column)
    {
        if (rows.IsNull(row, column))
        {
            writer.WriteNull(name);
            return;
        }
        writer.WriteString(name, rows.Utf8(row, column));
    }

    public static void WriteId(this Utf8JsonWriter writer, JsonEncodedText name, RowSet rows, int row, int column)
    {
        if (rows.IsNull(row, column))
        {
            writer.WriteNull(name);
            return;
        }
        var text = rows.Utf8(row, column);
        if (IsCanonicalId(text))
        {
            writer.WriteString(name, text);
        }
        else
        {
            writer.WriteString(name, rows.Id(row, column));
        }
    }

    /// <summary>An id value in an array (no property name).</summary>
    public static void WriteIdValue(this Utf8JsonWriter writer, RowSet rows, int row, int column)
    {
        var text = rows.Utf8(row, column);
        if (IsCanonicalId(text))
        {
            writer.WriteStringValue(text);
        }
        else
        {
            writer.WriteStringValue(rows.Id(row, column));
        }
    }

    public static void WriteInteger(this Utf8JsonWriter writer, JsonEncodedText name, RowSet rows, int row, int column)
    {
        if (rows.IsNull(row, column))
        {
            writer.WriteNull(name);
            return;
        }
        writer.WriteNumber(name, rows.Number(row, column));
    }

    /// <summary>
    /// As System.Text.Json writes the decimal Dapper reads from an amount column (<see cref="SqlDialect.AmountText"/>):
    /// from a double (<paramref name="fromDouble"/>: the exact double's text) converted as <c>(decimal)double</c> does;
    /// otherwise the decimal as stored, its scale (trailing zeros) included.
    /// </summary>
    public static void WriteDecimal(this Utf8JsonWriter writer, JsonEncodedText name, RowSet rows, int row, int column, bool fromDouble)
    {
        if (rows.IsNull(row, column))
        {
            writer.WriteNull(name);
            return;
        }
        writer.WriteNumber(name, Decimal(rows.Utf8(row, column), fromDouble));
    }

    private static decimal Decimal(ReadOnlySpan<byte> text, bool fromDouble) =>
        fromDouble
            ? (decimal)double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture)
            : decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture);

    public static void WriteEnum<T>(this Utf8JsonWriter writer, JsonEncodedText name, RowSet rows, int row, int column) where T : struct, Enum
    {
        if (rows.IsNull(row, column))
        {
            writer.WriteNull(name);
            return;
        }
        writer.WriteString(name, EnumText.Encoded<T>(rows.Utf8(row, column)));
    }

    /// <summary>As System.Text.Json writes a DateOnly: ISO 8601 <c>yyyy-MM-dd</c>.</summary>
    public static void WriteDate(this Utf8JsonWriter writer, JsonEncodedText name, RowSet rows, int row, int column)
    {
        if (rows.IsNull(row, column))
        {
            writer.WriteNull(name);
            return;
        }
        var text = rows.Utf8(row, column);
        if (IsCanonicalDate(text))
        {
            writer.WriteString(name, text);
            return;
        }
        var date = DateOnly.Parse(Encoding.UTF8.GetString(text), CultureInfo.InvariantCulture);
        Span<byte> formatted = stackalloc byte[10];
        date.TryFormat(formatted, out var written, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        writer.WriteString(name, formatted[..written]);
    }

    /// <summary>As the API's instant converter writes one: UTC, <c>yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'</c>.</summary>
    public static void WriteInstant(this Utf8JsonWriter writer, JsonEncodedText name, RowSet rows, int row, int column)
    {
        if (rows.IsNull(row, column))
        {
            writer.WriteNull(name);
            return;
        }
        var text = rows.Utf8(row, column);
        Span<byte> formatted = stackalloc byte[40];
        int written;
        if (IsCanonicalInstant(text))
        {
            // yyyy-MM-ddTHH:mm:ss.fffffffZ → the same without the fraction's trailing zeros (and without the point
            // when nothing is left of it), which is what FFFFFFF gives.
            var fraction = text[20..27].TrimEnd((byte)'0');
            text[..19].CopyTo(formatted);
            written = 19;
            if (!fraction.IsEmpty)
            {
                formatted[written++] = (byte)'.';
                fraction.CopyTo(formatted[written..]);
                written += fraction.Length;
            }
            formatted[written++] = (byte)'Z';
        }
        else
        {
            var instant = DateTimeOffset.Parse(
                Encoding.UTF8.GetString(text), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
            instant.TryFormat(formatted, out written, "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
        }
        writer.WriteString(name, formatted[..written]);
    }

    private static readonly System.Buffers.SearchValues<byte> LowerHex = System.Buffers.SearchValues.Create("0123456789abcdef"u8);

    /// <summary>Lowercase <c>xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx</c>, as <c>Guid.ToString("D")</c> writes it.</summary>
    private static bool IsCanonicalId(ReadOnlySpan<byte> text) =>
        text.Length == 36 && text[8] == '-' && text[13] == '-' && text[18] == '-' && text[23] == '-'
        && !text[..8].ContainsAnyExcept(LowerHex) && !text[9..13].ContainsAnyExcept(LowerHex) && !text[14..18].ContainsAnyExcept(LowerHex)
        && !text[19..23].ContainsAnyExcept(LowerHex) && !text[24..].ContainsAnyExcept(LowerHex);

    private static bool IsCanonicalDate(ReadOnlySpan<byte> text) =>
        text.Length == 10 && text[4] == '-' && text[7] == '-' && Digits(text[..4]) && Digits(text[5..7]) && Digits(text[8..]);

    /// <summary><see cref="TypeHandlers.InstantFormat"/>: <c>yyyy-MM-ddTHH:mm:ss.fffffffZ</c>.</summary>
    private static bool IsCanonicalInstant(ReadOnlySpan<byte> text) =>
        text.Length == 28 && IsCanonicalDate(text[..10]) && text[10] == 'T' && text[13] == ':' && text[16] == ':' && text[19] == '.'
        && text[27] == 'Z' && Digits(text[11..13]) && Digits(text[14..16]) && Digits(text[17..19]) && Digits(text[20..27]);

    private static bool Digits(ReadOnlySpan<byte> text) => !text.ContainsAnyExceptInRange((byte)'0', (byte)'9');
}
