using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Bogus;
using CommunityHub.Api.Features.ApiKeys;
using CommunityHub.Api.Features.Auth;
using CommunityHub.Api.Features.Changes;
using CommunityHub.Api.Features.Events;
using CommunityHub.Api.Features.Members;
using CommunityHub.Api.Features.Partnerships;
using CommunityHub.Api.Features.Pilots;

namespace CommunityHub.Bench.DataGen;

/// <summary>
/// Benchmark helper for bench/run.sh. Talks to a running API over HTTP only, so every row it creates goes through
/// the app's own write path (validation, change feed, audit). Sub-commands:
///   generate --members N --partnerships N [--pilots 3000] [--events 3000] [--concurrency 8] [--seed 3]
///   apikey   [--municipality 564]                      prints key=...
///   sync     [--limit 200]                             full change-feed pull from the start
///   export   --pid PID                                 CSV export of all partnerships while sampling VmRSS and RssAnon of PID
///   churn    --seconds 20 [--concurrency 8] [--seed 5] writers creating and updating members and partnerships for the
///                                                      duration (bench/mixed.sh): prints writes, writes_per_second
/// Common: --base-url http://127.0.0.1:5000 --email admin@... --password ...
/// Results are printed as key=value lines for the script to pick up.
/// </summary>
internal static class Program
{
    private static readonly JsonSerializerOptions Json = CreateJson();

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        return options;
    }

    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 0)
        {
            await Console.Error.WriteLineAsync("usage: <generate|apikey|sync|export> [--options]");
            return 2;
        }

        var options = Options.Parse(args.Skip(1));
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 })
        {
            BaseAddress = new Uri(options.Get("base-url", "http://127.0.0.1:5000")),
            Timeout = TimeSpan.FromMinutes(10),
        };
        var token = await SignInAsync(http, options.Get("email", "bench-admin@example.fi"), options.Get("password", "bench-admin-password-123"));
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        return args[0] switch
        {
            "generate" => await GenerateAsync(http, options),
            "apikey" => await CreateApiKeyAsync(http, options),
            "sync" => await SyncAsync(http, options),
            "export" => await ExportAsync(http, options),
            "churn" => await ChurnAsync(http, options),
            _ => 2,
        };
    }

    private static async Task<string> SignInAsync(HttpClient http, string email, string password)
    {
        using var response = await http.PostAsJsonAsync("/api/v1/auth/token", new TokenRequest(email, password), Json);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<TokenResponse>(Json);
        return body!.AccessToken;
    }

    // ---------------------------------------------------------------- generate

    private static async Task<int> GenerateAsync(HttpClient http, Options options)
    {
        var memberCount = options.GetInt("members", 5000);
        var partnershipCount = options.GetInt("partnerships", 20000);
        var pilotCount = options.GetInt("pilots", 3000);
        var eventCount = options.GetInt("events", 3000);
        var concurrency = options.GetInt("concurrency", 8);
        var seed = options.GetInt("seed", 3);
        var data = new FinnishData(seed);

        var members = data.Members(memberCount);
        var memberIds = new Guid[memberCount];
        var failures = 0;
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, memberCount), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, ct) =>
        {
            var created = await PostAsync<MemberInput, MemberResponse>(http, "/api/v1/members", members[i], ct);
            if (created is null)
            {
                Interlocked.Increment(ref failures);
            }
            else
            {
                memberIds[i] = created.Id;
            }
        });
        var memberSeconds = clock.Elapsed.TotalSeconds;
        var okMembers = memberIds.Where(id => id != Guid.Empty).ToArray();
        Console.WriteLine(Inv($"members_created={okMembers.Length}"));
        Console.WriteLine(Inv($"members_seconds={memberSeconds:0.0}"));
        if (okMembers.Length < 6)
        {
            await Console.Error.WriteLineAsync("Too few members were created to build partnerships.");
            return 1;
        }

        var partnerships = data.Partnerships(partnershipCount, okMembers);
        var partnershipIds = new Guid[partnershipCount];
        var createdPartnerships = 0;
        var parties = 0L;
        var goals = 0L;
        clock.Restart();
        await Parallel.ForEachAsync(Enumerable.Range(0, partnershipCount), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, ct) =>
        {
            var created = await PostAsync<PartnershipInput, PartnershipResponse>(http, "/api/v1/partnerships", partnerships[i], ct);
            if (created is null)
            {
                Interlocked.Increment(ref failures);
                return;
            }
            partnershipIds[i] = created.Id;
            Interlocked.Increment(ref createdPartnerships);
            Interlocked.Add(ref parties, created.Parties.Count);
            Interlocked.Add(ref goals, created.Goals.Count);
            var done = Interlocked.CompareExchange(ref createdPartnerships, 0, 0);
            if (done % 2000 == 0)
            {
                Console.Error.WriteLine(Inv($"  ... {done} partnerships"));
            }
        });
        Console.WriteLine(Inv($"partnerships_created={createdPartnerships}"));
        Console.WriteLine(Inv($"parties_created={parties}"));
        Console.WriteLine(Inv($"goals_created={goals}"));
        Console.WriteLine(Inv($"partnerships_seconds={clock.Elapsed.TotalSeconds:0.0}"));

        var okPartnerships = partnershipIds.Where(id => id != Guid.Empty).ToArray();
        var pilots = okPartnerships.Length == 0 ? [] : data.Pilots(pilotCount, okMembers, okPartnerships);
        var createdPilots = 0;
        clock.Restart();
        await Parallel.ForEachAsync(pilots, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (pilot, ct) =>
        {
            if (await PostAsync<PilotInput, PilotResponse>(http, "/api/v1/pilots", pilot, ct) is null)
            {
                Interlocked.Increment(ref failures);
                return;
            }
            Interlocked.Increment(ref createdPilots);
        });
        Console.WriteLine(Inv($"pilots_created={createdPilots}"));
        Console.WriteLine(Inv($"pilots_seconds={clock.Elapsed.TotalSeconds:0.0}"));

        // Nine in ten events are published: an API key (like an anonymous caller) sees only published public events.
        var events = data.Events(eventCount, okMembers);
        var createdEvents = 0;
        var publishedEvents = 0;
        clock.Restart();
        await Parallel.ForEachAsync(Enumerable.Range(0, events.Count), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, ct) =>
        {
            var created = await PostAsync<CommunityEventInput, CommunityEventResponse>(http, "/api/v1/events", events[i], ct);
            if (created is null)
            {
                Interlocked.Increment(ref failures);
                return;
            }
            Interlocked.Increment(ref createdEvents);
            if (i % 10 != 9)
            {
                var published = await PostAsync<EventTransitionInput, CommunityEventResponse>(
                    http, $"/api/v1/events/{created.Id}/transitions", new EventTransitionInput(EventStatus.Published), ct);
                Interlocked.Increment(ref published is null ? ref failures : ref publishedEvents);
            }
        });
        Console.WriteLine(Inv($"events_created={createdEvents}"));
        Console.WriteLine(Inv($"events_published={publishedEvents}"));
        Console.WriteLine(Inv($"events_seconds={clock.Elapsed.TotalSeconds:0.0}"));
        Console.WriteLine(Inv($"failed_requests={failures}"));
        return failures == 0 ? 0 : 1;
    }

    private static async Task<TOut?> PostAsync<TIn, TOut>(HttpClient http, string path, TIn body, CancellationToken ct)
        where TOut : class
    {
        for (var attempt = 1; ; attempt++)
        {
            using var response = await http.PostAsJsonAsync(path, body, Json, ct);
            if (response.IsSuccessStatusCode)
            {
                return await response.Content.ReadFromJsonAsync<TOut>(Json, ct);
            }
            var text = await response.Content.ReadAsStringAsync(ct);
            var transient = (int)response.StatusCode is 429 or >= 500;
            if (!transient || attempt >= 5)
            {
                await Console.Error.WriteLineAsync(Inv($"POST {path} failed {(int)response.StatusCode}: {text}"));
                return null;
            }
            await Task.Delay(50 * attempt, ct);
        }
    }

    // ---------------------------------------------------------------- churn

    /// <summary>
    /// Content writes for a while, as a busy office makes them: each writer in turn creates a member, updates it, creates
    /// a partnership of it and existing members, and updates that. A write that fails counts as failed (a conflict on a
    /// generated business id included) and the writer goes on.
    /// </summary>
    private static async Task<int> ChurnAsync(HttpClient http, Options options)
    {
        var seconds = options.GetInt("seconds", 20);
        var concurrency = options.GetInt("concurrency", 8);
        var data = new FinnishData(options.GetInt("seed", 5));
        using var page = JsonDocument.Parse(await http.GetStringAsync("/api/v1/members?limit=200"));
        var existing = page.RootElement.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("id").GetGuid()).ToList();
        if (existing.Count < 6)
        {
            await Console.Error.WriteLineAsync("churn needs at least 6 members to build partnerships of");
            return 1;
        }
        var members = data.Members(Math.Max(1000, seconds * 200));
        var partnerships = data.Partnerships(members.Count, existing);
        var next = -1;
        var writes = 0L;
        var failures = 0L;
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var i = Interlocked.Increment(ref next) % members.Count;
                try
                {
                    var member = await WriteAsync<MemberInput, MemberResponse>(http, HttpMethod.Post, "/api/v1/members", members[i]);
                    if (member is null || stop.IsCancellationRequested)
                    {
                        continue;
                    }
                    await WriteAsync<MemberInput, MemberResponse>(http, HttpMethod.Put, $"/api/v1/members/{member.Id}",
                        members[i] with { Description = "Päivitetty " + i.ToString(CultureInfo.InvariantCulture) });
                    var input = partnerships[i];
                    // The new member takes the last party's place, so the partnership is as large as generated ones.
                    input = input with { Parties = [.. input.Parties!.SkipLast(1), input.Parties![^1] with { MemberId = member.Id }] };
                    var partnership = await WriteAsync<PartnershipInput, PartnershipResponse>(http, HttpMethod.Post, "/api/v1/partnerships", input);
                    if (partnership is not null && !stop.IsCancellationRequested)
                    {
                        await WriteAsync<PartnershipInput, PartnershipResponse>(http, HttpMethod.Put, $"/api/v1/partnerships/{partnership.Id}",
                            input with { Title = input.Title + " (päivitetty)" });
                    }
                }
                catch (HttpRequestException e)
                {
                    Interlocked.Increment(ref failures);
                    await Console.Error.WriteLineAsync("churn: " + e.Message);
                }
            }
        })));
        var elapsed = clock.Elapsed.TotalSeconds;
        Console.WriteLine(Inv($"writes={writes}"));
        Console.WriteLine(Inv($"write_seconds={elapsed:0.0}"));
        Console.WriteLine(Inv($"writes_per_second={writes / elapsed:0.0}"));
        Console.WriteLine(Inv($"failed_writes={failures}"));
        return 0;

        async Task<TOut?> WriteAsync<TIn, TOut>(HttpClient client, HttpMethod method, string path, TIn body)
            where TOut : class
        {
            using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body, options: Json) };
            using var response = await client.SendAsync(request);
            if (!response.IsSuccessStatusCode)
            {
                Interlocked.Increment(ref failures);
                return null;
            }
            Interlocked.Increment(ref writes);
            return await response.Content.ReadFromJsonAsync<TOut>(Json);
        }
    }

    // ---------------------------------------------------------------- api key

    private static async Task<int> CreateApiKeyAsync(HttpClient http, Options options)
    {
        var input = new ApiKeyInput("bench", [ApiKeyScopes.PartnershipsRead, ApiKeyScopes.MembersRead, ApiKeyScopes.PilotsRead, ApiKeyScopes.EventsRead], options.Get("municipality", "564"));
        using var response = await http.PostAsJsonAsync("/api/v1/api-keys", input, Json);
        response.EnsureSuccessStatusCode();
        var created = await response.Content.ReadFromJsonAsync<ApiKeyCreated>(Json);
        Console.WriteLine("key=" + created!.Key);
        return 0;
    }

    // ---------------------------------------------------------------- change feed

    private static async Task<int> SyncAsync(HttpClient http, Options options)
    {
        var limit = options.GetInt("limit", 200);
        var entries = 0L;
        var pages = 0;
        var seenSeq = -1L;
        var ordered = true;
        string? cursor = null;
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var url = Inv($"/api/v1/changes?limit={limit}") + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor));
            var page = await http.GetFromJsonAsync<ChangePage>(url, Json);
            pages++;
            foreach (var item in page!.Items)
            {
                ordered &= item.Seq > seenSeq;
                seenSeq = item.Seq;
            }
            entries += page.Items.Count;
            cursor = page.NextCursor;
            if (!page.HasMore)
            {
                break;
            }
        }
        var seconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine(Inv($"sync_entries={entries}"));
        Console.WriteLine(Inv($"sync_pages={pages}"));
        Console.WriteLine(Inv($"sync_seconds={seconds:0.000}"));
        Console.WriteLine(Inv($"sync_entries_per_second={entries / seconds:0}"));
        Console.WriteLine(Inv($"sync_ordered={ordered}"));
        return 0;
    }

    // ---------------------------------------------------------------- export + RSS

    private static async Task<int> ExportAsync(HttpClient http, Options options)
    {
        var pid = options.GetInt("pid", 0);
        if (pid <= 0)
        {
            await Console.Error.WriteLineAsync("export needs --pid of the API process.");
            return 2;
        }

        using var sampler = new RssSampler(pid);
        var baseline = await sampler.SampleForAsync(TimeSpan.FromSeconds(1));

        sampler.Start();
        var clock = Stopwatch.StartNew();
        long bytes = 0;
        long lines = 0;
        using (var response = await http.GetAsync("/api/v1/partnerships/export.csv", HttpCompletionOption.ResponseHeadersRead))
        {
            response.EnsureSuccessStatusCode();
            await using var stream = await response.Content.ReadAsStreamAsync();
            var buffer = new byte[81920];
            int read;
            while ((read = await stream.ReadAsync(buffer)) > 0)
            {
                bytes += read;
                lines += buffer.AsSpan(0, read).Count((byte)'\n');
            }
        }
        var seconds = clock.Elapsed.TotalSeconds;
        var during = await sampler.StopAsync();
        var after = await sampler.SampleForAsync(TimeSpan.FromSeconds(2));

        Console.WriteLine(Inv($"export_bytes={bytes}"));
        Console.WriteLine(Inv($"export_lines={lines}"));
        Console.WriteLine(Inv($"export_seconds={seconds:0.000}"));
        Console.WriteLine(Inv($"rss_before_mb={baseline.Max / 1024.0:0.0}"));
        Console.WriteLine(Inv($"rss_peak_during_mb={during.Max / 1024.0:0.0}"));
        Console.WriteLine(Inv($"rss_after_mb={after.Last / 1024.0:0.0}"));
        Console.WriteLine(Inv($"rss_samples_during={during.Count}"));
        Console.WriteLine(Inv($"rss_peak_after_mb={after.Max / 1024.0:0.0}"));
        // Growth: the highest RSS seen during the export or the 2 s after it, minus the highest RSS in the 1 s before.
        Console.WriteLine(Inv($"rss_peak_growth_mb={(Math.Max(during.Max, after.Max) - baseline.Max) / 1024.0:0.0}"));
        // The same for RssAnon (anonymous memory: the managed heap and native allocations, without the mapped files and
        // shared memory VmRSS also counts), which the memory goal names.
        Console.WriteLine(Inv($"anon_before_mb={baseline.AnonMax / 1024.0:0.0}"));
        Console.WriteLine(Inv($"anon_peak_during_mb={during.AnonMax / 1024.0:0.0}"));
        Console.WriteLine(Inv($"anon_after_mb={after.AnonLast / 1024.0:0.0}"));
        Console.WriteLine(Inv($"anon_peak_after_mb={after.AnonMax / 1024.0:0.0}"));
        Console.WriteLine(Inv($"anon_peak_growth_mb={(Math.Max(during.AnonMax, after.AnonMax) - baseline.AnonMax) / 1024.0:0.0}"));
        return 0;
    }

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

