using System.Net;
using System.Text.Json;
using CommunityHub.Api.Features.Members;
using CommunityHub.Api.Features.Partnerships;
using CommunityHub.Api.Infrastructure.Data;
using CommunityHub.Api.Infrastructure.Http;
using CommunityHub.Api.Tests.Features.Members;
using CommunityHub.Api.Tests.Infrastructure;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Shouldly;
using static CommunityHub.Api.Tests.Infrastructure.RowSources;

namespace CommunityHub.Api.Tests.Features.Partnerships;

/// <summary>
/// The list pages are written from <see cref="RowSet"/>s, which SQLite fills from its own buffers
/// (<see cref="SqliteRowReader"/>) and every other provider through a <see cref="System.Data.Common.DbDataReader"/>.
/// On the same data both must give the same values and therefore the same page, byte for byte, ETag included.
/// </summary>
public sealed class RowSourceTests : IClassFixture<SqliteApiFactory>
{
    private readonly SqliteApiFactory factory;

    public RowSourceTests(SqliteApiFactory factory)
    {
        this.factory = factory;
        // Dapper's handlers (ids, dates and instants as text) are process-wide; the app registers them when it starts.
        TypeHandlers.Register();
    }

    /// <summary>The app's database (start the app first).</summary>
    private SqliteConnection Open() => Opened($"Data Source={factory.DatabasePath}");

    private static SqliteConnection InMemory() => Opened("Data Source=:memory:");

    [Fact]
    public async Task Raw_sqlite_and_data_reader_read_the_same_values_from_text_nulls_large_numbers_dates_and_instants()
    {
        using var connection = InMemory();
        await connection.ExecuteAsync("CREATE TABLE row_source_values (n INTEGER NOT NULL, t TEXT NULL, i INTEGER NULL, d TEXT NULL, ts TEXT NULL)");
        var values = Texts.Select((text, n) => new
        {
            N = n,
            T = text,
            I = (long?)(n switch { 0 => long.MaxValue, 1 => long.MinValue, 2 => 0, 3 => 9007199254740993, 4 => -1, _ => null }),
            D = n % 2 == 0 ? "2026-02-28" : null,
            Ts = n % 3 == 0 ? null : "2026-11-30T08:15:00.1200000Z",
        })
            .Append(new { N = 98, T = "Nollatavu \0 keskellä", I = (long?)null, D = (string?)"2026-1-5", Ts = (string?)null })
            .Append(new { N = 99, T = (string)null!, I = (long?)null, D = (string?)null, Ts = (string?)"2026-11-30T10:15:30+02:00" });
        await connection.ExecuteAsync("INSERT INTO row_source_values (n, t, i, d, ts) VALUES (@N, @T, @I, @D, @Ts)", values);

        var command = new CommandDefinition("SELECT n, t, i, d, ts, length(t) FROM row_source_values WHERE n >= @From ORDER BY n", new { From = 0 });
        using var raw = ThroughSqlite(connection, command);
        using var generic = await ThroughDataReaderAsync(connection, command);

        raw.Count.ShouldBe(Texts.Length + 2);
        ShouldBeSameValues(raw, generic);
        raw.Text(0, 1).ShouldBe(Texts[0]);
        raw.Text(4, 1).ShouldBe(Texts[4]);
        raw.IsNull(5, 1).ShouldBeFalse("an empty string is not NULL");
        raw.Text(5, 1).ShouldBe("");
        raw.Text(6, 1).ShouldBe("Nollatavu \0 keskellä", "a zero byte inside text is kept, as SqliteDataReader.GetString keeps it");
        raw.IsNull(7, 1).ShouldBeTrue();
        raw.Number(0, 2).ShouldBe(long.MaxValue);
        raw.Number(1, 2).ShouldBe(long.MinValue);
        raw.Number(3, 2).ShouldBe(9007199254740993);
    }

