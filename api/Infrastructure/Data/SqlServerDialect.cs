namespace CommunityHub.Api.Infrastructure.Data;

public sealed class SqlServerDialect : SqlDialect
{
    public override DatabaseProvider Provider => DatabaseProvider.SqlServer;

    public override string Limit(string parameter) => $"OFFSET 0 ROWS FETCH NEXT {parameter} ROWS ONLY";

    public override string StringAgg(string expression, string separator, string orderBy) =>
        $"STRING_AGG(CAST({expression} AS NVARCHAR(MAX)), {separator}) WITHIN GROUP (ORDER BY {orderBy})";

    // The row's rowversion, and only rows below MIN_ACTIVE_ROWVERSION() are handed out: a rowversion at or above it
    // may belong to a transaction that is still open and could commit "behind" a position a reader already passed.
    public override string ChangePosition => "CAST(c.row_version AS BIGINT)";

    public override string ChangesAfter(string parameter) =>
        $"c.row_version > CAST({parameter} AS BINARY(8)) AND c.row_version < MIN_ACTIVE_ROWVERSION()";

    public override string ChangeOrder => "c.row_version";

    public override string ChangeHead => "SELECT CAST(MIN_ACTIVE_ROWVERSION() AS BIGINT) - 1";

    // @@DBTS only while no transaction is open (MIN_ACTIVE_ROWVERSION() is then @@DBTS + 1); NULL otherwise, so a
    // cache keyed by it never stores a page that an open transaction could still change.
    public override string ChangeVersion =>
        "SELECT CASE WHEN CAST(MIN_ACTIVE_ROWVERSION() AS BIGINT) = CAST(@@DBTS AS BIGINT) + 1 THEN CAST(@@DBTS AS BIGINT) END";

    // HOLDLOCK makes the MERGE's read and write one step, so two instances never both insert the first use.
    public override string CountInWindow(string table) =>
        $"""
        MERGE {table} WITH (HOLDLOCK) AS t
        USING (SELECT @Key AS counter_key) AS s ON t.counter_key = s.counter_key
        WHEN MATCHED AND t.window_start + @Window <= @Now THEN UPDATE SET t.window_start = @Now, t.used = @Take
        WHEN MATCHED THEN UPDATE SET t.used = t.used + @Take
        WHEN NOT MATCHED THEN INSERT (counter_key, window_start, used) VALUES (@Key, @Now, @Take)
        OUTPUT inserted.window_start AS WindowStart, inserted.used AS Used;
        """;

    public override string IdsFromJson(string parameter) => $"SELECT id FROM OPENJSON({parameter}) WITH (id CHAR(36) '$')";
}
