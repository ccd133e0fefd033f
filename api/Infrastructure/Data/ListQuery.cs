
namespace CommunityHub.Api.Infrastructure.Data;

/// <summary>
/// One list's SQL, built the same way for every list: the table and its live-row condition, the filters a request
/// sets (each condition with its parameter), then either a keyset page (<see cref="Page"/>: after the cursor's
/// position, in key order, one row more than the page) or every row in an order (<see cref="All"/>, for exports and
/// feeds). Conditions are the handler's own SQL text; values only ever travel as parameters.
/// </summary>
public sealed class ListQuery(SqlDialect dialect, string from, string liveCondition)
{
    private readonly StringBuilder conditions = new(liveCondition);

    public DynamicParameters Parameters { get; } = new();

    public SqlDialect Dialect => dialect;

    /// <summary>Adds a condition that needs no parameter (or whose parameters were added already).</summary>
    public ListQuery Where(string condition)
    {
        conditions.Append(" AND ").Append(condition);
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
        var where = new StringBuilder(conditions.ToString());
        if (keyset.After is { } after)
        {
            where.Append(" AND ").Append(After(keys, after, 0));
        }
        Parameters.Add("Take", keyset.Take);
        var order = string.Join(", ", keys.Select(k => k.Column));
        return new CommandDefinition(
            $"SELECT {columns} FROM {from}{(join is null ? "" : " " + join)} WHERE {where} ORDER BY {order} {dialect.Limit("@Take")}",
            Parameters,
            cancellationToken: ct);
    }

    /// <summary><c>SELECT {columns} FROM {from} WHERE … ORDER BY {orderBy}</c>: every matching row.</summary>
    public CommandDefinition All(string columns, string orderBy, CancellationToken ct) =>
        new($"SELECT {columns} FROM {from} WHERE {conditions} ORDER BY {orderBy}", Parameters, cancellationToken: ct);

    // (k0 > @After0 OR (k0 = @After0 AND (k1 > @After1 …))): rows strictly after the position, in key order.
    private string After(IReadOnlyList<KeyColumn> keys, string[] after, int index)
    {
        var key = keys[index];
        var parameter = $"After{index.ToString(CultureInfo.InvariantCulture)}";
        Parameters.Add(parameter, key.Parse(after[index]));
        return index == keys.Count - 1
            ? $"{key.Column} > @{parameter}"
            : $"({key.Column} > @{parameter} OR ({key.Column} = @{parameter} AND {After(keys, after, index + 1)}))";
    }
}

/// <summary>A keyset column and how its cursor value becomes a parameter (text as it is unless told otherwise).</summary>
public sealed record KeyColumn(string Column, Func<string, object>? Parser = null)
{
    public object Parse(string value) => Parser is null ? value : Parser(value);

    /// <summary>An instant key (RFC 3339 in the cursor); a cursor whose value is none is a 400 naming <c>cursor</c>.</summary>
    public static KeyColumn Instant(string column) => new(column, value =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant)
            ? instant
            : throw new FieldValidationException("cursor", Texts.Get("cursor.invalid")));

    /// <summary>An id key; a cursor whose value is no id is a 400 naming <c>cursor</c>.</summary>
    public static KeyColumn Id(string column) => new(column, value =>
        Guid.TryParse(value, out var id) ? id : throw new FieldValidationException("cursor", Texts.Get("cursor.invalid")));
}
