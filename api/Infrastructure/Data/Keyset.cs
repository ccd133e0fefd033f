
namespace CommunityHub.Api.Infrastructure.Data;

/// <summary>
/// One keyset page request, written once for every list: the page size, the decoded position of the last row
/// handed out (null on the first page), the one extra row fetched to know whether more follow, and the next cursor.
/// The handler keeps its own SQL: <c>WHERE … AND key &gt; @After ORDER BY key {dialect.Limit("@Take")}</c>.
/// </summary>
public sealed class Keyset
{
    private readonly string kind;

    private Keyset(string kind, int limit, string[]? after)
    {
        this.kind = kind;
        Limit = limit;
        After = after;
    }

    /// <summary>Rows asked for by the client (1–200; 50 when not given).</summary>
    public int Limit { get; }

    /// <summary>Rows to fetch: one more than the page, so a full page knows whether another follows.</summary>
    public int Take => Limit + 1;

    /// <summary>The sort key of the last row of the previous page, or null on the first page.</summary>
    public string[]? After { get; }

    /// <summary>The <paramref name="index"/>th key of <see cref="After"/>, or null on the first page.</summary>
    public string? AfterKey(int index = 0) => After?[index];

    /// <summary>Reads a list's <c>limit</c> and <c>cursor</c> (already shape-checked by <see cref="Paging.PagingRules"/>).</summary>
    public static Keyset From(string kind, int keyCount, int? limit, string? cursor) =>
        new(kind, limit ?? Paging.DefaultLimit, cursor is null ? null : Cursor.Decode(cursor, kind, keyCount));

    /// <summary>Cuts the fetched rows to the page and encodes the cursor after its last row (null when none follow).</summary>
    public KeysetPage<T> Page<T>(IReadOnlyList<T> rows, Func<T, string[]> keysOf)
    {
        var (count, nextCursor) = Page(rows.Count, i => keysOf(rows[i]));
        return new KeysetPage<T>(count == rows.Count ? rows : rows.Take(count).ToList(), nextCursor);
    }

    /// <summary>
    /// The same for rows kept elsewhere (a <see cref="RowSet"/>): how many of the <paramref name="fetched"/> rows are the
    /// page, and the cursor after its last row, whose keys <paramref name="keysOfRow"/> gives by index.
    /// </summary>
    public (int Count, string? NextCursor) Page(int fetched, Func<int, string[]> keysOfRow) =>
        fetched <= Limit ? (fetched, null) : (Limit, Cursor.Encode(kind, keysOfRow(Limit - 1)));
}

/// <summary>A page of rows and the cursor to the next page (null on the last).</summary>
public sealed record KeysetPage<T>(IReadOnlyList<T> Items, string? NextCursor);
