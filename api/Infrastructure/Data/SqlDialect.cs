namespace CommunityHub.Api.Infrastructure.Data;

/// <summary>
/// The SQL fragments that differ between SQLite and SQL Server: paging, string aggregation, id lists, the change feed's
/// position and the shared counters. Everything else is portable SQL. Connecting is <see cref="DatabaseConnections"/>,
/// migrating <see cref="MigrationScripts"/>, and what an error means <see cref="DbErrors"/>; no feature branches on
/// the provider.
/// </summary>
public abstract class SqlDialect
{
    public abstract DatabaseProvider Provider { get; }

    public static SqlDialect For(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.SqlServer => new SqlServerDialect(),
        _ => new SqliteDialect(),
    };

    /// <summary>Row limit appended after ORDER BY: <c>LIMIT n</c> or <c>OFFSET 0 ROWS FETCH NEXT n ROWS ONLY</c>.</summary>
    public abstract string Limit(string parameter);

    /// <summary>
    /// Joins the text of a group in the given order: <c>group_concat(… ORDER BY …)</c> (SQLite 3.44+) /
    /// <c>STRING_AGG(…) WITHIN GROUP (ORDER BY …)</c> (SQL Server, as nvarchar(max) so long lists do not overflow).
    /// </summary>
    public abstract string StringAgg(string expression, string separator, string orderBy);

    /// <summary>
    /// A subquery yielding the ids (char(36) text) held in one parameter that is a JSON array of strings, for
    /// <c>col IN (…)</c>: one bound parameter instead of one per id (<c>json_each</c> / <c>OPENJSON … WITH</c>).
    /// </summary>
    public abstract string IdsFromJson(string parameter);

    /// <summary>Ids as the one JSON-array parameter <see cref="IdsFromJson"/> reads.</summary>
    public static string IdsJson(IEnumerable<Guid> ids) => System.Text.Json.JsonSerializer.Serialize(ids.Select(id => id.ToString("D")));

    /// <summary>
    /// One cheap read that changes whenever a change-feed write commits: the newest committed seq on SQLite (one writer at
    /// a time, so seq order is commit order); on SQL Server <c>@@DBTS</c> while no transaction that writes a rowversion
    /// is open, else NULL (a position then cannot prove that a snapshot holds every commit, so the caller must not reuse
    /// or keep anything by it). A version for caches, not a position to read
    /// from: that is <see cref="ChangeHead"/>.
    /// </summary>
    public abstract string ChangeVersion { get; }

    /// <summary>Case-sensitive substring test on an already case-folded column.</summary>
    public string Contains(string column, string parameter) => $"{column} LIKE {parameter} ESCAPE '\\'";

    public static string LikePattern(string text) =>
        "%" + text.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal)
            .Replace("[", "\\[", StringComparison.Ordinal) + "%";

    // The change feed's position, over the changes table aliased c. It must follow commit order, so a reader that
    // has passed a position never misses an entry committing later.

    /// <summary>The entry's position as a BIGINT.</summary>
    public abstract string ChangePosition { get; }

    /// <summary>The condition for entries after the position in <paramref name="parameter"/> that may be handed out.</summary>
    public abstract string ChangesAfter(string parameter);

    /// <summary>The ORDER BY key of feed order.</summary>
    public abstract string ChangeOrder { get; }

    /// <summary>A query for the position up to which every entry has committed.</summary>
    public abstract string ChangeHead { get; }

    /// <summary>
    /// One atomic statement for a fixed-window counter shared by every instance on the database: on a table with
    /// columns <c>counter_key</c> (text, the primary key), <c>window_start</c> and <c>used</c>, counts <c>@Take</c> uses
    /// of <c>@Key</c> at <c>@Now</c> (unix seconds), starting a new window when <c>@Window</c> seconds have passed since
    /// the current one began. Returns the row after the count as <c>(WindowStart, Used)</c>.
    /// </summary>
    public abstract string CountInWindow(string table);
}
