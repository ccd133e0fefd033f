using System.Net;
using CommunityHub.Api.Tests.Infrastructure;
using CommunityHub.Api.Tests.Infrastructure.TSql;
using Shouldly;

namespace CommunityHub.Api.Tests.Operations;

/// <summary>
/// SQL Server's syntax and names checked without a server: the migrations batch by batch, and (through every
/// SQLite test factory, see <see cref="TSqlCapture"/>) each statement the handlers send, as the SQL Server dialect
/// renders it. These tests pin the checker itself and that the capture sees SQL Server's rendering.
/// </summary>
public sealed class TSqlStatementTests(SqliteApiFactory factory) : IClassFixture<SqliteApiFactory>
{
    [Fact]
    public void Every_SQL_Server_migration_batch_parses_and_builds_the_schema()
    {
        var schema = TSqlSchema.SqlServer;
        schema.Errors.ShouldBeEmpty();
        schema.BatchCount.ShouldBeGreaterThan(20);
        schema.Tables.Keys.ShouldContain("members");
        schema.Tables.Keys.ShouldContain("data_protection_keys");
        schema.Tables["changes"]["row_version"].Type.ShouldBe("ROWVERSION", StringCompareShould.IgnoreCase);
        schema.Tables["members"]["business_id"].Nullable.ShouldBeTrue();
        schema.Tables["members"]["name"].Nullable.ShouldBeFalse();
    }

    [Theory]
    [InlineData("SELECT id FROM members ORDER BY id LIMIT 5", "parse error")]
    [InlineData("SELECT group_concat(name, ',' ORDER BY name) FROM members", "parse error")]
    [InlineData("SELECT nmae FROM members", "unknown column 'nmae'")]
    [InlineData("SELECT m.id FROM members m JOIN contacts c ON c.member_id = m.id WHERE c.business_id = @B", "unknown column 'c.business_id'")]
    [InlineData("SELECT id FROM member", "unknown table 'member'")]
    [InlineData("UPDATE members SET nam = @N WHERE id = @Id", "unknown column 'nam'")]
    [InlineData("INSERT INTO audit (id, at, actor) VALUES (@Id, @At, @Actor)", "unknown column 'actor'")]
    [InlineData("SELECT x.id FROM members m", "unknown table alias 'x'")]
    public void The_checker_refuses_what_SQL_Server_would(string sql, string problem)
    {
        var problems = TSqlStatementCheck.Check(sql, TSqlSchema.SqlServer);
        problems.ShouldContain(p => p.Contains(problem, StringComparison.Ordinal), string.Join("; ", problems));
    }

    [Theory]
    [InlineData("SELECT m.id, m.name FROM members m WHERE m.deleted_at IS NULL ORDER BY m.name_sort, m.id OFFSET 0 ROWS FETCH NEXT @Take ROWS ONLY")]
    [InlineData("SELECT c.seq, CAST(c.row_version AS BIGINT) AS position FROM changes c WHERE c.row_version < MIN_ACTIVE_ROWVERSION() ORDER BY position")]
    [InlineData("UPDATE events SET confirmed_count = confirmed_count + 1 WHERE id = @Id")]
    public void The_checker_accepts_valid_SQL_Server_statements(string sql) =>
        TSqlStatementCheck.Check(sql, TSqlSchema.SqlServer).ShouldBeEmpty();

    [Fact]
    public async Task Handler_statements_are_checked_in_their_SQL_Server_rendering()
    {
        var admin = await factory.AdminAsync();
        await admin.GetAsync("/api/v1/members?limit=5&q=yhdistys").ShouldBe(HttpStatusCode.OK);
        await admin.GetAsync("/api/v1/changes?limit=5").ShouldBe(HttpStatusCode.OK);

        var captured = TSqlCapture.Checked;
        captured.Keys.ShouldContain(s => s.Contains("OFFSET 0 ROWS FETCH NEXT @Take ROWS ONLY", StringComparison.Ordinal) && s.Contains("members", StringComparison.Ordinal));
        captured.Keys.ShouldContain(s => s.Contains("MIN_ACTIVE_ROWVERSION()", StringComparison.Ordinal));
        captured.Keys.ShouldNotContain(s => s.Contains("LIMIT @Take", StringComparison.Ordinal));
        captured.Where(c => c.Value.Count > 0).Select(c => $"{string.Join("; ", c.Value)}: {c.Key}").ShouldBeEmpty();
    }

    [Fact]
    public void A_statement_SQL_Server_would_refuse_fails_where_it_is_sent()
    {
        Should.Throw<InvalidOperationException>(() => TSqlCapture.CheckOnly("SELECT id FROM members ORDER BY id LIMIT 5"))
            .Message.ShouldContain("would fail on SQL Server");
        // The SQLite fragment of a dialect call is replaced by the SQL Server one before the check.
        var dialect = new SqlServerRenderingDialect();
        Should.NotThrow(() => TSqlCapture.CheckOnly($"SELECT id FROM members ORDER BY id {dialect.Limit("@Take")}"));
        SqlServerRenderingDialect.ToSqlServer($"SELECT id FROM members ORDER BY id {dialect.Limit("@Take")}")
            .ShouldBe("SELECT id FROM members ORDER BY id OFFSET 0 ROWS FETCH NEXT @Take ROWS ONLY");
    }
}
