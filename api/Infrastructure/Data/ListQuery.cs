
namespace CommunityHub.Api.Infrastructure.Data;

/// <summary>
/// One list's SQL, built the same way for every list: the table and its live-row condition, the filters a request
/// sets (each condition with its parameter), then either a keyset page (<see cref="Page"/>: after the cursor's
/// position, in key order, one row more than the page) or every row in an order (<see cref="All"/>, for exports and
/// feeds). Conditions are the handler's own SQL text; values only ever travel as parameters.
/// </summary>
public sealed class ListQuery(SqlDialect dialect, string from, string? liveCondition = null)
{
    private readonly List<string> conditions = liveCondition is null ? [] : [liveCondition];

    public DynamicParameters Parameters { get; } = new();

    /// <summary>Adds a condition that needs no parameter (or whose parameters were added already).</summary>
    public ListQuery Where(string condition)
    {
        conditions.Add(condition);
        return this;
    }

    /// <summary>Adds <paramref name="condition"/> with <c>@<paramref name="parameter"/></c> when the value is given; nothing when it is null.</summary>
    public ListQuery Where(string condition, string parameter, object? value)
    {
        if (value is null)
        {
            return this;
        }
        Parameters.Add(parameter, value);
        return Where(condition);
    }

    /// <summary>A case- and accent-folded substring match on a search column (<see cref="FinnishText.SearchKey"/>) when text is given.</summary>
    public ListQuery Search(string searchColumn, string? text) =>
        string.IsNullOrWhiteSpace(text)
            ? this
            : Where(dialect.Contains(searchColumn, "@Q"), "Q", SqlDialect.LikePattern(FinnishText.SearchKey(text)));

    /// <summary>
    /// <c>SELECT {columns} FROM {from} {join} WHERE …</c> after the keyset's position in the order of
    /// <paramref name="keys"/> (the last one unique), ordered by them, <see cref="Keyset.Take"/> rows at most.
    /// </summary>
    public CommandDefinition Page(string columns, Keyset keyset, IReadOnlyList<KeyColumn> keys, CancellationToken ct, string? join = null)
    {
        var where = new List<string>(conditions);
        if (keyset.After is { } after)
        {
            where.Add(After(keys, after, 0));
        }
        Parameters.Add("Take", keyset.Take);
        var order = string.Join(", ", keys.Select(k => k.Descending ? k.Column + " DESC" : k.Column));
        return new CommandDefinition(
            $"SELECT {columns} FROM {from}{(join is null ? "" : " " + join)}{Where(where)} ORDER BY {order} {dialect.Limit("@Take")}",
            Parameters,
            cancellationToken: ct);
    }

    /// <summary>Runs <see cref="Page"/> and cuts the rows to the page, with the cursor after its last row (<paramref name="keysOf"/>).</summary>
    public async Task<KeysetPage<T>> PageAsync<T>(
        DbConnection connection, string columns, Keyset keyset, IReadOnlyList<KeyColumn> keys, Func<T, string[]> keysOf, CancellationToken ct,
        string? join = null) =>
        keyset.Page((await connection.QueryAsync<T>(Page(columns, keyset, keys, ct, join))).AsList(), keysOf);

    /// <summary><c>SELECT {columns} FROM {from} WHERE … ORDER BY {orderBy}</c>: every matching row.</summary>
    public CommandDefinition All(string columns, string orderBy, CancellationToken ct) =>
        new($"SELECT {columns} FROM {from}{Where(conditions)} ORDER BY {orderBy}", Parameters, cancellationToken: ct);

    private static string Where(IReadOnlyList<string> all) => all.Count == 0 ? "" : " WHERE " + string.Join(" AND ", all);

    // (k0 > @After0 OR (k0 = @After0 AND (k1 > @After1 …))): rows strictly after the position, in key order ("<" for a
    // descending key).
    private string After(IReadOnlyList<KeyColumn> keys, string[] after, int index)
    {
        var key = keys[index];
        var parameter = $"After{index.ToString(CultureInfo.InvariantCulture)}";
        Parameters.Add(parameter, key.Parse(after[index]));
        var beyond = $"{key.Column} {(key.Descending ? "<" : ">")} @{parameter}";
        return index == keys.Count - 1
            ? beyond
            : $"({beyond} OR ({key.Column} = @{parameter} AND {After(keys, after, index + 1)}))";
    }
}

/// <summary>A keyset column and how its cursor value becomes a parameter (text as it is unless told otherwise).</summary>
public sealed record KeyColumn(string Column, Func<string, object>? Parser = null, bool Descending = false)
{
    public object Parse(string value) => Parser is null ? value : Parser(value);

    /// <summary>An instant key (RFC 3339 in the cursor); a cursor whose value is none is a 400 naming <c>cursor</c>.</summary>
    public static KeyColumn Instant(string column) => new(column, value =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant)
            ? instant
            : throw new FieldValidationException("cursor", Texts.Get("cursor.invalid")));

    /// <summary>An id key (newest first when <paramref name="descending"/>); a cursor whose value is no id is a 400 naming <c>cursor</c>.</summary>
    public static KeyColumn Id(string column, bool descending = false) => new(column, value =>
        Guid.TryParse(value, out var id) ? id : throw new FieldValidationException("cursor", Texts.Get("cursor.invalid")), descending);

    /// <summary>A whole-number key (a sequence); a cursor whose value is none is a 400 naming <c>cursor</c>.</summary>
    public static KeyColumn Sequence(string column) => new(column, value =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new FieldValidationException("cursor", Texts.Get("cursor.invalid")));

    /// <summary>Rows by their id alone (ids are time-ordered, so creation order).</summary>
    public static readonly IReadOnlyList<KeyColumn> ById = [Id("id")];
}
