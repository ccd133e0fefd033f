using System.Net;
using System.Text.Json;
using CommunityHub.Api.Features.Pilots;
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

namespace CommunityHub.Api.Tests.Features.Pilots;

/// <summary>
/// The pilots page is written from <see cref="RowSet"/>s, which SQLite fills from its own buffers
/// (<see cref="SqliteRowReader"/>) and every other provider through a <see cref="System.Data.Common.DbDataReader"/>.
/// On the same data both must give the same page, byte for byte, ETag included, and that page must be what System.Text.Json
/// writes for the same pilots as GET /pilots/{id} (Dapper) reads them. The amounts are the hard part: REAL on SQLite,
/// which Dapper converts as <c>(decimal)double</c>, and decimal(…) on SQL Server, whose scale System.Text.Json keeps.
/// </summary>
public sealed class PilotRowSourceTests : IClassFixture<SqliteApiFactory>
{
    private readonly SqliteApiFactory factory;

    public PilotRowSourceTests(SqliteApiFactory factory)
    {
        this.factory = factory;
        // Dapper's handlers (ids, dates and instants as text) are process-wide; the app registers them when it starts.
        TypeHandlers.Register();
    }

    /// <summary>
    /// Doubles whose 15-digit text (SQLite's own) is not the double, whole numbers SQLite writes with ".0", ties at the
    /// 16th digit, tiny and large magnitudes (exponent notation in SQLite's text), a negative zero and NULL.
    /// </summary>
    private static readonly string?[] Amounts =
    [
        "0.1 + 0.2", "7.0", "1234567.89", "123456789012.3125", "0.0000001", "999999999999.99", "-0.0", "8500.5", "1e15 + 0.5", null, "2.0 / 3.0", "-55.55",
    ];

    private SqliteConnection Open() => Opened($"Data Source={factory.DatabasePath}");

    private static string Text(JsonBody body) => System.Text.Encoding.UTF8.GetString(body.Content.ToArray());

