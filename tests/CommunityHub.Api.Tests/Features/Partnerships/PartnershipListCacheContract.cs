using System.Net;
using System.Text.Json;
using CommunityHub.Api.Features.Partnerships;
using CommunityHub.Api.Infrastructure.Data;
using CommunityHub.Api.Infrastructure.Http;
using CommunityHub.Api.Tests.Features.Members;
using CommunityHub.Api.Tests.Infrastructure;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Shouldly;

namespace CommunityHub.Api.Tests.Features.Partnerships;

/// <summary>
/// The partnership list is rendered straight from the rows and may be answered from memory: the bytes must be what
/// serialising the same partnerships gives, a cached answer must equal an uncached one, a write must make the next
/// read fresh, the caller's scope must be part of the key, and <c>Cache-Control: no-cache</c> must reach the database.
/// </summary>
public abstract class PartnershipListCacheContract<TFactory>(TFactory factory) : ContractTests<TFactory>(factory)
    where TFactory : ApiFactory
{
    private ResponseCache Cache => Factory.Services.GetRequiredService<ResponseCache>();

    [Fact]
    public async Task List_page_is_byte_identical_to_serialising_the_same_partnerships_with_finnish_letters_nulls_empty_lists_and_escapes()
    {
        var admin = await Factory.AdminAsync();
        var municipality = await MemberRequests.CreateAsync(admin, MemberRequests.Body($"Äänekosken kaupunki \"Å\" {Guid.NewGuid():N}", "992", "municipality"));
        var association = await MemberRequests.CreateAsync(admin, MemberRequests.Body($"Yhdistys \\ öljy <&> {Guid.NewGuid():N}", "992"));
        var full = PartnershipRequests.Body(municipality.Id, association.Id, "Ääni \"lainaus\" \\ ja\nrivi – åäö ÅÄÖ 😀", "992");
        full["description"] = "Sarkain\tja </script> ja \u2028 ja ohjausmerkki \u0001.";
        await PartnershipRequests.CreateAsync(admin, full);
        var sparse = PartnershipRequests.Body(municipality.Id, association.Id, "Vähäinen", "992");
        sparse["description"] = null;
        sparse["startsOn"] = null;
        sparse["endsOn"] = null;
        sparse["agreementRef"] = null;
        sparse["reviewIntervalMonths"] = null;
        sparse["goals"] = Array.Empty<object>();
        sparse["parties"] = new object[]
        {
            new { memberId = municipality.Id, role = "funder", responsibilities = (string?)null },
            new { memberId = association.Id, role = "partner", responsibilities = "Ölyä \"ja\" vettä" },
        };
        await PartnershipRequests.CreateAsync(admin, sparse);
        await PartnershipRequests.CreateAsync(admin, "992", "Kolmas kumppanuus");

        foreach (var url in new[] { "/api/v1/partnerships?municipality=992&limit=2", "/api/v1/partnerships?municipality=992&limit=200" })
        {
            var response = await admin.GetAsync(url, noCache: true).ShouldBe(HttpStatusCode.OK);
            var listed = await response.Content.ReadAsByteArrayAsync();
            var page = JsonSerializer.Deserialize<PartnershipPage>(listed, Json.Options)!;
            page.Items.Count.ShouldBeGreaterThan(0);

            // Each item as GET /partnerships/{id} serialises it (System.Text.Json through TypedResults.Ok).
            var items = new List<PartnershipResponse>();
            foreach (var item in page.Items)
            {
                items.Add(await (await admin.GetAsync($"/api/v1/partnerships/{item.Id}").ShouldBe(HttpStatusCode.OK)).ReadAsync<PartnershipResponse>());
            }
            var options = Factory.Services.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
            var expected = JsonSerializer.SerializeToUtf8Bytes(new PartnershipPage(items, page.NextCursor), options);

            System.Text.Encoding.UTF8.GetString(listed).ShouldBe(System.Text.Encoding.UTF8.GetString(expected));
            listed.ShouldBe(expected);
            response.Headers.ETag!.ToString().ShouldBe(ETags.ForPage(items.Select(p => (p.Id, p.Version)), page.NextCursor));
        }
    }

    [Fact]
    public async Task A_cached_answer_equals_an_uncached_one_and_a_write_makes_the_next_read_fresh()
    {
        var admin = await Factory.AdminAsync();
        var created = await PartnershipRequests.CreateAsync(admin, "564", "Välimuistin kumppanuus");
        const string url = "/api/v1/partnerships?municipality=564&limit=50";

        var first = await admin.GetAsync(url).JsonBytesAsync();
        var hits = Cache.Hits;
        var second = await admin.GetAsync(url).JsonBytesAsync();
        Cache.Hits.ShouldBe(hits + 1, "the second identical request is answered from the cache");
        second.ShouldBe(first);
        var bypasses = Cache.Bypasses;
        var uncached = await admin.GetAsync(url, noCache: true).JsonBytesAsync();
        Cache.Bypasses.ShouldBe(bypasses + 1);
        Cache.Hits.ShouldBe(hits + 1, "no-cache is never answered from the cache");
        uncached.ShouldBe(first);

        // A write to the partnership itself.
        var body = PartnershipRequests.ToBody(created);
        body["title"] = "Välimuistin kumppanuus, päivitetty";
        await admin.PutJsonAsync($"/api/v1/partnerships/{created.Id}", body).ShouldBe(HttpStatusCode.OK);
        var afterUpdate = JsonSerializer.Deserialize<PartnershipPage>(await admin.GetAsync(url).JsonBytesAsync(), Json.Options)!;
        afterUpdate.Items.Single(p => p.Id == created.Id).Title.ShouldBe("Välimuistin kumppanuus, päivitetty");

        // A write to something the page only shows: a party's member name.
        var memberId = created.Parties[1].MemberId;
        var member = await (await admin.GetAsync($"/api/v1/members/{memberId}").ShouldBe(HttpStatusCode.OK)).JsonAsync();
        var memberBody = JsonSerializer.Deserialize<Dictionary<string, object?>>(member.GetRawText())!;
        var newName = $"Uusi nimi ry {Guid.NewGuid():N}";
        memberBody["name"] = newName;
        await admin.PutJsonAsync($"/api/v1/members/{memberId}", memberBody, $"\"{member.GetProperty("version").GetInt64()}\"").ShouldBe(HttpStatusCode.OK);
        var afterRename = JsonSerializer.Deserialize<PartnershipPage>(await admin.GetAsync(url).JsonBytesAsync(), Json.Options)!;
        afterRename.Items.Single(p => p.Id == created.Id).Parties[1].MemberName.ShouldBe(newName);

        // And a transition (status) and an archive.
        await PartnershipRequests.TransitionAsync(admin, created.Id, "negotiation").ShouldBe(HttpStatusCode.OK);
        var afterTransition = JsonSerializer.Deserialize<PartnershipPage>(await admin.GetAsync(url).JsonBytesAsync(), Json.Options)!;
        afterTransition.Items.Single(p => p.Id == created.Id).Status.ShouldBe(PartnershipStatus.Negotiation);
        await admin.DeleteAsync($"/api/v1/partnerships/{created.Id}", null).ShouldBe(HttpStatusCode.NoContent);
        var afterDelete = JsonSerializer.Deserialize<PartnershipPage>(await admin.GetAsync(url).JsonBytesAsync(), Json.Options)!;
        afterDelete.Items.ShouldNotContain(p => p.Id == created.Id);
    }

    [Fact]
    public async Task No_cache_reaches_the_database_while_the_cache_answers_the_others()
    {
        var admin = await Factory.AdminAsync();
        var created = await PartnershipRequests.CreateAsync(admin, "609", "Alkuperäinen otsikko");
        const string url = "/api/v1/partnerships?municipality=609&limit=10";
        await admin.GetAsync(url).JsonBytesAsync();

        // Changed behind the API's back (no change-feed entry): only a request that reaches the database can see it. Like
        // every write, it moves the row's version, which the ETag and the list's stored documents are checked against.
        var db = Factory.Services.GetRequiredService<Db>();
        await using (var connection = await db.OpenAsync(CancellationToken.None))
        {
            await connection.ExecuteAsync("UPDATE partnerships SET title = 'Suoraan kantaan', version = version + 1 WHERE id = @Id", new { Id = created.Id.ToString() });
        }

        var cached = JsonSerializer.Deserialize<PartnershipPage>(await admin.GetAsync(url).JsonBytesAsync(), Json.Options)!;
        cached.Items.Single(p => p.Id == created.Id).Title.ShouldBe("Alkuperäinen otsikko");
        var fresh = JsonSerializer.Deserialize<PartnershipPage>(await admin.GetAsync(url, noCache: true).JsonBytesAsync(), Json.Options)!;
        fresh.Items.Single(p => p.Id == created.Id).Title.ShouldBe("Suoraan kantaan");
    }

    [Fact]
    public async Task The_callers_scope_is_part_of_the_key()
    {
        var admin = await Factory.AdminAsync();
        var oulu = await PartnershipRequests.CreateAsync(admin, "564", "Oulun välimuisti");
        var helsinki = await PartnershipRequests.CreateAsync(admin, "091", "Helsingin välimuisti");
        const string url = "/api/v1/partnerships?limit=200";

        var all = JsonSerializer.Deserialize<PartnershipPage>(await admin.GetAsync(url).JsonBytesAsync(), Json.Options)!;
        all.Items.Select(p => p.Id).ShouldContain(oulu.Id);
        all.Items.Select(p => p.Id).ShouldContain(helsinki.Id);
        await admin.GetAsync(url).JsonBytesAsync();

        foreach (var (code, own, other) in new[] { ("564", oulu.Id, helsinki.Id), ("091", helsinki.Id, oulu.Id) })
        {
            var key = await ApiKeyPrincipal.ClientAsync(Factory, ["partnerships:read"], code);
            for (var i = 0; i < 2; i++)
            {
                var page = JsonSerializer.Deserialize<PartnershipPage>(await key.GetAsync(url).JsonBytesAsync(), Json.Options)!;
                page.Items.Select(p => p.Id).ShouldContain(own);
                page.Items.Select(p => p.Id).ShouldNotContain(other);
                page.Items.ShouldAllBe(p => p.MunicipalityCode == code);
            }
        }

        // A key with other scopes is another caller too; an admin still gets the whole list afterwards.
        var wider = await ApiKeyPrincipal.ClientAsync(Factory, ["partnerships:read", "members:read"], "564");
        JsonSerializer.Deserialize<PartnershipPage>(await wider.GetAsync(url).JsonBytesAsync(), Json.Options)!
            .Items.ShouldAllBe(p => p.MunicipalityCode == "564");
        JsonSerializer.Deserialize<PartnershipPage>(await admin.GetAsync(url).JsonBytesAsync(), Json.Options)!
            .Items.Select(p => p.Id).ShouldContain(helsinki.Id);
    }

    [Fact]
    public async Task If_none_match_answers_304_from_the_cache_and_200_after_a_write()
    {
        var admin = await Factory.AdminAsync();
        var created = await PartnershipRequests.CreateAsync(admin, "425", "Limingan kumppanuus");
        const string url = "/api/v1/partnerships?municipality=425";
        var first = await admin.GetAsync(url).ShouldBe(HttpStatusCode.OK);
        var etag = first.Headers.ETag!.ToString();

        var hits = Cache.Hits;
        var notModified = await admin.GetAsync(url, ifNoneMatch: etag);
        notModified.StatusCode.ShouldBe(HttpStatusCode.NotModified);
        notModified.Headers.ETag!.ToString().ShouldBe(etag);
        (await notModified.Content.ReadAsByteArrayAsync()).ShouldBeEmpty();
        Cache.Hits.ShouldBe(hits + 1);
        (await admin.GetAsync(url, noCache: true, ifNoneMatch: etag)).StatusCode.ShouldBe(HttpStatusCode.NotModified);

        await PartnershipRequests.TransitionAsync(admin, created.Id, "cancelled").ShouldBe(HttpStatusCode.OK);
        var changed = await admin.GetAsync(url, ifNoneMatch: etag).ShouldBe(HttpStatusCode.OK);
        changed.Headers.ETag!.ToString().ShouldNotBe(etag);
    }

    [Fact]
    public async Task A_single_partnership_is_cached_per_caller_and_fresh_after_a_write()
    {
        var admin = await Factory.AdminAsync();
        var helsinki = await PartnershipRequests.CreateAsync(admin, "091", "Yksittäinen kumppanuus");
        var url = $"/api/v1/partnerships/{helsinki.Id}";

        var first = await admin.GetAsync(url).JsonBytesAsync();
        var hits = Cache.Hits;
        (await admin.GetAsync(url).JsonBytesAsync()).ShouldBe(first);
        Cache.Hits.ShouldBe(hits + 1);
        (await admin.GetAsync(url, noCache: true).JsonBytesAsync()).ShouldBe(first);

        // The admin's cached answer is never handed to a key bound to another municipality.
        var oulu = await ApiKeyPrincipal.ClientAsync(Factory, ["partnerships:read"], "564");
        await oulu.GetAsync(url).ShouldBeProblem(HttpStatusCode.NotFound);
        await oulu.GetAsync(url).ShouldBeProblem(HttpStatusCode.NotFound);

        var moved = await PartnershipRequests.TransitionAsync(admin, helsinki.Id, "negotiation").ShouldBe(HttpStatusCode.OK);
        var after = await admin.GetAsync(url, ifNoneMatch: "\"1\"").ShouldBe(HttpStatusCode.OK);
        after.Headers.ETag!.ToString().ShouldBe(moved.Headers.ETag!.ToString());
        (await after.ReadAsync<PartnershipResponse>()).Status.ShouldBe(PartnershipStatus.Negotiation);
        (await admin.GetAsync(url, ifNoneMatch: "\"2\"")).StatusCode.ShouldBe(HttpStatusCode.NotModified);
    }

    [Fact]
    public async Task The_members_list_is_cached_and_fresh_after_a_member_write()
    {
        var admin = await Factory.AdminAsync();
        var created = await MemberRequests.CreateAsync(admin, MemberRequests.Body($"Välimuistiyhdistys {Guid.NewGuid():N}", "297", "association", "culture"));
        const string url = "/api/v1/members?municipality=297&limit=100";
        var anonymous = Factory.Anonymous();

        var first = await anonymous.GetAsync(url).JsonBytesAsync();
        var hits = Cache.Hits;
        (await anonymous.GetAsync(url).JsonBytesAsync()).ShouldBe(first);
        Cache.Hits.ShouldBe(hits + 1);
        (await anonymous.GetAsync(url, noCache: true).JsonBytesAsync()).ShouldBe(first);

        var member = await (await admin.GetAsync($"/api/v1/members/{created.Id}").ShouldBe(HttpStatusCode.OK)).JsonAsync();
        var body = JsonSerializer.Deserialize<Dictionary<string, object?>>(member.GetRawText())!;
        body["sectors"] = new[] { "culture", "youth" };
        await admin.PutJsonAsync($"/api/v1/members/{created.Id}", body).ShouldBe(HttpStatusCode.OK);
        var after = await (await anonymous.GetAsync(url).ShouldBe(HttpStatusCode.OK)).JsonAsync();
        after.GetProperty("items").EnumerateArray().Single(m => m.GetProperty("id").GetGuid() == created.Id)
            .GetProperty("sectors").EnumerateArray().Select(s => s.GetString()).ShouldBe(["culture", "youth"]);
    }

    [Fact]
    public async Task Bad_filters_are_still_a_400_problem_and_are_never_cached()
    {
        var admin = await Factory.AdminAsync();
        for (var i = 0; i < 2; i++)
        {
            await admin.GetAsync("/api/v1/partnerships?municipality=oulu").ShouldBeProblem(HttpStatusCode.BadRequest, "municipality");
        }
    }
}

public sealed class PartnershipListCacheSqliteTests(SqliteApiFactory factory) : PartnershipListCacheContract<SqliteApiFactory>(factory);

public sealed class PartnershipListCacheSqlServerTests(SqlServerApiFactory factory) : PartnershipListCacheContract<SqlServerApiFactory>(factory);
