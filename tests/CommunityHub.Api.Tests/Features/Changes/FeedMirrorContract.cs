using System.Net;
using System.Text.Json;
using CommunityHub.Api.Tests.Features.ApiKeys;
using CommunityHub.Api.Tests.Features.Events;
using CommunityHub.Api.Tests.Features.Members;
using CommunityHub.Api.Tests.Features.Partnerships;
using CommunityHub.Api.Tests.Features.Pilots;
using CommunityHub.Api.Tests.Infrastructure;
using Shouldly;

namespace CommunityHub.Api.Tests.Features.Changes;

/// <summary>
/// The change feed's promise, property-style: a mirror built only from a reader's feed (an <c>upsert</c> fetches the
/// record with the reader's own credentials, a 404 removes it; a <c>delete</c> removes it) always equals a fresh full
/// pull of the list endpoints with the same credentials. A seeded random run of creates, updates, moves between
/// municipalities, visibility changes, transitions and deletes of members, partnerships, pilots and events (some member
/// updates rename a party of partnerships, which changes what those partnerships show); every few
/// writes each reader catches up and is compared. Readers: an admin, real API keys bound to 564 and to 091, and an
/// unbound key that may read only partnerships and events.
/// </summary>
public abstract class FeedMirrorContract<TFactory> : ContractTests<TFactory>
    where TFactory : ApiFactory
{
    private const int Seed = 20261130;
    private const int Operations = 300;
    private const int WritesPerCheck = 6;
    private static readonly string[] Municipalities = ["564", "091", "609"];

    protected FeedMirrorContract(TFactory factory)
        : base(factory) =>
        // Hundreds of reads per key in a few seconds: far over the default per-key limit, which is not under test here.
        factory.Set("ApiKeys:PermitsPerMinute", "1000000");

    [Fact]
    public async Task A_mirror_built_from_the_feed_equals_a_full_pull_for_every_reader()
    {
        var admin = await Factory.AdminAsync();
        var readers = new List<FeedMirror>
        {
            new("admin", admin, ["members", "partnerships", "pilots", "events"]),
            await KeyMirrorAsync(admin, "key 564", "564", "members:read", "partnerships:read", "pilots:read", "events:read"),
            await KeyMirrorAsync(admin, "key 091", "091", "members:read", "partnerships:read", "pilots:read", "events:read"),
            await KeyMirrorAsync(admin, "key partnerships+events", null, "partnerships:read", "events:read"),
        };
        var world = await World.StartAsync(admin, new Random(Seed));

        for (var step = 1; step <= Operations; step++)
        {
            await world.StepAsync(step);
            if (step % WritesPerCheck == 0 || step == Operations)
            {
                foreach (var reader in readers)
                {
                    await reader.CatchUpAsync();
                    await reader.ShouldEqualFullPullAsync(world, step);
                }
            }
        }
        world.Log.Count(l => l.Contains("moved", StringComparison.Ordinal)).ShouldBeGreaterThan(10, "the run moves records between municipalities");
        world.Log.Count(l => l.Contains("visibility", StringComparison.Ordinal)).ShouldBeGreaterThan(5, "the run changes event visibility");
    }

    private async Task<FeedMirror> KeyMirrorAsync(HttpClient admin, string name, string? municipality, params string[] scopes)
    {
        var key = await ApiKeyRequests.CreateAsync(admin, scopes, municipality, name);
        var types = scopes.Select(s => s.Split(':')[0]).ToArray();
        return new FeedMirror(name, Factory.WithKey(key.Key), types);
    }

    /// <summary>
    /// One reader's local copy, built only from its feed: (type, id) → the record as fetched. Compared whole, not by
    /// version alone, so a record whose shown values changed without a feed entry (a party's new name) is caught.
    /// </summary>
    private sealed class FeedMirror(string name, HttpClient client, string[] types)
    {
        private readonly Dictionary<(string Type, Guid Id), JsonElement> records = [];
        private string? cursor;

        public async Task CatchUpAsync()
        {
            bool hasMore;
            do
            {
                var url = "/api/v1/changes?limit=50" + (cursor is null ? "" : $"&cursor={cursor}");
                var page = await (await client.GetAsync(url).ShouldBe(HttpStatusCode.OK)).JsonAsync();
                foreach (var entry in page.GetProperty("items").EnumerateArray())
                {
                    var type = entry.GetProperty("type").GetString()!;
                    var id = entry.GetProperty("id").GetGuid();
                    types.ShouldContain(type, $"{name} was handed an entry of a type it may not read");
                    if (entry.GetProperty("op").GetString() == "delete")
                    {
                        records.Remove((type, id));
                        continue;
                    }
                    var fetched = await client.GetAsync($"/api/v1/{type}/{id}");
                    if (fetched.StatusCode == HttpStatusCode.NotFound)
                    {
                        records.Remove((type, id));
                        continue;
                    }
                    await fetched.ShouldBe(HttpStatusCode.OK);
                    records[(type, id)] = await fetched.JsonAsync();
                }
                cursor = page.GetProperty("nextCursor").GetString();
                hasMore = page.GetProperty("hasMore").GetBoolean();
            }
            while (hasMore);
        }

        public async Task ShouldEqualFullPullAsync(World world, int step)
        {
            var full = new Dictionary<(string Type, Guid Id), JsonElement>();
            foreach (var type in types)
            {
                string? listCursor = null;
                do
                {
                    var url = $"/api/v1/{type}?limit=200" + (listCursor is null ? "" : $"&cursor={Uri.EscapeDataString(listCursor)}");
                    var page = await (await client.GetAsync(url).ShouldBe(HttpStatusCode.OK)).JsonAsync();
                    foreach (var item in page.GetProperty("items").EnumerateArray())
                    {
                        full[(type, item.GetProperty("id").GetGuid())] = item.Clone();
                    }
                    listCursor = page.GetProperty("nextCursor").ValueKind == JsonValueKind.Null ? null : page.GetProperty("nextCursor").GetString();
                }
                while (listCursor is not null);
            }

            var stale = records.Where(r => !full.TryGetValue(r.Key, out var v) || v.GetRawText() != r.Value.GetRawText()).Select(r => r.Key).ToList();
            var missing = full.Keys.Where(k => !records.ContainsKey(k)).ToList();
            if (stale.Count > 0 || missing.Count > 0)
            {
                var lines = stale.Select(k => $"  kept {k.Type}/{k.Id} {records[k].GetRawText()} (full pull: {(full.TryGetValue(k, out var v) ? v.GetRawText() : "absent")}): {world.History(k.Id)}")
                    .Concat(missing.Select(k => $"  lacks {k.Type}/{k.Id} v{full[k].GetProperty("version")}: {world.History(k.Id)}"));
                Assert.Fail($"After write {step}, {name}'s mirror differs from its full pull:\n{string.Join('\n', lines)}");
            }
        }
    }

    /// <summary>The writer: the admin doing a seeded random mix of every kind of write, remembering what each record is.</summary>
    private sealed class World(HttpClient admin, Random random, Dictionary<string, (Guid City, Guid Coordinator)> anchors)
    {
        private readonly List<Guid> members = [];
        private readonly List<(Guid Id, string Municipality)> partnerships = [];
        private readonly List<(Guid Id, string Municipality)> pilots = [];
        private readonly List<(Guid Id, string Municipality, string Visibility)> events = [];
        private readonly Dictionary<Guid, List<string>> history = [];
        private readonly DateTimeOffset startsAt = DateTimeOffset.UtcNow.AddDays(30);

        public List<string> Log { get; } = [];

        public static async Task<World> StartAsync(HttpClient admin, Random random)
        {
            var anchors = new Dictionary<string, (Guid, Guid)>();
            foreach (var municipality in Municipalities)
            {
                anchors[municipality] = await PartnershipRequests.MembersAsync(admin, municipality);
            }
            return new World(admin, random, anchors);
        }

        public string History(Guid id) => history.TryGetValue(id, out var h) ? string.Join("; ", h) : "(no writes in this run)";

        private string AnyMunicipality() => Municipalities[random.Next(Municipalities.Length)];

        private void Note(int step, Guid id, string what)
        {
            var line = $"#{step} {what}";
            Log.Add(line);
            (history.TryGetValue(id, out var h) ? h : history[id] = []).Add(line);
        }

        public async Task StepAsync(int step)
        {
            switch (random.Next(4))
            {
                case 0:
                    await MemberStepAsync(step);
                    break;
                case 1:
                    await PartnershipStepAsync(step);
                    break;
                case 2:
                    await PilotStepAsync(step);
                    break;
                default:
                    await EventStepAsync(step);
                    break;
            }
        }

        private async Task MemberStepAsync(int step)
        {
            var roll = random.Next(10);
            if (members.Count == 0 || roll < 3)
            {
                var municipality = AnyMunicipality();
                var created = await (await admin.PostJsonAsync("/api/v1/members", MemberRequests.Body($"Peilattava {step} ry", municipality))
                    .ShouldBe(HttpStatusCode.Created)).JsonAsync();
                var id = created.GetProperty("id").GetGuid();
                members.Add(id);
                Note(step, id, $"member created in {municipality}");
                return;
            }
            var member = members[random.Next(members.Count)];
            if (roll < 8)
            {
                if (roll == 7)
                {
                    // A party of the run's partnerships instead: its new name is an update of each of them too.
                    member = anchors[Municipalities[step % Municipalities.Length]].Coordinator;
                }
                var current = await (await admin.GetAsync($"/api/v1/members/{member}").ShouldBe(HttpStatusCode.OK)).JsonAsync();
                var municipality = AnyMunicipality();
                var body = MemberRequests.Body($"Peilattava {step} ry", municipality);
                body["businessId"] = current.GetProperty("businessId").GetString();
                await admin.PutJsonAsync($"/api/v1/members/{member}", body).ShouldBe(HttpStatusCode.OK);
                Note(step, member, $"member updated, moved to {municipality}");
                return;
            }
            await admin.DeleteAsync($"/api/v1/members/{member}", null).ShouldBe(HttpStatusCode.NoContent);
            members.Remove(member);
            Note(step, member, "member deleted");
        }

        private Dictionary<string, object?> PartnershipBody(int step, string municipality) =>
            PartnershipRequests.Body(anchors[municipality].City, anchors[municipality].Coordinator, $"Kumppanuus {step}", municipality);

        private async Task PartnershipStepAsync(int step)
        {
            var roll = random.Next(10);
            if (partnerships.Count == 0 || roll < 3)
            {
                var municipality = AnyMunicipality();
                var created = await (await admin.PostJsonAsync("/api/v1/partnerships", PartnershipBody(step, municipality))
                    .ShouldBe(HttpStatusCode.Created)).JsonAsync();
                var id = created.GetProperty("id").GetGuid();
                partnerships.Add((id, municipality));
                Note(step, id, $"partnership created in {municipality}");
                return;
            }
            var index = random.Next(partnerships.Count);
            var (partnership, from) = partnerships[index];
            if (roll < 7)
            {
                var to = AnyMunicipality();
                var response = await admin.PutJsonAsync($"/api/v1/partnerships/{partnership}", PartnershipBody(step, to));
                await ShouldBeOneOf(response, HttpStatusCode.OK, HttpStatusCode.Conflict);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    partnerships[index] = (partnership, to);
                    Note(step, partnership, to == from ? $"partnership updated in {to}" : $"partnership moved {from} → {to}");
                }
                return;
            }
            if (roll < 9)
            {
                string[] targets = ["negotiation", "active", "ended", "cancelled"];
                var target = targets[random.Next(targets.Length)];
                var response = await PartnershipRequests.TransitionAsync(admin, partnership, target);
                await ShouldBeOneOf(response, HttpStatusCode.OK, HttpStatusCode.Conflict);
                Note(step, partnership, $"partnership → {target}: {(int)response.StatusCode}");
                return;
            }
            await admin.DeleteAsync($"/api/v1/partnerships/{partnership}", null).ShouldBe(HttpStatusCode.NoContent);
            partnerships.RemoveAt(index);
            Note(step, partnership, "partnership deleted");
        }

        private async Task PilotStepAsync(int step)
        {
            var roll = random.Next(10);
            if (pilots.Count == 0 || roll < 3)
            {
                var municipality = AnyMunicipality();
                var created = await (await admin.PostJsonAsync("/api/v1/pilots",
                    PilotRequests.Body(anchors[municipality].Coordinator, $"Pilotti {step}", municipality: municipality))
                    .ShouldBe(HttpStatusCode.Created)).JsonAsync();
                var id = created.GetProperty("id").GetGuid();
                pilots.Add((id, municipality));
                Note(step, id, $"pilot created in {municipality}");
                return;
            }
            var index = random.Next(pilots.Count);
            var (pilot, from) = pilots[index];
            if (roll < 7)
            {
                var to = AnyMunicipality();
                var response = await admin.PutJsonAsync($"/api/v1/pilots/{pilot}",
                    PilotRequests.Body(anchors[to].Coordinator, $"Pilotti {step}", municipality: to));
                await ShouldBeOneOf(response, HttpStatusCode.OK, HttpStatusCode.Conflict);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    pilots[index] = (pilot, to);
                    Note(step, pilot, to == from ? $"pilot updated in {to}" : $"pilot moved {from} → {to}");
                }
                return;
            }
            if (roll < 9)
            {
                string[] targets = ["decided", "preparing", "running", "discontinued"];
                var target = targets[random.Next(targets.Length)];
                var response = await admin.PostJsonAsync($"/api/v1/pilots/{pilot}/transitions", new { to = target, note = "Satunnainen siirto" });
                await ShouldBeOneOf(response, HttpStatusCode.OK, HttpStatusCode.Conflict);
                Note(step, pilot, $"pilot → {target}: {(int)response.StatusCode}");
                return;
            }
            await admin.DeleteAsync($"/api/v1/pilots/{pilot}", null).ShouldBe(HttpStatusCode.NoContent);
            pilots.RemoveAt(index);
            Note(step, pilot, "pilot deleted");
        }

        private Dictionary<string, object?> EventBody(int step, string municipality, string visibility) =>
            EventRequests.Body([anchors[municipality].Coordinator], startsAt.AddHours(step), $"Tapahtuma {step}", municipality, visibility: visibility);

        private async Task EventStepAsync(int step)
        {
            var roll = random.Next(12);
            if (events.Count == 0 || roll < 3)
            {
                var municipality = AnyMunicipality();
                var visibility = random.Next(3) == 0 ? "members" : "public";
                var created = await (await admin.PostJsonAsync("/api/v1/events", EventBody(step, municipality, visibility))
                    .ShouldBe(HttpStatusCode.Created)).JsonAsync();
                var id = created.GetProperty("id").GetGuid();
                events.Add((id, municipality, visibility));
                Note(step, id, $"event created in {municipality}, {visibility}");
                return;
            }
            var index = random.Next(events.Count);
            var (communityEvent, from, fromVisibility) = events[index];
            if (roll < 8)
            {
                var to = roll < 5 ? AnyMunicipality() : from;
                var visibility = roll >= 5 ? (fromVisibility == "public" ? "members" : "public") : fromVisibility;
                var response = await admin.PutJsonAsync($"/api/v1/events/{communityEvent}", EventBody(step, to, visibility));
                await ShouldBeOneOf(response, HttpStatusCode.OK, HttpStatusCode.Conflict);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    events[index] = (communityEvent, to, visibility);
                    Note(step, communityEvent, visibility != fromVisibility
                        ? $"event visibility {fromVisibility} → {visibility}"
                        : to == from ? $"event updated in {to}" : $"event moved {from} → {to}");
                }
                return;
            }
            if (roll < 11)
            {
                string[] targets = ["published", "published", "completed", "cancelled"];
                var target = targets[random.Next(targets.Length)];
                var response = await admin.PostJsonAsync($"/api/v1/events/{communityEvent}/transitions", new { to = target });
                await ShouldBeOneOf(response, HttpStatusCode.OK, HttpStatusCode.Conflict);
                Note(step, communityEvent, $"event → {target}: {(int)response.StatusCode}");
                return;
            }
            await admin.DeleteAsync($"/api/v1/events/{communityEvent}", null).ShouldBe(HttpStatusCode.NoContent);
            events.RemoveAt(index);
            Note(step, communityEvent, "event deleted");
        }

        private static async Task ShouldBeOneOf(HttpResponseMessage response, params HttpStatusCode[] allowed)
        {
            if (!allowed.Contains(response.StatusCode))
            {
                var body = await response.Content.ReadAsStringAsync();
                Assert.Fail($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {body}");
            }
        }
    }
}

public sealed class FeedMirrorSqliteTests(SqliteApiFactory factory) : FeedMirrorContract<SqliteApiFactory>(factory);

public sealed class FeedMirrorSqlServerTests(SqlServerApiFactory factory) : FeedMirrorContract<SqlServerApiFactory>(factory);