    [Fact]
    public async Task Parameters_are_bound_as_dapper_binds_them()
    {
        using var connection = InMemory();
        var id = Guid.CreateVersion7();
        var parameters = new DynamicParameters();
        parameters.Add("Text", "Åland \"ä\" \u2028");
        parameters.Add("Id", id);
        parameters.Add("At", new DateTimeOffset(2026, 11, 30, 10, 15, 30, TimeSpan.FromHours(2)));
        parameters.Add("On", new DateOnly(2026, 2, 28));
        parameters.Add("Yes", true);
        parameters.Add("Big", long.MaxValue);
        parameters.Add("Small", -7);
        parameters.Add("Nothing", null);
        var command = new CommandDefinition(
            "SELECT @Text, typeof(@Text), @Id, typeof(@Id), @At, @On, @Yes, typeof(@Yes), @Big, @Small, typeof(@Small), @Nothing, typeof(@Nothing)",
            parameters);

        using var raw = ThroughSqlite(connection, command);
        using var generic = await ThroughDataReaderAsync(connection, command);

        ShouldBeSameValues(raw, generic);
        raw.Id(0, 2).ShouldBe(id);
        raw.Text(0, 4).ShouldBe("2026-11-30T08:15:30.0000000Z");
    }

    [Fact]
    public async Task A_db_string_parameter_is_bound_as_dapper_binds_it_so_the_api_key_lookup_stays_prepared()
    {
        using var connection = InMemory();
        var command = new CommandDefinition(
            "SELECT @Prefix, typeof(@Prefix), @Missing, typeof(@Missing)",
            new
            {
                Prefix = new DbString { Value = "ab12cd34 ä", IsAnsi = true, Length = 32 },
                Missing = new DbString { Value = null, IsAnsi = true, Length = 32 },
            });

        SqliteRowReader.Binds(command.Parameters).ShouldBeTrue();
        using var raw = ThroughSqlite(connection, command);
        using var generic = await ThroughDataReaderAsync(connection, command);

        ShouldBeSameValues(raw, generic);
        raw.Text(0, 0).ShouldBe("ab12cd34 ä");
        raw.Text(0, 1).ShouldBe("text");
        raw.IsNull(0, 2).ShouldBeTrue();
    }

    [Fact]
    public async Task A_list_parameter_that_only_dapper_expands_is_read_through_the_data_reader()
    {
        using var connection = InMemory();
        var command = new CommandDefinition("SELECT value FROM json_each('[1,2,3]') WHERE value IN @Values ORDER BY value", new { Values = new[] { 1, 3 } });

        SqliteRowReader.TryRead(connection, command).ShouldBeNull();
        using var rows = await new SqliteDialect().QueryRowsAsync(connection, command);
        rows.Count.ShouldBe(2);
        rows.Number(1, 0).ShouldBe(3);
    }

