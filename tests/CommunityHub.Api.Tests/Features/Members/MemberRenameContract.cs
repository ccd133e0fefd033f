using System.Net;
using System.Text.Json;
using CommunityHub.Api.Features.Changes;
using CommunityHub.Api.Features.Members;
using CommunityHub.Api.Features.Partnerships;
using CommunityHub.Api.Infrastructure.Data;
using CommunityHub.Api.Infrastructure.Http;
using CommunityHub.Api.Tests.Features.Partnerships;
using CommunityHub.Api.Tests.Infrastructure;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace CommunityHub.Api.Tests.Features.Members;

/// <summary>
/// A partnership shows each party's current member name, so renaming a member changes every partnership it is party
/// to and must reach every representation of them as any other change does: a new version (the partnership's ETag
/// and the list pages' ETags move, so an <c>If-None-Match</c> with the old one is a 200 with the new name, not a 304)
/// and an <c>upsert</c> in the change feed (a mirror built from the feed fetches the new name). A member write that
/// keeps the name, and a deleted partnership, are left as they were.
/// </summary>
public abstract class MemberRenameContract<TFactory>(TFactory factory) : ContractTests<TFactory>(factory)
    where TFactory : ApiFactory
{
    /// <summary>The member as a GET answers it, which a PUT takes back as it stands.</summary>
    private static async Task<(Dictionary<string, object?> Body, long Version)> MemberAsync(HttpClient admin, Guid memberId)
    {
        var member = await (await admin.GetAsync($"/api/v1/members/{memberId}").ShouldBe(HttpStatusCode.OK)).JsonAsync();
        return (JsonSerializer.Deserialize<Dictionary<string, object?>>(member.GetRawText())!, member.GetProperty("version").GetInt64());
    }

    private static async Task<MemberResponse> PutMemberAsync(HttpClient admin, Guid memberId, Action<Dictionary<string, object?>> change)
    {
        var (body, version) = await MemberAsync(admin, memberId);
        change(body);
        return await (await admin.PutJsonAsync($"/api/v1/members/{memberId}", body, $"\"{version}\"").ShouldBe(HttpStatusCode.OK))
            .ReadAsync<MemberResponse>();
    }

    private static Task<MemberResponse> RenameAsync(HttpClient admin, Guid memberId, string name) =>
        PutMemberAsync(admin, memberId, body => body["name"] = name);

    private static string PartyName(PartnershipResponse p, Guid memberId) => p.Parties.Single(x => x.MemberId == memberId).MemberName;

    [Fact]
    public async Task A_partnership_whose_party_was_renamed_answers_its_old_etag_with_200_and_the_new_name()
    {
        var admin = await Factory.AdminAsync();
        var (city, association) = await PartnershipRequests.MembersAsync(admin, "205");
        var p = await PartnershipRequests.CreateAsync(admin, PartnershipRequests.Body(city, association, "Kajaanin järjestötalo", "205"));
        var url = $"/api/v1/partnerships/{p.Id}";
        var before = await admin.GetAsync(url).ShouldBe(HttpStatusCode.OK);
        var oldTag = before.Headers.ETag!.ToString();
        (await admin.GetAsync(url, oldTag)).StatusCode.ShouldBe(HttpStatusCode.NotModified);

        var newName = $"Kajaanin Kumppanuusyhdistys \"uusi\" {Guid.NewGuid():N}";
        await RenameAsync(admin, association, newName);

        var after = await admin.GetAsync(url, oldTag).ShouldBe(HttpStatusCode.OK);
        var renamed = await after.ReadAsync<PartnershipResponse>();
        PartyName(renamed, association).ShouldBe(newName);
        renamed.Version.ShouldBe(p.Version + 1);
        renamed.UpdatedAt.ShouldBeGreaterThan(p.UpdatedAt);
        var newTag = after.Headers.ETag!.ToString();
        newTag.ShouldNotBe(oldTag);
        newTag.ShouldBe($"\"{renamed.Version}\"");
        (await admin.GetAsync(url, newTag)).StatusCode.ShouldBe(HttpStatusCode.NotModified);

        // The new version is the one an If-Match must now name: the old one is stale.
        var body = PartnershipRequests.ToBody(renamed);
        body["title"] = "Kajaanin järjestötalo ja kylät";
        await admin.PutJsonAsync(url, body, oldTag).ShouldBeProblem(HttpStatusCode.PreconditionFailed);
        await admin.PutJsonAsync(url, body, newTag).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_list_page_showing_the_renamed_member_answers_its_old_etag_with_200_and_the_new_name()
    {
        var admin = await Factory.AdminAsync();
        var (city, association) = await PartnershipRequests.MembersAsync(admin, "211");
        var shown = await PartnershipRequests.CreateAsync(admin, PartnershipRequests.Body(city, association, "Kangasalan lähiöfoorumi", "211"));
        var (otherCity, otherAssociation) = await PartnershipRequests.MembersAsync(admin, "211");
        var other = await PartnershipRequests.CreateAsync(admin, PartnershipRequests.Body(otherCity, otherAssociation, "Kangasalan kirjastoyhteistyö", "211"));
        const string url = "/api/v1/partnerships?municipality=211&limit=200";
        var before = await admin.GetAsync(url).ShouldBe(HttpStatusCode.OK);
        var oldTag = before.Headers.ETag!.ToString();
        (await admin.GetAsync(url, oldTag)).StatusCode.ShouldBe(HttpStatusCode.NotModified);

        var newName = $"Kangasalan kaupunki {Guid.NewGuid():N}";
        await RenameAsync(admin, city, newName);

        var after = await admin.GetAsync(url, oldTag).ShouldBe(HttpStatusCode.OK);
        var page = await after.ReadAsync<PartnershipPage>();
        PartyName(page.Items.Single(x => x.Id == shown.Id), city).ShouldBe(newName);
        page.Items.Single(x => x.Id == shown.Id).Version.ShouldBe(shown.Version + 1);
        page.Items.Single(x => x.Id == other.Id).Version.ShouldBe(other.Version, "a partnership the member is not party to is untouched");
        var newTag = after.Headers.ETag!.ToString();
        newTag.ShouldNotBe(oldTag);
        (await admin.GetAsync(url, newTag)).StatusCode.ShouldBe(HttpStatusCode.NotModified);
    }

    [Fact]
    public async Task The_feed_carries_an_upsert_of_each_partnership_showing_the_new_name_and_nothing_when_the_name_stays()
    {
        var admin = await Factory.AdminAsync();
        var (city, association) = await PartnershipRequests.MembersAsync(admin, "227");
        var (elsewhere, _) = await PartnershipRequests.MembersAsync(admin, "091");
        var here = await PartnershipRequests.CreateAsync(admin, PartnershipRequests.Body(city, association, "Hattulan nuorisotila", "227"));
        var there = await PartnershipRequests.CreateAsync(admin, PartnershipRequests.Body(elsewhere, association, "Helsingin ja Hattulan vaihto", "091"));
        var unrelated = await PartnershipRequests.CreateAsync(admin, "227", "Hattulan toinen kumppanuus");

        // A mirror of partnerships built from the feed, as docs/sync.md tells an integrator to build it.
        var start = await TailAsync(admin);
        var mirror = new Dictionary<Guid, PartnershipResponse>();
        foreach (var id in new[] { here.Id, there.Id, unrelated.Id })
        {
            mirror[id] = await (await admin.GetAsync($"/api/v1/partnerships/{id}").ShouldBe(HttpStatusCode.OK)).ReadAsync<PartnershipResponse>();
        }

        var newName = $"Hattulan Kumppanuuskeskus {Guid.NewGuid():N}";
        var member = await RenameAsync(admin, association, newName);

        var (entries, cursor) = await SyncAsync(admin, start);
        entries.Select(e => (e.Type, e.Id, e.Op, e.Version, e.MunicipalityCode)).ShouldBe(
        [
            ("members", association, "upsert", member.Version, "227"),
            ("partnerships", here.Id, "upsert", here.Version + 1, "227"),
            ("partnerships", there.Id, "upsert", there.Version + 1, "091"),
        ], ignoreOrder: true);
        foreach (var entry in entries.Where(e => e.Type == "partnerships"))
        {
            mirror[entry.Id] = await (await admin.GetAsync($"/api/v1/partnerships/{entry.Id}").ShouldBe(HttpStatusCode.OK)).ReadAsync<PartnershipResponse>();
        }
        PartyName(mirror[here.Id], association).ShouldBe(newName);
        PartyName(mirror[there.Id], association).ShouldBe(newName);

        // The mirror equals a full pull.
        var full = await (await admin.GetAsync("/api/v1/partnerships?limit=200").ShouldBe(HttpStatusCode.OK)).ReadAsync<PartnershipPage>();
        foreach (var (id, kept) in mirror)
        {
            var pulled = full.Items.Single(x => x.Id == id);
            JsonSerializer.Serialize(kept, Json.Options).ShouldBe(JsonSerializer.Serialize(pulled, Json.Options));
        }

        // A member write that keeps the name leaves the partnerships as they are: no entry, no new version.
        var described = await PutMemberAsync(admin, association, body =>
        {
            body["description"] = "Kuvaus muuttui, nimi ei.";
            body["name"] = $"  {newName} ";
        });
        described.Name.ShouldBe(newName);
        var (later, _) = await SyncAsync(admin, cursor);
        later.Select(e => (e.Type, e.Id, e.Op, e.Version)).ShouldBe([("members", association, "upsert", member.Version + 1)]);
        var unchanged = await admin.GetAsync($"/api/v1/partnerships/{here.Id}", $"\"{here.Version + 1}\"");
        unchanged.StatusCode.ShouldBe(HttpStatusCode.NotModified);
    }

    [Fact]
    public async Task A_deleted_partnership_is_not_touched_by_its_partys_rename()
    {
        var admin = await Factory.AdminAsync();
        var (city, association) = await PartnershipRequests.MembersAsync(admin, "233");
        var live = await PartnershipRequests.CreateAsync(admin, PartnershipRequests.Body(city, association, "Kauhavan kyläyhdistykset", "233"));
        var deleted = await PartnershipRequests.CreateAsync(admin, PartnershipRequests.Body(city, association, "Kauhavan päättynyt hanke", "233"));
        await admin.DeleteAsync($"/api/v1/partnerships/{deleted.Id}", $"\"{deleted.Version}\"").ShouldBe(HttpStatusCode.NoContent);
        var start = await TailAsync(admin);

        await RenameAsync(admin, association, $"Kauhavan Kumppanit {Guid.NewGuid():N}");

        var (entries, _) = await SyncAsync(admin, start);
        entries.Where(e => e.Type == "partnerships").Select(e => e.Id).ShouldBe([live.Id]);
        await admin.GetAsync($"/api/v1/partnerships/{deleted.Id}").ShouldBeProblem(HttpStatusCode.NotFound);
        await using var connection = await Factory.Services.GetRequiredService<Db>().OpenAsync(CancellationToken.None);
        var stored = await connection.QuerySingleAsync<long>(
            "SELECT version FROM partnerships WHERE id = @Id", new { Id = deleted.Id.ToString() });
        stored.ShouldBe(deleted.Version + 1, "the version its delete gave it");
    }

    private static async Task<string> TailAsync(HttpClient client) => (await SyncAsync(client, null)).Cursor;

    private static async Task<(List<ChangeEntry> Entries, string Cursor)> SyncAsync(HttpClient client, string? cursor)
    {
        var entries = new List<ChangeEntry>();
        ChangePage page;
        do
        {
            var url = "/api/v1/changes?limit=200" + (cursor is null ? "" : $"&cursor={cursor}");
            page = await (await client.GetAsync(url).ShouldBe(HttpStatusCode.OK)).ReadAsync<ChangePage>();
            entries.AddRange(page.Items);
            cursor = page.NextCursor;
        }
        while (page.HasMore);
        return (entries, cursor);
    }
}

public sealed class MemberRenameSqliteTests(SqliteApiFactory factory) : MemberRenameContract<SqliteApiFactory>(factory);

public sealed class MemberRenameSqlServerTests(SqlServerApiFactory factory) : MemberRenameContract<SqlServerApiFactory>(factory);
