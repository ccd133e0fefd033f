using System.Diagnostics;
using System.Net;
using System.Text.Json;
using CommunityHub.Api.Tests.Features.ApiKeys;
using CommunityHub.Api.Tests.Features.Events;
using CommunityHub.Api.Tests.Features.Members;
using CommunityHub.Api.Tests.Features.Partnerships;
using CommunityHub.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace CommunityHub.Api.Tests.Features.Changes;

/// <summary>
/// The sync client integrators copy (examples/sync/sync.py), run as they would run it: Debian's /usr/bin/python3
/// against the real API on a real Kestrel port, its SQLite file compared with a full pull by the same key.
/// Each test starts its own API on its own database.
/// </summary>
public sealed class SyncClientTests : IAsyncDisposable
{
    private const string Python = "/usr/bin/python3";
    private static readonly string Script = Path.Combine(RepoPaths.Root, "examples", "sync", "sync.py");
    private static readonly string[] Collections = ["members", "partnerships", "pilots", "events"];

    private readonly SqliteApiFactory factory = new();
    private readonly string folder = Path.Combine(Path.GetTempPath(), "communityhub-sync-client", Guid.NewGuid().ToString("N"));
    private string baseUrl = "";

    private string MirrorPath => Path.Combine(folder, "mirror.db");

    [Fact]
    public async Task The_client_catches_up_while_writers_are_busy_and_ends_equal_to_a_full_pull()
    {
        var admin = await StartApiAsync();
        var key = await ApiKeyRequests.CreateAsync(admin, ["members:read", "partnerships:read", "pilots:read", "events:read"], "564", "Oulun peili");
        var anchors = new Dictionary<string, (Guid City, Guid Coordinator)>
        {
            ["564"] = await PartnershipRequests.MembersAsync(admin, "564"),
            ["091"] = await PartnershipRequests.MembersAsync(admin, "091"),
        };
        await PartnershipRequests.CreateAsync(admin, PartnershipRequests.Body(anchors["564"].City, anchors["564"].Coordinator, "Ennen peiliä", "564"));
        (await RunClientAsync(key.Key)).ExitCode.ShouldBe(0);

        var writing = Task.WhenAll(Enumerable.Range(0, 2).Select(writer => Task.Run(() => WriteAsync(admin, anchors, writer))));
        var runsDuringWrites = 0;
        while (!writing.IsCompleted)
        {
            var run = await RunClientAsync(key.Key);
            run.ExitCode.ShouldBe(0, run.Output);
            runsDuringWrites++;
        }
        await writing;
        var last = await RunClientAsync(key.Key);
        last.ExitCode.ShouldBe(0, last.Output);

        runsDuringWrites.ShouldBeGreaterThan(0);
        var mirrored = ReadMirror();
        mirrored.ShouldBe(await FullPullAsync(key.Key), ignoreOrder: true);
        mirrored.Keys.Select(k => k.Type).Distinct().ShouldBe(["members", "partnerships", "events"], ignoreOrder: true);
    }

    [Fact]
    public async Task A_client_stopped_mid_page_resumes_from_its_stored_cursor_and_loses_nothing()
    {
        var admin = await StartApiAsync();
        var key = await ApiKeyRequests.CreateAsync(admin, ["members:read", "partnerships:read"], "564", "Kaatuva peili");
        var moving = await PartnershipRequests.CreateAsync(admin, "564");
        (await RunClientAsync(key.Key)).ExitCode.ShouldBe(0);
        var before = ReadMirror();
        before.ShouldContainKey(("partnerships", moving.Id));

        var created = new List<Guid>();
        for (var i = 0; i < 12; i++)
        {
            created.Add((await MemberRequests.CreateAsync(admin, MemberRequests.Body($"Jatkuva {i} ry", "564"))).Id);
        }
        var (city, coordinator) = await PartnershipRequests.MembersAsync(admin, "091");
        await admin.PutJsonAsync($"/api/v1/partnerships/{moving.Id}", PartnershipRequests.Body(city, coordinator, municipalityCode: "091"))
            .ShouldBe(HttpStatusCode.OK);

        var crashed = await RunClientAsync(key.Key, "--page-size", "5", "--max-entries", "7");
        crashed.ExitCode.ShouldBe(3, crashed.Output);
        var afterCrash = ReadMirror();
        created.Count(id => afterCrash.ContainsKey(("members", id))).ShouldBe(5, "only the first page of five was committed");
        afterCrash.ShouldContainKey(("partnerships", moving.Id));

        var resumed = await RunClientAsync(key.Key, "--page-size", "5");
        resumed.ExitCode.ShouldBe(0, resumed.Output);
        var mirrored = ReadMirror();
        mirrored.ShouldBe(await FullPullAsync(key.Key), ignoreOrder: true);
        created.Where(id => !mirrored.ContainsKey(("members", id))).ShouldBeEmpty();
        mirrored.ShouldNotContainKey(("partnerships", moving.Id), "moved to 091: a delete for the 564 key");
    }

    [Fact]
    public async Task The_client_waits_out_429_as_retry_after_says_and_still_ends_equal_to_a_full_pull()
    {
        var admin = await StartApiAsync(permitsPerWindow: 4, windowSeconds: 1);
        var key = await ApiKeyRequests.CreateAsync(admin, ["members:read", "partnerships:read"], null, "Hidas peili");
        for (var i = 0; i < 3; i++)
        {
            await PartnershipRequests.CreateAsync(admin, "609", $"Rajoitettu {i}");
        }
        var run = await RunClientAsync(key.Key, "--page-size", "2");
        run.ExitCode.ShouldBe(0, run.Output);
        // The key's answers carry RateLimit-Remaining/Reset, so the client pauses before the window runs out; a 429 that
        // still happens is waited out by Retry-After. Either way it paused, and lost nothing.
        run.Output.ShouldMatch("429|rate limit: waiting");

        // An unbound key with these scopes reads every member and partnership, as the admin does; the admin's pull is
        // not rate limited, so the comparison need not wait for the key's next window.
        ReadMirror().ShouldBe(await PullAsync(admin, ["members", "partnerships"]), ignoreOrder: true);
    }

