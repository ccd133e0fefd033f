using System.Net;
using CommunityHub.Api.Features.Changes;
using CommunityHub.Api.Features.Members;
using CommunityHub.Api.Infrastructure.Data;
using CommunityHub.Api.Infrastructure.Http;
using CommunityHub.Api.Tests.Features.ApiKeys;
using CommunityHub.Api.Tests.Features.Members;
using CommunityHub.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace CommunityHub.Api.Tests.Features.Changes;

public abstract class ChangesContract<TFactory>(TFactory factory) : ContractTests<TFactory>(factory)
    where TFactory : ApiFactory
{
    [Fact]
    public async Task Every_member_create_update_and_delete_appears_once_in_order()
    {
        var admin = await Factory.AdminAsync();
        var start = await TailAsync(admin);
        var member = await MemberRequests.CreateAsync(admin, MemberRequests.Body("Muuttuva Yhdistys ry", "564"));
        var body = MemberRequests.Body("Muuttuva Yhdistys ry (uusi nimi)", "564");
        body["businessId"] = member.BusinessId;
        await admin.PutJsonAsync($"/api/v1/members/{member.Id}", body, "\"1\"").ShouldBe(HttpStatusCode.OK);
        await admin.DeleteAsync($"/api/v1/members/{member.Id}", "\"2\"").ShouldBe(HttpStatusCode.NoContent);

        var (entries, _) = await SyncAsync(admin, start);
        var mine = entries.Where(e => e.Id == member.Id).ToList();
        mine.Select(e => (e.Type, e.Op, e.Version, e.MunicipalityCode)).ShouldBe(
        [
            ("members", "upsert", 1L, "564"),
            ("members", "upsert", 2L, "564"),
            ("members", "delete", 3L, "564"),
        ]);
        mine.Select(e => e.Seq).ShouldBeInOrder(SortDirection.Ascending);
        entries.Select(e => e.Seq).Distinct().Count().ShouldBe(entries.Count);
    }

    [Fact]
    public async Task Pages_follow_next_cursor_with_has_more_and_an_empty_page_keeps_a_cursor()
    {
        var admin = await Factory.AdminAsync();
        var first = await (await admin.GetAsync("/api/v1/changes?limit=1").ShouldBe(HttpStatusCode.OK)).ReadAsync<ChangePage>();
        first.NextCursor.ShouldNotBeNullOrEmpty();

        var start = await TailAsync(admin);
        var created = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            created.Add((await MemberRequests.CreateAsync(admin, MemberRequests.Body($"Sivuttava {i} ry", "425"))).Id);
        }
        var pages = new List<ChangePage>();
        var cursor = start;
        do
        {
            var page = await ReadAsync(admin, $"/api/v1/changes?limit=2&cursor={cursor}");
            page.NextCursor.ShouldNotBeNullOrEmpty();
            pages.Add(page);
            cursor = page.NextCursor;
        }
        while (pages[^1].HasMore);
        pages.Select(p => p.Items.Count).ShouldBe([2, 2, 1]);
        pages.Select(p => p.HasMore).ShouldBe([true, true, false]);
        pages.SelectMany(p => p.Items).Select(e => e.Id).ShouldBe(created);

        var empty = await ReadAsync(admin, $"/api/v1/changes?limit=2&cursor={cursor}");
        empty.Items.ShouldBeEmpty();
        empty.HasMore.ShouldBeFalse();
        empty.NextCursor.ShouldBe(cursor);

        var later = await MemberRequests.CreateAsync(admin, MemberRequests.Body("Myöhempi ry", "425"));
        var resumed = await ReadAsync(admin, $"/api/v1/changes?cursor={empty.NextCursor}");
        resumed.Items.Select(e => e.Id).ShouldBe([later.Id]);
    }

    [Fact]
    public async Task Bad_cursor_limit_and_types_are_400_naming_the_parameter()
    {
        var admin = await Factory.AdminAsync();
        await admin.GetAsync("/api/v1/changes?cursor=nonsense").ShouldBeProblem(HttpStatusCode.BadRequest, "cursor");
        await admin.GetAsync($"/api/v1/changes?cursor={Cursor.Encode("members", "a", "b")}").ShouldBeProblem(HttpStatusCode.BadRequest, "cursor");
        await admin.GetAsync($"/api/v1/changes?cursor={Cursor.Encode("changes", "x12")}").ShouldBeProblem(HttpStatusCode.BadRequest, "cursor");
        await admin.GetAsync($"/api/v1/changes?cursor={Cursor.Encode("changes", "-5")}").ShouldBeProblem(HttpStatusCode.BadRequest, "cursor");
        await admin.GetAsync("/api/v1/changes?limit=0").ShouldBeProblem(HttpStatusCode.BadRequest, "limit");
        await admin.GetAsync("/api/v1/changes?limit=201").ShouldBeProblem(HttpStatusCode.BadRequest, "limit");
        await admin.GetAsync("/api/v1/changes?limit=many").ShouldBeProblem(HttpStatusCode.BadRequest, "limit");
        await admin.GetAsync("/api/v1/changes?types=members,contacts").ShouldBeProblem(HttpStatusCode.BadRequest, "types");
        await admin.GetAsync("/api/v1/changes?types=Members").ShouldBeProblem(HttpStatusCode.BadRequest, "types");
        await admin.GetAsync("/api/v1/changes?types=members,,events").ShouldBeProblem(HttpStatusCode.BadRequest, "types");
        await admin.GetAsync("/api/v1/changes?types=members,partnerships,pilots,events").ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_unchanged_poll_answers_304_and_a_new_write_answers_200()
    {
        var admin = await Factory.AdminAsync();
        var cursor = await TailAsync(admin);
        var url = $"/api/v1/changes?cursor={cursor}";
        var firstPoll = await admin.GetAsync(url).ShouldBe(HttpStatusCode.OK);
        var etag = firstPoll.Headers.ETag!.ToString();
        (await admin.GetAsync(url, etag)).StatusCode.ShouldBe(HttpStatusCode.NotModified);

        var member = await MemberRequests.CreateAsync(admin, MemberRequests.Body("Kyselyn Herättäjä ry", "609"));
        var changed = await admin.GetAsync(url, etag).ShouldBe(HttpStatusCode.OK);
        changed.Headers.ETag!.ToString().ShouldNotBe(etag);
        (await changed.ReadAsync<ChangePage>()).Items.Select(e => e.Id).ShouldBe([member.Id]);
        (await admin.GetAsync(url, changed.Headers.ETag!.ToString())).StatusCode.ShouldBe(HttpStatusCode.NotModified);
    }

    [Fact]
    public async Task Anonymous_callers_get_401_and_every_role_reads_every_type()
    {
        await Factory.Anonymous().GetAsync("/api/v1/changes").ShouldBeProblem(HttpStatusCode.Unauthorized);
        var admin = await Factory.AdminAsync();
        var start = await TailAsync(admin);
        var partnership = await AppendAsync("partnerships", "091");
        var pilot = await AppendAsync("pilots", "564");
        var communityEvent = await AppendAsync("events", "564");
        var viewer = await Factory.AsAsync("viewer");
        var (entries, _) = await SyncAsync(viewer, start);
        entries.Select(e => e.Id).ShouldBe([partnership, pilot, communityEvent]);
        entries.Select(e => e.Type).ShouldBe(["partnerships", "pilots", "events"]);
        var (onlyPilots, _) = await SyncAsync(viewer, start, "pilots");
        onlyPilots.Select(e => e.Id).ShouldBe([pilot]);
    }

    [Fact]
    public async Task A_key_sees_only_the_types_of_its_scopes()
    {
        var admin = await Factory.AdminAsync();
        var start = await TailAsync(admin);
        var member = await MemberRequests.CreateAsync(admin, MemberRequests.Body("Näkyvä Jäsen ry", "895"));
        await AppendAsync("partnerships", "895");
        await AppendAsync("pilots", "895");
        var membersKey = Factory.WithKey((await ApiKeyRequests.CreateAsync(admin, ["members:read"])).Key);

        var (seen, _) = await SyncAsync(membersKey, start);
        seen.Select(e => (e.Type, e.Id)).ShouldBe([("members", member.Id)]);
        var (asked, cursor) = await SyncAsync(membersKey, start, "partnerships,pilots");
        asked.ShouldBeEmpty();
        cursor.ShouldBe(start);
    }

    [Fact]
    public async Task A_municipality_bound_key_sees_its_municipality_and_every_member()
    {
        var admin = await Factory.AdminAsync();
        var start = await TailAsync(admin);
        var oulu = await AppendAsync("partnerships", "564");
        await AppendAsync("partnerships", "091");
        await AppendAsync("pilots", "091");
        var ouluPilot = await AppendAsync("pilots", "564");
        var helsinkiMember = await MemberRequests.CreateAsync(admin, MemberRequests.Body("Helsingin Jäsen ry", "091"));
        var key = await ApiKeyRequests.CreateAsync(admin, ["members:read", "partnerships:read", "pilots:read"], "564");

        var (seen, _) = await SyncAsync(Factory.WithKey(key.Key), start);
        seen.Select(e => e.Id).ShouldBe([oulu, ouluPilot, helsinkiMember.Id]);
        seen.Where(e => e.Type != "members").ShouldAllBe(e => e.MunicipalityCode == "564");
    }

    [Fact]
    public async Task Keys_see_entries_of_published_public_events_only_and_within_their_municipality()
    {
        var admin = await Factory.AdminAsync();
        var start = await TailAsync(admin);
        var organizer = await Events.EventRequests.MemberAsync(admin);
        var soon = DateTimeOffset.UtcNow.AddDays(20);
        var published = await Events.EventRequests.PublishedAsync(admin, Events.EventRequests.Body([organizer], soon, "Julkinen kumppanuusilta"));
        var draft = await Events.EventRequests.CreateAsync(admin, Events.EventRequests.Body([organizer], soon, "Luonnos"));
        var membersOnly = await Events.EventRequests.PublishedAsync(admin, Events.EventRequests.Body([organizer], soon, "Jäsenilta", visibility: "members"));
        var elsewhere = await Events.EventRequests.PublishedAsync(admin, Events.EventRequests.Body([organizer], soon, "Porin ilta", municipality: "609"));

        var key = Factory.WithKey((await ApiKeyRequests.CreateAsync(admin, ["events:read"])).Key);
        var seenByKey = (await SyncAsync(key, start)).Entries.Where(e => e.Type == "events").Select(e => e.Id).Distinct().ToList();
        seenByKey.ShouldBe([published.Id, elsewhere.Id], ignoreOrder: true);

        var ouluKey = Factory.WithKey((await ApiKeyRequests.CreateAsync(admin, ["events:read"], "564")).Key);
        (await SyncAsync(ouluKey, start)).Entries.Where(e => e.Type == "events").Select(e => e.Id).Distinct().ShouldBe([published.Id]);

        var seenByAdmin = (await SyncAsync(admin, start)).Entries.Where(e => e.Type == "events").Select(e => e.Id).Distinct().ToList();
        seenByAdmin.ShouldBe([published.Id, draft.Id, membersOnly.Id, elsewhere.Id], ignoreOrder: true);
    }

    [Fact]
    public async Task A_reader_syncing_while_writers_create_update_and_delete_ends_with_the_database_state()
    {
        const string municipality = "936";
        var admin = await Factory.AdminAsync();
        var cursor = await TailAsync(admin);
        var picture = new Dictionary<Guid, (long Version, bool Deleted, string? Municipality)>();
        var lastSeq = long.MinValue;

        var writing = Task.WhenAll(Enumerable.Range(0, 4).Select(writer => Task.Run(async () =>
        {
            for (var i = 0; i < 12; i++)
            {
                var member = await MemberRequests.CreateAsync(admin, MemberRequests.Body($"Samanaikainen {writer}-{i} ry", municipality));
                if (i % 3 != 0)
                {
                    var body = MemberRequests.Body($"Samanaikainen {writer}-{i} ry (muutettu)", municipality);
                    body["businessId"] = member.BusinessId;
                    await admin.PutJsonAsync($"/api/v1/members/{member.Id}", body).ShouldBe(HttpStatusCode.OK);
                }
                if (i % 4 == 1)
                {
                    await admin.DeleteAsync($"/api/v1/members/{member.Id}", null).ShouldBe(HttpStatusCode.NoContent);
                }
            }
        })));

        async Task FollowAsync()
        {
            ChangePage page;
            do
            {
                page = await ReadAsync(admin, $"/api/v1/changes?types=members&limit=7&cursor={cursor}");
                foreach (var entry in page.Items)
                {
                    entry.Seq.ShouldBeGreaterThan(lastSeq, "entries arrive in feed order, each once");
                    lastSeq = entry.Seq;
                    if (picture.TryGetValue(entry.Id, out var known))
                    {
                        entry.Version.ShouldBeGreaterThan(known.Version, "a member's versions arrive in commit order");
                    }
                    picture[entry.Id] = (entry.Version, entry.Op == "delete", entry.MunicipalityCode);
                }
                cursor = page.NextCursor;
            }
            while (page.HasMore);
        }

        var rounds = 0;
        while (!writing.IsCompleted)
        {
            await FollowAsync();
            rounds++;
        }
        await writing;
        await FollowAsync();

        var expected = new Dictionary<Guid, long>();
        string? listCursor = null;
        do
        {
            var page = await (await admin.GetAsync($"/api/v1/members?municipality={municipality}&limit=200" +
                (listCursor is null ? "" : $"&cursor={Uri.EscapeDataString(listCursor)}")).ShouldBe(HttpStatusCode.OK)).ReadAsync<MemberPage>();
            foreach (var member in page.Items)
            {
                expected[member.Id] = member.Version;
            }
            listCursor = page.NextCursor;
        }
        while (listCursor is not null);

        var synced = picture.Where(p => p.Value.Municipality == municipality && !p.Value.Deleted).ToDictionary(p => p.Key, p => p.Value.Version);
        rounds.ShouldBeGreaterThan(0);
        expected.Count.ShouldBe(4 * 9);
        synced.ShouldBe(expected, ignoreOrder: true);
        picture.Count(p => p.Value.Deleted).ShouldBe(4 * 3);
    }

    [Fact]
    public async Task A_move_between_municipalities_is_a_delete_for_the_old_view_and_an_upsert_for_readers_who_still_see_it()
    {
        var admin = await Factory.AdminAsync();
        var ouluKey = Factory.WithKey((await ApiKeyRequests.CreateAsync(admin, ["partnerships:read"], "564")).Key);
        var helsinkiKey = Factory.WithKey((await ApiKeyRequests.CreateAsync(admin, ["partnerships:read"], "091")).Key);
        var anyKey = Factory.WithKey((await ApiKeyRequests.CreateAsync(admin, ["partnerships:read"])).Key);
        var start = await TailAsync(admin);
        var partnership = await Partnerships.PartnershipRequests.CreateAsync(admin, "564");
        var (city, coordinator) = await Partnerships.PartnershipRequests.MembersAsync(admin, "091");
        await admin.PutJsonAsync($"/api/v1/partnerships/{partnership.Id}",
            Partnerships.PartnershipRequests.Body(city, coordinator, municipalityCode: "091"), "\"1\"").ShouldBe(HttpStatusCode.OK);

        async Task<List<(string Op, long Version, string? Municipality)>> SeenBy(HttpClient reader) =>
            (await SyncAsync(reader, start, "partnerships")).Entries.Where(e => e.Id == partnership.Id)
                .Select(e => (e.Op, e.Version, e.MunicipalityCode)).ToList();
        (await SeenBy(ouluKey)).ShouldBe([("upsert", 1L, "564"), ("delete", 2L, "564")]);
        (await SeenBy(helsinkiKey)).ShouldBe([("upsert", 2L, "091")]);
        (await SeenBy(anyKey)).ShouldBe([("upsert", 1L, "564"), ("upsert", 2L, "091")]);
        (await SeenBy(admin)).ShouldBe([("upsert", 1L, "564"), ("upsert", 2L, "091")]);
        await ouluKey.GetAsync($"/api/v1/partnerships/{partnership.Id}").ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_event_turning_members_only_is_a_delete_for_keys_and_turning_public_again_an_upsert()
    {
        var admin = await Factory.AdminAsync();
        var key = Factory.WithKey((await ApiKeyRequests.CreateAsync(admin, ["events:read"], "564")).Key);
        var organizer = await Events.EventRequests.MemberAsync(admin);
        var soon = DateTimeOffset.UtcNow.AddDays(20);
        var start = await TailAsync(admin);
        var published = await Events.EventRequests.PublishedAsync(admin, Events.EventRequests.Body([organizer], soon, "Avoin ilta"));
        await admin.PutJsonAsync($"/api/v1/events/{published.Id}",
            Events.EventRequests.Body([organizer], soon, "Avoin ilta", visibility: "members")).ShouldBe(HttpStatusCode.OK);
        var (keyAfterHiding, keyCursor) = await SyncAsync(key, start, "events");
        keyAfterHiding.Where(e => e.Id == published.Id).Select(e => (e.Op, e.Version)).ShouldBe([("upsert", 2L), ("delete", 3L)]);
        await key.GetAsync($"/api/v1/events/{published.Id}").ShouldBe(HttpStatusCode.NotFound);

        await admin.PutJsonAsync($"/api/v1/events/{published.Id}",
            Events.EventRequests.Body([organizer], soon, "Avoin ilta")).ShouldBe(HttpStatusCode.OK);
        (await SyncAsync(key, keyCursor, "events")).Entries.Select(e => (e.Id, e.Op, e.Version)).ShouldBe([(published.Id, "upsert", 4L)]);
        (await SyncAsync(admin, start, "events")).Entries.Where(e => e.Id == published.Id).Select(e => e.Op)
            .ShouldBe(["upsert", "upsert", "upsert", "upsert"], "people with a role read the event in every state: no deletes");
    }

    /// <summary>The cursor at the current end of the feed, so a test sees only its own entries.</summary>
    private static async Task<string> TailAsync(HttpClient client) => (await SyncAsync(client, null)).Cursor;

    private static async Task<(List<ChangeEntry> Entries, string Cursor)> SyncAsync(HttpClient client, string? cursor, string? types = null)
    {
        var entries = new List<ChangeEntry>();
        ChangePage page;
        do
        {
            var query = new List<string> { "limit=200" };
            if (cursor is not null)
            {
                query.Add($"cursor={cursor}");
            }
            if (types is not null)
            {
                query.Add($"types={types}");
            }
            page = await ReadAsync(client, "/api/v1/changes?" + string.Join('&', query));
            entries.AddRange(page.Items);
            cursor = page.NextCursor;
        }
        while (page.HasMore);
        return (entries, cursor);
    }

    private static async Task<ChangePage> ReadAsync(HttpClient client, string url)
    {
        var page = await (await client.GetAsync(url).ShouldBe(HttpStatusCode.OK)).ReadAsync<ChangePage>();
        page.NextCursor.ShouldNotBeNullOrEmpty();
        return page;
    }

    /// <summary>
    /// Appends a feed entry for a collection this branch does not write yet (partnerships, pilots, events), through the
    /// same ChangeLog and transaction every write uses.
    /// </summary>
    private async Task<Guid> AppendAsync(string type, string municipality)
    {
        var id = Guid.CreateVersion7();
        await using var services = Factory.Services.CreateAsyncScope();
        var db = services.ServiceProvider.GetRequiredService<Db>();
        await using var write = await db.BeginWriteAsync(CancellationToken.None);
        await services.ServiceProvider.GetRequiredService<ChangeLog>().RecordAsync(write, new EntityType(type, InFeed: true), id, ChangeOp.Create, 1, municipality, CancellationToken.None);
        await write.CommitAsync(CancellationToken.None);
        return id;
    }
}

public sealed class ChangesSqliteTests(SqliteApiFactory factory) : ChangesContract<SqliteApiFactory>(factory);

public sealed class ChangesSqlServerTests(SqlServerApiFactory factory) : ChangesContract<SqlServerApiFactory>(factory);
