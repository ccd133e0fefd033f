using System.Net;
using System.Text.Json;
using CommunityHub.Api.Features.Events;
using CommunityHub.Api.Infrastructure.Data;
using CommunityHub.Api.Infrastructure.Http;
using CommunityHub.Api.Tests.Infrastructure;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Shouldly;
using static CommunityHub.Api.Tests.Infrastructure.RowSources;

namespace CommunityHub.Api.Tests.Features.Events;

/// <summary>
/// The events page is written from <see cref="RowSet"/>s, which SQLite fills from its own buffers
/// (<see cref="SqliteRowReader"/>) and every other provider through a <see cref="System.Data.Common.DbDataReader"/>.
/// On the same data both must give the same page, byte for byte, ETag included, and that page must be what System.Text.Json
/// writes for the same events as GET /events/{id} reads them.
/// </summary>
public sealed class EventRowSourceTests : IClassFixture<SqliteApiFactory>
{
    private readonly SqliteApiFactory factory;

    public EventRowSourceTests(SqliteApiFactory factory)
    {
        this.factory = factory;
        // Dapper's handlers (ids, dates and instants as text) are process-wide; the app registers them when it starts.
        TypeHandlers.Register();
    }

    // Keywords are at most 50 characters.
    private static readonly string[] Keywords = ["öljy ja åäö", "lainaus \"x\" \\", "<b> & +358", "rivi\nsarkain\t\u0001", "😀 \u2028 \u200b", "x"];

    private SqliteConnection Open() => Opened($"Data Source={factory.DatabasePath}");

    private static string Text(JsonBody body) => System.Text.Encoding.UTF8.GetString(body.Content.ToArray());

    [Fact]
    public async Task The_events_page_is_the_same_bytes_from_either_row_source_and_what_serialising_the_events_gives()
    {
        var admin = await factory.AdminAsync();
        var organizers = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            organizers.Add(await EventRequests.MemberAsync(admin, $"Järjestäjä {i}", "994"));
        }
        var start = new DateTimeOffset(2031, 5, 1, 14, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < Texts.Length; i++)
        {
            var body = EventRequests.Body(organizers.Take(1 + i % 3), start.AddHours(i), $"{Texts[i]} nro {i}", "994", capacity: i % 2 == 0 ? null : 10 + i);
            body["description"] = i % 3 == 0 ? null : Texts[(i + 1) % Texts.Length];
            body["venue"] = i % 3 == 1 ? null : new { name = Texts[i] == "" ? "Sali" : Texts[i], street = (string?)null, city = "Åbo" };
            body["languages"] = (i % 4) switch { 0 => Array.Empty<string>(), 1 => ["en"], 2 => ["sv", "fi", "en"], _ => ["fi"] };
            body["keywords"] = i % 4 == 3 ? Array.Empty<string>() : new[] { Keywords[i], "järjestöt", Keywords[(i + 2) % Keywords.Length] };
            body["registrationOpensAt"] = i % 2 == 0 ? null : start.AddDays(-20).ToString("yyyy-MM-dd'T'HH:mm:ss.fffK", System.Globalization.CultureInfo.InvariantCulture);
            body["registrationClosesAt"] = i % 3 == 0 ? null : start.AddDays(-1).AddTicks(1234567).ToString("yyyy-MM-dd'T'HH:mm:ss.fffffffK", System.Globalization.CultureInfo.InvariantCulture);
            var created = await EventRequests.CreateAsync(admin, body);
            if (i % 2 == 1)
            {
                await EventRequests.MoveAsync(admin, created.Id, "published");
            }
        }
        using (var connection = Open())
        {
            // Values the API never writes but the readers must carry the same way: a version past 2^53, an instant stored
            // with an offset instead of in the canonical UTC form, keywords stored unescaped, and a stored null list.
            await connection.ExecuteAsync(
                "UPDATE events SET version = 9007199254740993, updated_at = '2026-11-30T10:15:30.5+02:00' WHERE municipality_code = '994' AND capacity IS NOT NULL");
            await connection.ExecuteAsync(
                """UPDATE events SET keywords = '["öljy ja åäö","lainaus \"x\" </b>","\u00e5\ud83d\ude00"]' WHERE municipality_code = '994' AND description IS NULL""");
            await connection.ExecuteAsync(
                "UPDATE events SET keywords = 'null' WHERE municipality_code = '994' AND keywords = '[]'");
        }

        var options = factory.Services.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        var dialect = new SqliteDialect();
        using var connectionForPage = Open();
        var page = new CommandDefinition(
            $"SELECT {CommunityEventData.Columns} FROM events e WHERE e.deleted_at IS NULL AND e.municipality_code = @Municipality ORDER BY e.starts_at, e.id",
            new { Municipality = "994" });
        using var raw = ThroughSqlite(connectionForPage, page);
        using var generic = await ThroughDataReaderAsync(connectionForPage, page);
        raw.Count.ShouldBe(Texts.Length);
        ShouldBeSameValues(raw, generic);
        using var rawOrganizers = await CommunityEventData.OrganizerRowsAsync(dialect, connectionForPage, raw, raw.Count, CancellationToken.None);
        using var genericOrganizers = await ThroughDataReaderAsync(connectionForPage, new CommandDefinition(
            $"SELECT event_id, member_id FROM event_organizers WHERE event_id IN ({dialect.IdsFromJson("@Ids")}) ORDER BY event_id, member_id",
            new { Ids = JsonSerializer.Serialize(Enumerable.Range(0, generic.Count).Select(i => generic.Id(i, 0).ToString("D"))) }));
        ShouldBeSameValues(rawOrganizers, genericOrganizers);

        using var rawBody = EventJson.Page(raw, raw.Count, rawOrganizers, "cursor", options);
        using var genericBody = EventJson.Page(generic, generic.Count, genericOrganizers, "cursor", options);
        Text(rawBody).ShouldBe(Text(genericBody));
        rawBody.ETag.ShouldBe(genericBody.ETag);

        var items = new List<CommunityEventResponse>();
        for (var i = 0; i < raw.Count; i++)
        {
            items.Add(await (await admin.GetAsync($"/api/v1/events/{raw.Id(i, 0)}").ShouldBe(HttpStatusCode.OK)).ReadAsync<CommunityEventResponse>());
        }
        items.ShouldContain(e => e.Version == 9007199254740993);
        items.ShouldContain(e => e.Keywords.Contains("lainaus \"x\" </b>"));
        items.ShouldContain(e => e.OrganizerIds.Count == 3);
        Text(rawBody).ShouldBe(System.Text.Encoding.UTF8.GetString(JsonSerializer.SerializeToUtf8Bytes(new CommunityEventPage(items, "cursor"), options)));
        rawBody.ETag.ShouldBe(ETags.ForPage(items.Select(e => (e.Id, e.Version)), "cursor"));

        // And through HTTP: the whole page, paged in twos (the cursor carries the start key), is the same events.
        var listed = new List<CommunityEventResponse>();
        string? cursor = null;
        do
        {
            var response = await admin.GetAsync($"/api/v1/events?municipality=994&limit=2{(cursor is null ? "" : $"&cursor={cursor}")}").ShouldBe(HttpStatusCode.OK);
            var onePage = await response.ReadAsync<CommunityEventPage>();
            listed.AddRange(onePage.Items);
            cursor = onePage.NextCursor;
        }
        while (cursor is not null);
        JsonSerializer.Serialize(listed, options).ShouldBe(JsonSerializer.Serialize(items, options));
    }
}