    [Fact]
    public async Task Sqlite_writes_an_amount_as_the_exact_double()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        var dialect = new SqliteDialect();
        (await connection.QuerySingleAsync<string>($"SELECT {dialect.AmountText("0.1 + 0.2")}")).ShouldBe("0.30000000000000004");
        (await connection.QuerySingleAsync<string?>($"SELECT {dialect.AmountText("NULL")}")).ShouldBeNull();
        // Whatever the digits, the text must parse back to the very double stored (SQLite's plain text keeps 15 digits).
        foreach (var amount in Amounts.OfType<string>().Append("0.1"))
        {
            var exact = await connection.QuerySingleAsync<double>($"SELECT {amount}");
            var text = await connection.QuerySingleAsync<string>($"SELECT {dialect.AmountText(amount)}");
            double.Parse(text, System.Globalization.CultureInfo.InvariantCulture).ShouldBe(exact, amount);
        }
    }

    [Fact]
    public void Decimals_from_sql_server_keep_their_scale_and_doubles_convert_as_dapper_converts_them()
    {
        var options = factory.Services.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        using var rows = new RowSet(1);
        rows.Add((string?)"8500.50");
        rows.Add((string?)"55.5000");
        rows.Add((string?)"0.30000000000000004");
        rows.AddNull();
        string Written(int row, bool fromDouble)
        {
            using var buffer = new ChunkedBuffer();
            using (var writer = new Utf8JsonWriter(buffer, JsonBody.WriterOptions(options)))
            {
                writer.WriteStartObject();
                writer.WriteDecimal(JsonEncodedText.Encode("a"), rows, row, 0, fromDouble);
                writer.WriteEndObject();
            }
            return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
        }
        Written(0, fromDouble: false).ShouldBe(JsonSerializer.Serialize(new { a = 8500.50m }, options));
        Written(0, fromDouble: false).ShouldBe("{\"a\":8500.50}");
        Written(1, fromDouble: false).ShouldBe("{\"a\":55.5000}");
        Written(2, fromDouble: true).ShouldBe(JsonSerializer.Serialize(new { a = (decimal)(0.1 + 0.2) }, options));
        Written(2, fromDouble: true).ShouldBe("{\"a\":0.3}");
        Written(3, fromDouble: true).ShouldBe("{\"a\":null}");
    }

    [Fact]
    public async Task The_pilots_page_is_the_same_bytes_from_either_row_source_and_what_serialising_the_pilots_gives()
    {
        var admin = await factory.AdminAsync();
        var members = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            members.Add((await MemberRequests.CreateAsync(admin, MemberRequests.Body($"Pilottijäsen {i} {Guid.NewGuid():N}", "995"))).Id);
        }
        for (var i = 0; i < Texts.Length; i++)
        {
            var body = PilotRequests.Body(members[i % 3], $"{Texts[i]} nro {i}", i % 2 == 0 ? "work" : "wellbeing", "995", null, [.. members.Take(i % 4)]);
            body["problem"] = i % 3 == 0 ? null : Texts[(i + 1) % Texts.Length];
            body["hypothesis"] = i % 2 == 0 ? null : Texts[(i + 2) % Texts.Length];
            body["plannedStart"] = i % 3 == 1 ? null : "2026-02-28";
            body["plannedEnd"] = i % 3 == 1 ? null : "2026-12-31";
            body["budgetEur"] = i % 4 == 3 ? null : 1000.25m * i;
            body["metrics"] = i % 3 == 2
                ? Array.Empty<object>()
                : new object[]
                {
                    new { name = Texts[i] == "" ? "Mittari" : Texts[i], unit = (string?)null, baseline = 7, target = 12.5m, actual = (decimal?)null },
                    new { name = "Läsnäolo", unit = "%", baseline = 55.5m, target = (decimal?)null, actual = 0.25m },
                };
            body["evaluation"] = new { results = i % 2 == 0 ? Texts[i] : null, impact = (string?)null, learnings = Texts[(i + 3) % Texts.Length], recommendation = (string?)null };
            await PilotRequests.CreateAsync(admin, body);
        }
        using (var connection = Open())
        {
            // Values the API never writes but the readers must carry the same way: a version past 2^53, an instant stored
            // with an offset instead of in the canonical UTC form, and amounts whose SQLite text is not their double.
            await connection.ExecuteAsync(
                "UPDATE pilots SET version = 9007199254740993, updated_at = '2026-11-30T10:15:30.5+02:00' WHERE municipality_code = '995' AND budget_eur IS NULL");
            var pilots = (await connection.QueryAsync<string>("SELECT id FROM pilots WHERE municipality_code = '995' ORDER BY id")).ToList();
            for (var i = 0; i < pilots.Count; i++)
            {
                await connection.ExecuteAsync(
                    $"UPDATE pilots SET budget_eur = {Amounts[i % Amounts.Length] ?? "NULL"} WHERE id = @Id", new { Id = pilots[i] });
                await connection.ExecuteAsync(
                    $"""
                    UPDATE pilot_metrics SET baseline = {Amounts[(i + 1) % Amounts.Length] ?? "NULL"}, target = {Amounts[(i + 2) % Amounts.Length] ?? "NULL"},
                        actual = {Amounts[(i + 3) % Amounts.Length] ?? "NULL"}
                    WHERE pilot_id = @Id AND position = 0
                    """,
                    new { Id = pilots[i] });
                await connection.ExecuteAsync(
                    $"""
                    UPDATE pilot_metrics SET baseline = {Amounts[(i + 6) % Amounts.Length] ?? "NULL"}, target = {Amounts[(i + 7) % Amounts.Length] ?? "NULL"},
                        actual = {Amounts[(i + 8) % Amounts.Length] ?? "NULL"}
                    WHERE pilot_id = @Id AND position = 1
                    """,
                    new { Id = pilots[i] });
            }
        }

        var options = factory.Services.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        var dialect = new SqliteDialect();
        using var connectionForPage = Open();
        var page = new CommandDefinition(
            $"SELECT {PilotData.RowColumns(dialect)} FROM pilots p WHERE p.deleted_at IS NULL AND p.municipality_code = @Municipality ORDER BY p.id",
            new { Municipality = "995" });
        using var raw = ThroughSqlite(connectionForPage, page);
        using var generic = await ThroughDataReaderAsync(connectionForPage, page);
        raw.Count.ShouldBe(Texts.Length);
        ShouldBeSameValues(raw, generic);
        var ids = raw.IdsJson(raw.Count, PilotData.IdColumn);
        using var rawTeam = await PilotData.TeamRowsAsync(dialect, connectionForPage, ids, CancellationToken.None);
        using var rawMetrics = await PilotData.MetricRowsAsync(dialect, connectionForPage, ids, CancellationToken.None);
        using var genericTeam = await ThroughDataReaderAsync(connectionForPage, new CommandDefinition(
            $"SELECT pilot_id, member_id, role FROM pilot_team WHERE pilot_id IN ({dialect.IdsFromJson("@Ids")}) ORDER BY pilot_id, position",
            new { Ids = ids }));
        using var genericMetrics = await ThroughDataReaderAsync(connectionForPage, new CommandDefinition(
            $"""
            SELECT pilot_id, id, name, unit, {dialect.AmountText("baseline")}, {dialect.AmountText("target")}, {dialect.AmountText("actual")}
            FROM pilot_metrics WHERE pilot_id IN ({dialect.IdsFromJson("@Ids")}) ORDER BY pilot_id, position
            """,
            new { Ids = ids }));
        ShouldBeSameValues(rawTeam, genericTeam);
        ShouldBeSameValues(rawMetrics, genericMetrics);

        using var rawBody = PilotJson.Page(raw, raw.Count, rawTeam, rawMetrics, "cursor", dialect.AmountsAreDoubles, options);
        using var genericBody = PilotJson.Page(generic, generic.Count, genericTeam, genericMetrics, "cursor", dialect.AmountsAreDoubles, options);
        Text(rawBody).ShouldBe(Text(genericBody));
        rawBody.ETag.ShouldBe(genericBody.ETag);

        var items = new List<PilotResponse>();
        for (var i = 0; i < raw.Count; i++)
        {
            items.Add(await (await admin.GetAsync($"/api/v1/pilots/{raw.Id(i, 0)}").ShouldBe(HttpStatusCode.OK)).ReadAsync<PilotResponse>());
        }
        items.ShouldContain(p => p.Version == 9007199254740993);
        items.ShouldContain(p => p.BudgetEur == 0.3m);
        items.ShouldContain(p => p.Team.Count == 3);
        Text(rawBody).ShouldBe(System.Text.Encoding.UTF8.GetString(JsonSerializer.SerializeToUtf8Bytes(new PilotPage(items, "cursor"), options)));
        rawBody.ETag.ShouldBe(ETags.ForPage(items.Select(p => (p.Id, p.Version)), "cursor"));
    }
}