    public async ValueTask DisposeAsync()
    {
        await factory.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    private async Task<HttpClient> StartApiAsync(int permitsPerWindow = 1_000_000, int windowSeconds = 60)
    {
        File.Exists(Python).ShouldBeTrue($"{Python} is missing; the sync client test runs Debian's python3.");
        Directory.CreateDirectory(folder);
        factory.Set("ApiKeys:PermitsPerMinute", permitsPerWindow.ToString(System.Globalization.CultureInfo.InvariantCulture));
        factory.Set("ApiKeys:WindowSeconds", windowSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        factory.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        factory.StartServer();
        baseUrl = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        // The test's own clients go over the same real socket as the Python client.
        var admin = Client();
        var token = await (await admin.PostJsonAsync("/api/v1/auth/token", new { email = ApiFactory.AdminEmail, password = ApiFactory.AdminPassword })
            .ShouldBe(HttpStatusCode.OK)).JsonAsync();
        admin.DefaultRequestHeaders.Authorization = new("Bearer", token.GetProperty("accessToken").GetString());
        return admin;
    }

    private HttpClient Client(string? key = null)
    {
        var client = new HttpClient { BaseAddress = new Uri(baseUrl) };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", key);
        }
        return client;
    }

    private async Task<(int ExitCode, string Output)> RunClientAsync(string key, params string[] extra)
    {
        var start = new ProcessStartInfo(Python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { Script, "--base-url", baseUrl, "--db", MirrorPath, "--once" }.Concat(extra))
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["COMMUNITYHUB_API_KEY"] = key;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stderr + await stdout);
    }

    /// <summary>Keys see partnerships, members and public events; the writers move and hide them under the client.</summary>
    private static async Task WriteAsync(HttpClient admin, Dictionary<string, (Guid City, Guid Coordinator)> anchors, int writer)
    {
        var startsAt = DateTimeOffset.UtcNow.AddDays(40 + writer);
        for (var i = 0; i < 10; i++)
        {
            var here = i % 2 == 0 ? "564" : "091";
            var there = here == "564" ? "091" : "564";
            var partnership = await PartnershipRequests.CreateAsync(admin,
                PartnershipRequests.Body(anchors[here].City, anchors[here].Coordinator, $"Kirjoittaja {writer}-{i}", here));
            if (i % 3 != 2)
            {
                await admin.PutJsonAsync($"/api/v1/partnerships/{partnership.Id}",
                    PartnershipRequests.Body(anchors[there].City, anchors[there].Coordinator, $"Kirjoittaja {writer}-{i} (siirretty)", there))
                    .ShouldBe(HttpStatusCode.OK);
            }
            if (i % 4 == 3)
            {
                await admin.DeleteAsync($"/api/v1/partnerships/{partnership.Id}", null).ShouldBe(HttpStatusCode.NoContent);
            }

            var body = EventRequests.Body([anchors["564"].Coordinator], startsAt.AddHours(i), $"Tapahtuma {writer}-{i}", "564");
            var published = await EventRequests.PublishedAsync(admin, body);
            if (i % 2 == 1)
            {
                body["visibility"] = "members";
                await admin.PutJsonAsync($"/api/v1/events/{published.Id}", body).ShouldBe(HttpStatusCode.OK);
            }

            var member = await MemberRequests.CreateAsync(admin, MemberRequests.Body($"Kirjoittajan jäsen {writer}-{i} ry", here));
            if (i % 3 == 0)
            {
                await admin.DeleteAsync($"/api/v1/members/{member.Id}", null).ShouldBe(HttpStatusCode.NoContent);
            }
        }
    }

    private Dictionary<(string Type, Guid Id), long> ReadMirror()
    {
        using var connection = new SqliteConnection($"Data Source={MirrorPath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT type, id, version FROM records";
        using var reader = command.ExecuteReader();
        var records = new Dictionary<(string, Guid), long>();
        while (reader.Read())
        {
            records[(reader.GetString(0), Guid.Parse(reader.GetString(1)))] = reader.GetInt64(2);
        }
        return records;
    }

    private Task<Dictionary<(string Type, Guid Id), long>> FullPullAsync(string key) => PullAsync(Client(key), Collections);

    /// <summary>Every list the client may read (a 403 list is out of its scopes), each followed to the end.</summary>
    private static async Task<Dictionary<(string Type, Guid Id), long>> PullAsync(HttpClient client, string[] collections)
    {
        var records = new Dictionary<(string, Guid), long>();
        foreach (var type in collections)
        {
            string? cursor = null;
            do
            {
                var response = await client.GetAsync($"/api/v1/{type}?limit=200" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}"));
                if (response.StatusCode == HttpStatusCode.Forbidden)
                {
                    break;
                }
                var page = await (await response.ShouldBe(HttpStatusCode.OK)).JsonAsync();
                foreach (var item in page.GetProperty("items").EnumerateArray())
                {
                    records[(type, item.GetProperty("id").GetGuid())] = item.GetProperty("version").GetInt64();
                }
                cursor = page.GetProperty("nextCursor").ValueKind == JsonValueKind.Null ? null : page.GetProperty("nextCursor").GetString();
            }
            while (cursor is not null);
        }
        return records;
    }
}
