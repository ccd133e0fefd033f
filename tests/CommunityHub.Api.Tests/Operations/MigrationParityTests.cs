using CommunityHub.Api.Infrastructure.Data;
using CommunityHub.Api.Tests.Infrastructure.TSql;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Shouldly;

namespace CommunityHub.Api.Tests.Operations;

/// <summary>
/// The two providers' migrations build the same schema: the SQLite ones applied to a fresh database and read back
/// from the catalogue, the SQL Server ones parsed with Microsoft's T-SQL parser. Types differ by design (TEXT vs
/// NVARCHAR, …); tables, columns, nullability and indexes must not, except where listed here.
/// </summary>
public sealed class MigrationParityTests : IAsyncLifetime
{
    /// <summary>Columns only SQL Server has: the change feed is ordered by rowversion there (see SqlDialect.ChangePosition).</summary>
    private static readonly HashSet<string> SqlServerOnlyColumns = ["changes.row_version"];

    /// <summary>
    /// Indexes that differ on purpose: the feed's, for the same reason; the list pages' covering indexes, because SQL Server
    /// keeps their non-key columns in INCLUDE (an nvarchar(max) cannot be a key column) and SQLite has no INCLUDE.
    /// </summary>
    private static readonly HashSet<string> DifferentIndexes =
        ["ux_changes_row_version", "ix_changes_type", "ix_partnership_parties_list", "ix_partnership_goals_list"];

    private readonly string folder = Path.Combine(Path.GetTempPath(), "communityhub-tests", Guid.NewGuid().ToString("N"));
    private SqliteConnection connection = null!;

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(folder);
        var options = new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = $"Data Source={Path.Combine(folder, "parity.db")}" };
        await new MigrationRunner(new Db(options), NullLogger<MigrationRunner>.Instance).ApplyAsync(CancellationToken.None);
        connection = new SqliteConnection(options.ConnectionString);
        await connection.OpenAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await connection.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    private List<string> SqliteTables() => connection.Query<string>(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").ToList();

    [Fact]
    public void Both_providers_have_the_same_tables()
    {
        SqliteTables().ShouldBe(TSqlSchema.SqlServer.Tables.Keys.Order(StringComparer.Ordinal).ToList(), ignoreOrder: true);
    }

    [Fact]
    public void Both_providers_have_the_same_columns_with_the_same_nullability()
    {
        var sqlite = new List<string>();
        foreach (var table in SqliteTables())
        {
            foreach (var column in connection.Query<(long Cid, string Name, string Type, long NotNull, string? Default, long Pk)>($"PRAGMA table_info('{table}')"))
            {
                // An INTEGER PRIMARY KEY is the rowid: never null whatever is declared.
                var nullable = column.NotNull == 0 && !(column.Pk > 0 && column.Type.Equals("INTEGER", StringComparison.OrdinalIgnoreCase));
                sqlite.Add($"{table}.{column.Name} {(nullable ? "NULL" : "NOT NULL")}");
            }
        }
        var sqlServer = TSqlSchema.SqlServer.Tables
            .SelectMany(t => t.Value.Values.Select(c => (Key: $"{t.Key}.{c.Name}", c.Nullable)))
            .Where(c => !SqlServerOnlyColumns.Contains(c.Key))
            .Select(c => $"{c.Key} {(c.Nullable ? "NULL" : "NOT NULL")}")
            .ToList();
        sqlite.ShouldBe(sqlServer, ignoreOrder: true);
    }

    [Fact]
    public void Both_providers_have_the_same_indexes()
    {
        var sqlite = new List<string>();
        foreach (var table in SqliteTables())
        {
            foreach (var index in connection.Query<(long Seq, string Name, long Unique, string Origin, long Partial)>($"PRAGMA index_list('{table}')"))
            {
                // Primary keys are compared as columns; SQLite's automatic indexes of UNIQUE constraints count as indexes.
                if (index.Origin == "pk" || DifferentIndexes.Contains(index.Name))
                {
                    continue;
                }
                var columns = connection.Query<(long SeqNo, long Cid, string Name)>($"PRAGMA index_info('{index.Name}')").Select(c => c.Name);
                var name = index.Origin == "u" ? $"unique({table})" : index.Name;
                sqlite.Add($"{name} ON {table} ({string.Join(", ", columns)}){(index.Unique == 1 ? " UNIQUE" : "")}{(index.Partial == 1 ? " WHERE" : "")}");
            }
        }
        var sqlServer = TSqlSchema.SqlServer.Indexes
            .Where(i => !DifferentIndexes.Contains(i.Name))
            .Select(i => $"{(i.Name.StartsWith("unique(", StringComparison.Ordinal) ? $"unique({i.Table})" : i.Name)} ON {i.Table} ({string.Join(", ", i.Columns)}){(i.Unique ? " UNIQUE" : "")}{(i.Filtered ? " WHERE" : "")}")
            .ToList();
        sqlite.ShouldBe(sqlServer, ignoreOrder: true);
        sqlite.ShouldContain("ux_users_email ON users (email_normalized) UNIQUE WHERE");
    }

    [Fact]
    public void Reviews_record_their_reviewer_by_id_on_both_providers()
    {
        // Migration 0018: nullable, because reviews written before it recorded only the reviewer's name.
        connection.Query<(string Name, long NotNull)>("SELECT name, \"notnull\" FROM pragma_table_info('partnership_reviews')")
            .ShouldContain(("reviewed_by_id", 0L));
        var sqlServer = TSqlSchema.SqlServer.Tables["partnership_reviews"];
        sqlServer.ShouldContainKey("reviewed_by_id");
        sqlServer["reviewed_by_id"].Nullable.ShouldBeTrue();
    }

    [Fact]
    public void The_intended_differences_are_still_there()
    {
        // If a difference disappears, take it off the lists above so a new one cannot hide behind it.
        TSqlSchema.SqlServer.Tables["changes"].ShouldContainKey("row_version");
        connection.Query<string>("SELECT name FROM pragma_table_info('changes')").ShouldNotContain("row_version");
        TSqlSchema.SqlServer.Indexes.ShouldContain(i => i.Name == "ux_changes_row_version");
        TSqlSchema.SqlServer.Indexes.Single(i => i.Name == "ix_changes_type").Columns.ShouldBe(["entity_type", "row_version"]);
        connection.Query<string>("SELECT name FROM pragma_index_info('ix_changes_type')").ShouldBe(["entity_type", "seq"]);
        TSqlSchema.SqlServer.Indexes.Single(i => i.Name == "ix_partnership_parties_list").Columns.ShouldBe(["partnership_id", "position"]);
        connection.Query<string>("SELECT name FROM pragma_index_info('ix_partnership_parties_list')")
            .ShouldBe(["partnership_id", "position", "member_id", "role", "responsibilities"]);
        TSqlSchema.SqlServer.Indexes.Single(i => i.Name == "ix_partnership_goals_list").Columns.ShouldBe(["partnership_id", "position"]);
        connection.Query<string>("SELECT name FROM pragma_index_info('ix_partnership_goals_list')")
            .ShouldBe(["partnership_id", "position", "id", "title", "indicator", "target"]);
    }
}
