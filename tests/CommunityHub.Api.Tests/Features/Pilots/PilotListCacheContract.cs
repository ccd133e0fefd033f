using System.Net;
using System.Text.Json;
using CommunityHub.Api.Features.Pilots;
using CommunityHub.Api.Infrastructure.Data;
using CommunityHub.Api.Infrastructure.Http;
using CommunityHub.Api.Tests.Features.Members;
using CommunityHub.Api.Tests.Features.Partnerships;
using CommunityHub.Api.Tests.Infrastructure;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Shouldly;

namespace CommunityHub.Api.Tests.Features.Pilots;

/// <summary>
/// The pilots list may be answered from memory: a cached answer must be byte-identical to one that reaches the database
/// (and to serialising the same pilots), every pilot write must make the next read fresh, the caller's municipality
/// binding must be part of the key, and <c>Cache-Control: no-cache</c> must reach the database. Each test uses its own
/// municipality so the class's shared database does not mix their pages.
/// </summary>
public abstract class PilotListCacheContract<TFactory>(TFactory factory) : ContractTests<TFactory>(factory)
    where TFactory : ApiFactory
{
    private ResponseCache Cache => Factory.Services.GetRequiredService<ResponseCache>();

    private static PilotPage Page(byte[] body) => JsonSerializer.Deserialize<PilotPage>(body, Json.Options)!;

    private async Task<(HttpClient Admin, Guid Owner, Guid Team)> SetUpAsync(string municipality)
    {
        var admin = await Factory.AdminAsync();
        var owner = await MemberRequests.CreateAsync(admin, MemberRequests.Body($"Pilotin omistaja {Guid.NewGuid():N}", municipality));
        var team = await MemberRequests.CreateAsync(admin, MemberRequests.Body($"Tiimiläinen ry {Guid.NewGuid():N}", municipality));
        return (admin, owner.Id, team.Id);
    }

    [Fact]
    public async Task A_cached_page_is_byte_identical_to_an_uncached_one_and_to_serialising_the_same_pilots()
    {
        var (admin, owner, team) = await SetUpAsync("992");
        var full = PilotRequests.Body(owner, "Ääni \"lainaus\" \\ ja\nrivi – åäö ÅÄÖ 😀", municipality: "992", team: team);
        full["budgetEur"] = 1234567.89m;
        full["problem"] = "Sarkain\tja </script> ja \u2028 ja ohjausmerkki \u0001.";
        await PilotRequests.CreateAsync(admin, full);
        var sparse = PilotRequests.Body(owner, "Vähäinen", municipality: "992");
        sparse["problem"] = null;
        sparse["hypothesis"] = null;
        sparse["plannedStart"] = null;
        sparse["plannedEnd"] = null;
        sparse["budgetEur"] = null;
        sparse["metrics"] = Array.Empty<object>();
        await PilotRequests.CreateAsync(admin, sparse);
        await PilotRequests.WalkToAsync(admin, owner, "running", PilotRequests.Body(owner, "Käynnissä", municipality: "992", team: team));

        foreach (var url in new[] { "/api/v1/pilots?municipality=992&limit=2", "/api/v1/pilots?municipality=992&limit=200" })
        {
            var first = await admin.GetAsync(url).ShouldBe(HttpStatusCode.OK);
            var listed = await first.Content.ReadAsByteArrayAsync();
            var hits = Cache.Hits;
            var cached = await admin.GetAsync(url).ShouldBe(HttpStatusCode.OK);
            Cache.Hits.ShouldBe(hits + 1, "the second identical request is answered from the cache");
            (await cached.Content.ReadAsByteArrayAsync()).ShouldBe(listed);
            cached.Headers.ETag!.ToString().ShouldBe(first.Headers.ETag!.ToString());
            var uncached = await admin.GetAsync(url, noCache: true).ShouldBe(HttpStatusCode.OK);
            (await uncached.Content.ReadAsByteArrayAsync()).ShouldBe(listed);
            uncached.Headers.ETag!.ToString().ShouldBe(first.Headers.ETag!.ToString());

            // Each item as GET /pilots/{id} serialises it (System.Text.Json through TypedResults.Ok).
            var page = Page(listed);
            page.Items.Count.ShouldBeGreaterThan(0);
            var items = new List<PilotResponse>();
            foreach (var item in page.Items)
            {
                items.Add(await (await admin.GetAsync($"/api/v1/pilots/{item.Id}").ShouldBe(HttpStatusCode.OK)).ReadAsync<PilotResponse>());
            }
            var options = Factory.Services.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
            var expected = JsonSerializer.SerializeToUtf8Bytes(new PilotPage(items, page.NextCursor), options);
            System.Text.Encoding.UTF8.GetString(listed).ShouldBe(System.Text.Encoding.UTF8.GetString(expected));
            first.Headers.ETag!.ToString().ShouldBe(ETags.ForPage(items.Select(p => (p.Id, p.Version)), page.NextCursor));
        }
    }

    [Fact]
    public async Task Every_pilot_write_makes_the_next_cached_read_fresh()
    {
        var (admin, owner, team) = await SetUpAsync("564");
        var body = PilotRequests.Body(owner, "Välimuistin pilotti", municipality: "564", team: team);
        var created = await PilotRequests.CreateAsync(admin, body);
        const string url = "/api/v1/pilots?municipality=564&limit=50";
        Page(await admin.GetAsync(url).JsonBytesAsync()).Items.Select(p => p.Id).ShouldContain(created.Id);
        var hits = Cache.Hits;
        await admin.GetAsync(url).JsonBytesAsync();
        Cache.Hits.ShouldBe(hits + 1);

        body["title"] = "Välimuistin pilotti, päivitetty";
        body["metrics"] = new object[] { new { name = "Osallistujat", unit = "henkilöä", baseline = 3, target = 9, actual = 4.25m } };
        await admin.PutJsonAsync($"/api/v1/pilots/{created.Id}", body).ShouldBe(HttpStatusCode.OK);
        var afterUpdate = Page(await admin.GetAsync(url).JsonBytesAsync()).Items.Single(p => p.Id == created.Id);
        afterUpdate.Title.ShouldBe("Välimuistin pilotti, päivitetty");
        afterUpdate.Metrics.Single().Actual.ShouldBe(4.25m);

        await PilotRequests.MoveAsync(admin, created.Id, "decided");
        Page(await admin.GetAsync(url).JsonBytesAsync()).Items.Single(p => p.Id == created.Id).Stage.ShouldBe(PilotStage.Decided);

        var second = await PilotRequests.CreateAsync(admin, PilotRequests.Body(owner, "Toinen pilotti", municipality: "564"));
        Page(await admin.GetAsync(url).JsonBytesAsync()).Items.Select(p => p.Id).ShouldContain(second.Id);

        await admin.DeleteAsync($"/api/v1/pilots/{created.Id}", null).ShouldBe(HttpStatusCode.NoContent);
        Page(await admin.GetAsync(url).JsonBytesAsync()).Items.Select(p => p.Id).ShouldNotContain(created.Id);
        (await admin.GetAsync(url).JsonBytesAsync()).ShouldBe(await admin.GetAsync(url, noCache: true).JsonBytesAsync());
    }

    [Fact]
    public async Task No_cache_reaches_the_database_while_the_cache_answers_the_others()
    {
        var (admin, owner, _) = await SetUpAsync("609");
        var created = await PilotRequests.CreateAsync(admin, PilotRequests.Body(owner, "Alkuperäinen otsikko", municipality: "609"));
        const string url = "/api/v1/pilots?municipality=609&limit=10";
        await admin.GetAsync(url).JsonBytesAsync();

        // Changed behind the API's back (no change-feed entry): only a request that reaches the database can see it.
        var db = Factory.Services.GetRequiredService<Db>();
        await using (var connection = await db.OpenAsync(CancellationToken.None))
        {
            await connection.ExecuteAsync("UPDATE pilots SET title = 'Suoraan kantaan' WHERE id = @Id", new { Id = created.Id.ToString() });
        }

        Page(await admin.GetAsync(url).JsonBytesAsync()).Items.Single(p => p.Id == created.Id).Title.ShouldBe("Alkuperäinen otsikko");
        Page(await admin.GetAsync(url, noCache: true).JsonBytesAsync()).Items.Single(p => p.Id == created.Id).Title.ShouldBe("Suoraan kantaan");
    }

    [Fact]
    public async Task A_municipality_bound_key_never_gets_another_municipalitys_cached_page()
    {
        var (admin, owner, _) = await SetUpAsync("564");
        var oulu = await PilotRequests.CreateAsync(admin, PilotRequests.Body(owner, "Oulun välimuisti", municipality: "564"));
        var helsinki = await PilotRequests.CreateAsync(admin, PilotRequests.Body(owner, "Helsingin välimuisti", municipality: "091"));
        const string url = "/api/v1/pilots?limit=200";

        var all = Page(await admin.GetAsync(url).JsonBytesAsync());
        all.Items.Select(p => p.Id).ShouldContain(oulu.Id);
        all.Items.Select(p => p.Id).ShouldContain(helsinki.Id);
        await admin.GetAsync(url).JsonBytesAsync();

        foreach (var (code, own, other) in new[] { ("564", oulu.Id, helsinki.Id), ("091", helsinki.Id, oulu.Id) })
        {
            var key = await ApiKeyPrincipal.ClientAsync(Factory, ["pilots:read"], code);
            for (var i = 0; i < 2; i++)
            {
                var page = Page(await key.GetAsync(url).JsonBytesAsync());
                page.Items.Select(p => p.Id).ShouldContain(own);
                page.Items.Select(p => p.Id).ShouldNotContain(other);
                page.Items.ShouldAllBe(p => p.MunicipalityCode == code);
            }
        }

        // A key without pilots:read is refused even though others' answers are cached; an admin still gets everything.
        var partnershipsOnly = await ApiKeyPrincipal.ClientAsync(Factory, ["partnerships:read"], "564");
        await partnershipsOnly.GetAsync(url).ShouldBeProblem(HttpStatusCode.Forbidden);
        Page(await admin.GetAsync(url).JsonBytesAsync()).Items.Select(p => p.Id).ShouldContain(helsinki.Id);
    }

    [Fact]
    public async Task If_none_match_answers_304_from_the_cache_and_200_after_a_write()
    {
        var (admin, owner, _) = await SetUpAsync("425");
        var created = await PilotRequests.CreateAsync(admin, PilotRequests.Body(owner, "Limingan pilotti", municipality: "425"));
        const string url = "/api/v1/pilots?municipality=425";
        var first = await admin.GetAsync(url).ShouldBe(HttpStatusCode.OK);
        var etag = first.Headers.ETag!.ToString();

        var hits = Cache.Hits;
        var notModified = await admin.GetAsync(url, ifNoneMatch: etag);
        notModified.StatusCode.ShouldBe(HttpStatusCode.NotModified);
        notModified.Headers.ETag!.ToString().ShouldBe(etag);
        (await notModified.Content.ReadAsByteArrayAsync()).ShouldBeEmpty();
        Cache.Hits.ShouldBe(hits + 1);
        (await admin.GetAsync(url, noCache: true, ifNoneMatch: etag)).StatusCode.ShouldBe(HttpStatusCode.NotModified);

        await PilotRequests.MoveAsync(admin, created.Id, "discontinued", "Rahoitus päättyi");
        var changed = await admin.GetAsync(url, ifNoneMatch: etag).ShouldBe(HttpStatusCode.OK);
        changed.Headers.ETag!.ToString().ShouldNotBe(etag);
    }

    [Fact]
    public async Task Bad_filters_are_still_a_400_problem_and_are_never_cached()
    {
        var admin = await Factory.AdminAsync();
        for (var i = 0; i < 2; i++)
        {
            await admin.GetAsync("/api/v1/pilots?municipality=oulu").ShouldBeProblem(HttpStatusCode.BadRequest, "municipality");
        }
    }
}

public sealed class PilotListCacheSqliteTests(SqliteApiFactory factory) : PilotListCacheContract<SqliteApiFactory>(factory);

public sealed class PilotListCacheSqlServerTests(SqlServerApiFactory factory) : PilotListCacheContract<SqlServerApiFactory>(factory);
