namespace CommunityHub.Api.Infrastructure.Data;

public sealed class SqliteDialect : SqlDialect
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public override string Limit(string parameter) => $"LIMIT {parameter}";

    public override string StringAgg(string expression, string separator, string orderBy) =>
        $"group_concat({expression}, {separator} ORDER BY {orderBy})";

    // The AUTOINCREMENT seq: one writer at a time, so seq order is commit order.
    public override string ChangePosition => "c.seq";

    public override string ChangesAfter(string parameter) => $"c.seq > {parameter}";

    public override string ChangeOrder => "c.seq";

    public override string ChangeHead => "SELECT COALESCE(MAX(seq), 0) FROM changes";

    // The SET expressions all read the row as it was before the update.
    public override string CountInWindow(string table) =>
        $"""
        INSERT INTO {table} (counter_key, window_start, used) VALUES (@Key, @Now, @Take)
        ON CONFLICT (counter_key) DO UPDATE SET
            used = CASE WHEN {table}.window_start + @Window <= @Now THEN @Take ELSE {table}.used + @Take END,
            window_start = CASE WHEN {table}.window_start + @Window <= @Now THEN @Now ELSE {table}.window_start END
        RETURNING window_start AS WindowStart, used AS Used
        """;

    public override string IdsFromJson(string parameter) => $"SELECT value FROM json_each({parameter})";

    public override string ChangeVersion => ChangeHead;
}
