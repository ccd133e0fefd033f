
namespace CommunityHub.Api.Infrastructure.Data;

/// <summary>
/// One keyset page request, written once for every list: the page size, the decoded position of the last row
/// handed out (null on the first page), the one extra row fetched to know whether more follow, and the next cursor.
/// <see cref="ListQuery.Page"/> turns it into SQL.
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

    /// <summary>Reads a paged list request's <c>limit</c> and <c>cursor</c> (checked by <see cref="PagingValidator{T}"/>).</summary>
    public static Keyset For<T>(T query)
        where T : IPagedQuery =>
        From(T.CursorKind, T.CursorKeys, query.Limit, query.Cursor);

    /// <summary>Cuts the fetched rows to the page and encodes the cursor after its last row (null when none follow).</summary>
    public KeysetPage<T> Page<T>(IReadOnlyList<T> rows, Func<T, string[]> keysOf) =>
        rows.Count <= Limit
            ? new KeysetPage<T>(rows, null)
            : new KeysetPage<T>(rows.Take(Limit).ToList(), Cursor.Encode(kind, keysOf(rows[Limit - 1])));
}

/// <summary>A page of rows and the cursor to the next page (null on the last).</summary>
public sealed record KeysetPage<T>(IReadOnlyList<T> Items, string? NextCursor);