/// <summary>Reads VmRSS and RssAnon (kB) from /proc/PID/status every 100 ms.</summary>
internal sealed class RssSampler(int pid) : IDisposable
{
    public readonly record struct Summary(long Max, long Last, int Count, long AnonMax, long AnonLast);

    private readonly CancellationTokenSource stop = new();
    private Task<Summary>? running;

    public void Start() => running = LoopAsync(stop.Token);

    public async Task<Summary> StopAsync()
    {
        await stop.CancelAsync();
        return await running!;
    }

    public async Task<Summary> SampleForAsync(TimeSpan duration)
    {
        using var timeout = new CancellationTokenSource(duration);
        return await LoopAsync(timeout.Token);
    }

    private async Task<Summary> LoopAsync(CancellationToken ct)
    {
        long max = 0, last = 0, anonMax = 0, anonLast = 0;
        var count = 0;
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        do
        {
            (last, anonLast) = Read();
            max = Math.Max(max, last);
            anonMax = Math.Max(anonMax, anonLast);
            count++;
        }
        while (await WaitAsync(timer, ct));
        (last, anonLast) = Read();
        max = Math.Max(max, last);
        anonMax = Math.Max(anonMax, anonLast);
        return new Summary(max, last, count + 1, anonMax, anonLast);
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken ct)
    {
        try
        {
            return await timer.WaitForNextTickAsync(ct);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private (long VmRss, long RssAnon) Read()
    {
        long vmRss = 0, rssAnon = 0;
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                vmRss = Kilobytes(line.AsSpan(6));
            }
            else if (line.StartsWith("RssAnon:", StringComparison.Ordinal))
            {
                rssAnon = Kilobytes(line.AsSpan(8));
            }
        }
        return (vmRss, rssAnon);
    }

    private static long Kilobytes(ReadOnlySpan<char> value) =>
        long.Parse(value.Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture);

    public void Dispose() => stop.Dispose();
}

internal sealed class Options
{
    private readonly Dictionary<string, string> values = new(StringComparer.Ordinal);

    public static Options Parse(IEnumerable<string> args)
    {
        var options = new Options();
        string? name = null;
        foreach (var arg in args)
        {
            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                name = arg[2..];
                options.values[name] = "true";
            }
            else if (name is not null)
            {
                options.values[name] = arg;
                name = null;
            }
        }
        return options;
    }

    public string Get(string name, string fallback) => values.TryGetValue(name, out var value) ? value : fallback;

    public int GetInt(string name, int fallback) =>
        values.TryGetValue(name, out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;
}