    [Fact]
    public async Task A_kept_statement_binds_afresh_and_holds_no_read_transaction_after_a_read_that_failed_half_way()
    {
        var file = Path.Combine(Path.GetTempPath(), "communityhub-tests", $"row-source-{Guid.NewGuid():N}.db");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        try
        {
            using var reader = Opened($"Data Source={file}");
            using var writer = Opened($"Data Source={file};Pooling=False");
            await writer.ExecuteAsync("PRAGMA journal_mode = WAL; CREATE TABLE kept (n INTEGER NOT NULL); INSERT INTO kept (n) VALUES (1), (2), (3);");
            const string sql = "SELECT n, CASE WHEN n = @Fail THEN json('not json') ELSE n END FROM kept WHERE (@From IS NULL OR n > @From) ORDER BY n";

            using (var rows = ThroughSqlite(reader, new CommandDefinition(sql, new { From = (int?)1, Fail = (int?)null })))
            {
                rows.Count.ShouldBe(2);
            }
            using (var rows = ThroughSqlite(reader, new CommandDefinition(sql, new { From = (int?)null, Fail = (int?)null })))
            {
                rows.Count.ShouldBe(3, "the same statement again, its earlier binding cleared");
            }
            // Fails on the second row, with the first one read: the statement must still be reset when it is put back.
            Should.Throw<SqliteException>(() => ThroughSqlite(reader, new CommandDefinition(sql, new { From = (int?)null, Fail = (int?)2 })));

            await writer.ExecuteAsync("INSERT INTO kept (n) VALUES (4)");
            var checkpoint = (await writer.QueryAsync<(long Busy, long Log, long Checkpointed)>("PRAGMA wal_checkpoint(TRUNCATE)")).Single();
            checkpoint.Busy.ShouldBe(0, "no statement the reader keeps holds a read transaction open");
            using (var rows = ThroughSqlite(reader, new CommandDefinition(sql, new { From = (int?)3, Fail = (int?)null })))
            {
                rows.Text(0, 0).ShouldBe("4", "a kept statement reads the database as it is now");
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            GC.Collect();
            GC.WaitForPendingFinalizers();
            foreach (var path in new[] { file, file + "-wal", file + "-shm" })
            {
                File.Delete(path);
            }
        }
    }

    [Fact]
    public async Task The_partnership_page_and_the_members_page_are_the_same_bytes_from_either_row_source()
    {
        var admin = await factory.AdminAsync();
        var members = new List<MemberResponse>();
        for (var i = 0; i < Texts.Length; i++)
        {
            // Names leave the emoji out: FinnishText.SortKey cannot fold a character outside the BMP (member creation answers 500).
            var body = MemberRequests.Body($"{Texts[i].Replace("😀", "", StringComparison.Ordinal)} {i} {Guid.NewGuid():N}", "993", i % 2 == 0 ? "municipality" : "association", i % 2 == 0 ? ["culture", "sports"] : []);
            body["description"] = i % 3 == 0 ? null : Texts[(i + 1) % Texts.Length];
            body["address"] = i % 3 == 1 ? null : new { street = Texts[i], postalCode = (string?)null, city = "Åbo" };
            members.Add(await MemberRequests.CreateAsync(admin, body));
        }
        for (var i = 0; i < Texts.Length; i++)
        {
            var body = PartnershipRequests.Body(members[i].Id, members[(i + 1) % members.Count].Id, $"{Texts[i]} nro {i}", "993");
            body["description"] = i % 2 == 0 ? null : Texts[(i + 2) % Texts.Length];
            body["startsOn"] = i % 3 == 0 ? null : "2026-01-31";
            body["reviewIntervalMonths"] = i % 2 == 0 ? null : 6;
            body["goals"] = i % 4 == 3 ? Array.Empty<object>() : new object[] { new { title = Texts[i] + " tavoite", indicator = (string?)null, target = "6 000 €" } };
            await PartnershipRequests.CreateAsync(admin, body);
        }
        using (var connection = Open())
        {
            // Values the API never writes but the readers must carry the same way: a version past 2^53 and an instant
            // stored with an offset instead of in the canonical UTC form.
            await connection.ExecuteAsync(
                "UPDATE partnerships SET version = 9007199254740993, updated_at = '2026-11-30T10:15:30.5+02:00' WHERE municipality_code = '993' AND review_interval_months IS NOT NULL");
        }

        var options = factory.Services.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        var dialect = new SqliteDialect();
        using (var connection = Open())
        {
            var page = new CommandDefinition(
                $"SELECT {PartnershipData.Columns} FROM partnerships p WHERE p.deleted_at IS NULL AND p.municipality_code = @Municipality ORDER BY p.id",
                new { Municipality = "993" });
            using var raw = ThroughSqlite(connection, page);
            using var generic = await ThroughDataReaderAsync(connection, page);
            ShouldBeSameValues(raw, generic);
            using var rawChildren = await PartnershipData.ChildRowsAsync(dialect, connection, null, raw, raw.Count, CancellationToken.None);
            using var genericChildren = await ChildRowsThroughDataReaderAsync(connection, generic);
            ShouldBeSameValues(rawChildren.Parties, genericChildren.Parties);
            ShouldBeSameValues(rawChildren.Goals, genericChildren.Goals);

            using var rawBody = PartnershipJson.Page(raw, raw.Count, rawChildren, "cursor", options);
            using var genericBody = PartnershipJson.Page(generic, generic.Count, genericChildren, "cursor", options);
            Text(rawBody).ShouldBe(Text(genericBody));
            rawBody.ETag.ShouldBe(genericBody.ETag);

            // And both are what System.Text.Json writes for the same partnerships as GET /partnerships/{id} reads them.
            var items = new List<PartnershipResponse>();
            for (var i = 0; i < raw.Count; i++)
            {
                items.Add(await (await admin.GetAsync($"/api/v1/partnerships/{raw.Id(i, 0)}").ShouldBe(HttpStatusCode.OK)).ReadAsync<PartnershipResponse>());
            }
            items.ShouldContain(p => p.Version == 9007199254740993);
            Text(rawBody).ShouldBe(System.Text.Encoding.UTF8.GetString(JsonSerializer.SerializeToUtf8Bytes(new PartnershipPage(items, "cursor"), options)));
            rawBody.ETag.ShouldBe(ETags.ForPage(items.Select(p => (p.Id, p.Version)), "cursor"));
        }

        using (var connection = Open())
        {
            var page = new CommandDefinition(
                $"SELECT {MemberData.Columns} FROM members m WHERE m.deleted_at IS NULL AND m.municipality_code = @Municipality ORDER BY m.name_sort, m.id",
                new { Municipality = "993" });
            using var raw = ThroughSqlite(connection, page);
            using var generic = await ThroughDataReaderAsync(connection, page);
            ShouldBeSameValues(raw, generic);
            using var rawSectors = await MemberData.SectorRowsAsync(dialect, connection, raw, raw.Count, CancellationToken.None);
            using var genericSectors = await ThroughDataReaderAsync(connection, new CommandDefinition(
                $"SELECT member_id, sector FROM member_sectors WHERE member_id IN ({dialect.IdsFromJson("@Ids")}) ORDER BY member_id, sector",
                new { Ids = JsonSerializer.Serialize(members.Select(m => m.Id.ToString("D"))) }));
            ShouldBeSameValues(rawSectors, genericSectors);

            using var rawBody = MemberJson.Page(raw, raw.Count, rawSectors, null, options);
            using var genericBody = MemberJson.Page(generic, generic.Count, genericSectors, null, options);
            Text(rawBody).ShouldBe(Text(genericBody));
            rawBody.ETag.ShouldBe(genericBody.ETag);
        }
    }

    private static async Task<PartnershipChildren> ChildRowsThroughDataReaderAsync(SqliteConnection connection, RowSet page)
    {
        var ids = JsonSerializer.Serialize(Enumerable.Range(0, page.Count).Select(i => page.Id(i, 0).ToString("D")));
        var dialect = new SqliteDialect();
        var parties = await ThroughDataReaderAsync(connection, new CommandDefinition(
            $"""
            SELECT pp.partnership_id, pp.member_id, m.name, pp.role, pp.responsibilities
            FROM partnership_parties pp JOIN members m ON m.id = pp.member_id
            WHERE pp.partnership_id IN ({dialect.IdsFromJson("@Ids")}) ORDER BY pp.partnership_id, pp.position
            """,
            new { Ids = ids }));
        var goals = await ThroughDataReaderAsync(connection, new CommandDefinition(
            $"""
            SELECT partnership_id, id, title, indicator, target FROM partnership_goals
            WHERE partnership_id IN ({dialect.IdsFromJson("@Ids")}) ORDER BY partnership_id, position
            """,
            new { Ids = ids }));
        return PartnershipChildren.Of(page, page.Count, parties, goals);
    }

    private static string Text(JsonBody body) => System.Text.Encoding.UTF8.GetString(body.Content.ToArray());
}
