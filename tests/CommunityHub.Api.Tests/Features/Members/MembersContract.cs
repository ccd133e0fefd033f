using System.Net;
using System.Text.Json;
using CommunityHub.Api.Features.Members;
using CommunityHub.Api.Infrastructure.Http;
using CommunityHub.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Shouldly;

namespace CommunityHub.Api.Tests.Features.Members;

public abstract class MembersContract<TFactory>(TFactory factory) : ContractTests<TFactory>(factory)
    where TFactory : ApiFactory
{
    [Fact]
    public async Task Create_then_get_returns_the_member_with_etag_and_location()
    {
        var admin = await Factory.AdminAsync();
        var body = MemberRequests.Body("Pohjois-Pohjanmaan sosiaali- ja terveysturvayhdistys ry", "564", "association", "social_health", "disability");
        var response = await admin.PostJsonAsync("/api/v1/members", body).ShouldBe(HttpStatusCode.Created);
        var created = await response.ReadAsync<MemberResponse>();
        response.Headers.Location!.ToString().ShouldBe($"/api/v1/members/{created.Id}");
        response.Headers.ETag!.Tag.ShouldBe("\"1\"");
        created.Version.ShouldBe(1);
        created.Sectors.ShouldBe([Sector.SocialHealth, Sector.Disability], ignoreOrder: true);
        created.Address!.PostalCode.ShouldBe("90100");

        var fetched = await (await Factory.Anonymous().GetAsync($"/api/v1/members/{created.Id}").ShouldBe(HttpStatusCode.OK)).ReadAsync<MemberResponse>();
        fetched.Name.ShouldBe("Pohjois-Pohjanmaan sosiaali- ja terveysturvayhdistys ry");
        fetched.BusinessId.ShouldBe(body["businessId"]);
        fetched.Membership.Status.ShouldBe(MembershipStatus.Active);
    }

    /// <summary>The web app sends only what the user filled in, so a field emptied in the form is left out of the PUT.</summary>
    [Fact]
    public async Task Replacing_a_member_clears_the_optional_fields_left_out_as_null_would()
    {
        var admin = await Factory.AdminAsync();
        var member = await MemberRequests.CreateAsync(admin, MemberRequests.Body("Kajaanin Kädentaitajat ry", "205", "association", "culture"));
        var body = new Dictionary<string, object?> { ["name"] = "Kajaanin Kädentaitajat ry", ["kind"] = "association", ["municipalityCode"] = "205" };

        var replaced = await (await admin.PutJsonAsync($"/api/v1/members/{member.Id}", body, "\"1\"").ShouldBe(HttpStatusCode.OK)).ReadAsync<MemberResponse>();

        replaced.ShouldSatisfyAllConditions(
            () => replaced.BusinessId.ShouldBeNull(),
            () => replaced.Description.ShouldBeNull(),
            () => replaced.Website.ShouldBeNull(),
            () => replaced.Email.ShouldBeNull(),
            () => replaced.Phone.ShouldBeNull(),
            () => replaced.Address.ShouldBeNull(),
            () => replaced.Sectors.ShouldBeEmpty(),
            () => replaced.Membership.ShouldBe(new Membership(MembershipStatus.Active, null, null)));
    }

    [Fact]
    public async Task Duplicate_business_id_returns_409()
    {
        var admin = await Factory.AdminAsync();
        var first = MemberRequests.Body("Oulun Seudun Yhdistys ry");
        await MemberRequests.CreateAsync(admin, first);
        var second = MemberRequests.Body("Toinen Yhdistys ry");
        second["businessId"] = first["businessId"];
        await admin.PostJsonAsync("/api/v1/members", second).ShouldBeProblem(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Update_with_stale_if_match_returns_412_and_keeps_the_first_write()
    {
        var admin = await Factory.AdminAsync();
        var member = await MemberRequests.CreateAsync(admin, MemberRequests.Body("Satakunnan Yhteisökeskus ry", "609"));
        var first = MemberRequests.Body("Satakunnan Yhteisökeskus ry (päivitetty)", "609");
        first["businessId"] = member.BusinessId;
        var updated = await admin.PutJsonAsync($"/api/v1/members/{member.Id}", first, "\"1\"").ShouldBe(HttpStatusCode.OK);
        updated.Headers.ETag!.Tag.ShouldBe("\"2\"");

        var second = MemberRequests.Body("Kadonnut päivitys", "609");
        second["businessId"] = member.BusinessId;
        await admin.PutJsonAsync($"/api/v1/members/{member.Id}", second, "\"1\"").ShouldBeProblem(HttpStatusCode.PreconditionFailed);

        var current = await (await admin.GetAsync($"/api/v1/members/{member.Id}")).ReadAsync<MemberResponse>();
        current.Name.ShouldBe("Satakunnan Yhteisökeskus ry (päivitetty)");
        current.Version.ShouldBe(2);
    }

    [Fact]
    public async Task Get_with_matching_if_none_match_returns_304()
    {
        var admin = await Factory.AdminAsync();
        var member = await MemberRequests.CreateAsync(admin, MemberRequests.Body("Maaseudun Sivistysliitto MSL ry", "091"));
        var notModified = await admin.GetAsync($"/api/v1/members/{member.Id}", "\"1\"");
        notModified.StatusCode.ShouldBe(HttpStatusCode.NotModified);
        var changed = await admin.GetAsync($"/api/v1/members/{member.Id}", "\"0\"");
        changed.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Delete_archives_the_member_so_get_is_404_and_lists_hide_it()
    {
        var admin = await Factory.AdminAsync();
        var member = await MemberRequests.CreateAsync(admin, MemberRequests.Body("Poistuva Yhdistys ry", "895"));
        await admin.DeleteAsync($"/api/v1/members/{member.Id}", "\"1\"").ShouldBe(HttpStatusCode.NoContent);
        await admin.GetAsync($"/api/v1/members/{member.Id}").ShouldBeProblem(HttpStatusCode.NotFound);
        var page = await (await admin.GetAsync("/api/v1/members?municipality=895&limit=200")).ReadAsync<MemberPage>();
        page.Items.ShouldNotContain(m => m.Id == member.Id);
    }

    [Fact]
    public async Task Search_is_case_insensitive_for_finnish_letters_and_a_does_not_match_ae()
    {
        var admin = await Factory.AdminAsync();
        var upper = await MemberRequests.CreateAsync(admin, MemberRequests.Body("ÄÄNEKOSKEN NUORISOSEURA", "992"));
        var lower = await MemberRequests.CreateAsync(admin, MemberRequests.Body("äänekosken kyläyhdistys", "992"));
        var plain = await MemberRequests.CreateAsync(admin, MemberRequests.Body("Aanekosken Testi Oy", "992", "company"));
        var swedish = await MemberRequests.CreateAsync(admin, MemberRequests.Body("Åbolands Förening rf", "992"));

        var found = await (await Factory.Anonymous().GetAsync("/api/v1/members?q=%C3%A4%C3%A4nekosken")).ReadAsync<MemberPage>();
        found.Items.Select(m => m.Id).ShouldBe([upper.Id, lower.Id], ignoreOrder: true);

        var ascii = await (await Factory.Anonymous().GetAsync("/api/v1/members?q=aanekosken")).ReadAsync<MemberPage>();
        ascii.Items.Select(m => m.Id).ShouldBe([plain.Id]);

        var ring = await (await Factory.Anonymous().GetAsync("/api/v1/members?q=%C3%85BOLANDS")).ReadAsync<MemberPage>();
        ring.Items.Select(m => m.Id).ShouldBe([swedish.Id]);
        var ringLower = await (await Factory.Anonymous().GetAsync("/api/v1/members?q=%C3%A5bo")).ReadAsync<MemberPage>();
        ringLower.Items.Select(m => m.Id).ShouldBe([swedish.Id]);
    }

    [Fact]
    public async Task A_name_with_an_emoji_is_stored_and_read_back_as_written()
    {
        var admin = await Factory.AdminAsync();
        var created = await MemberRequests.CreateAsync(admin, MemberRequests.Body("Metsäretkeilijät 🌲 ry", "998"));
        var read = await (await admin.GetAsync($"/api/v1/members/{created.Id}").ShouldBe(HttpStatusCode.OK)).ReadAsync<MemberResponse>();
        read.Name.ShouldBe("Metsäretkeilijät 🌲 ry");
    }

    [Fact]
    public async Task List_is_in_finnish_alphabetical_order_with_a_ring_a_umlaut_o_umlaut_after_z()
    {
        var admin = await Factory.AdminAsync();
        string[] names = ["Östersundom ry", "Zeta ry", "ärrä ry", "Åland ry", "alfa ry", "Öljy Oy", "Beta ry", "äiti ry"];
        foreach (var name in names)
        {
            await MemberRequests.CreateAsync(admin, MemberRequests.Body(name, "777"));
        }
        var page = await (await admin.GetAsync("/api/v1/members?municipality=777&limit=200")).ReadAsync<MemberPage>();
        page.Items.Select(m => m.Name).ShouldBe(["alfa ry", "Beta ry", "Zeta ry", "Åland ry", "äiti ry", "ärrä ry", "Öljy Oy", "Östersundom ry"]);
    }

    [Fact]
    public async Task Paging_over_rows_created_concurrently_loses_and_repeats_nothing()
    {
        var admin = await Factory.AdminAsync();
        var created = await Task.WhenAll(Enumerable.Range(0, 120).Select(async i =>
        {
            var prefix = (i % 6) switch { 0 => "Ä", 1 => "Ö", 2 => "Å", 3 => "a", 4 => "Z", _ => "m" };
            return (await MemberRequests.CreateAsync(admin, MemberRequests.Body($"{prefix}-yhdistys {i % 10}", "778"))).Id;
        }));

        var seen = new List<MemberResponse>();
        string? cursor = null;
        do
        {
            var url = "/api/v1/members?municipality=778&limit=7" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}");
            var page = await (await admin.GetAsync(url).ShouldBe(HttpStatusCode.OK)).ReadAsync<MemberPage>();
            seen.AddRange(page.Items);
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        seen.Select(m => m.Id).ShouldBe(created, ignoreOrder: true);
        seen.Select(m => m.Id).Distinct().Count().ShouldBe(120);
        var all = await (await admin.GetAsync("/api/v1/members?municipality=778&limit=200")).ReadAsync<MemberPage>();
        seen.Select(m => m.Id).ShouldBe(all.Items.Select(m => m.Id));
    }

    [Fact]
    public async Task List_page_is_byte_identical_to_serialising_the_same_members_with_finnish_letters_nulls_and_escapes()
    {
        var admin = await Factory.AdminAsync();
        var full = MemberRequests.Body("Äänislinnan \"Åke\" \\ yhdistys <&> – öljyä", "994", "municipality", "youth", "culture", "social_health");
        full["description"] = "Rivinvaihto\nsarkain\tja \u2028 ja ohjausmerkki \u0001 ja emoji 😀";
        await MemberRequests.CreateAsync(admin, full);
        var sparse = MemberRequests.Body("Vähäinen ry", "994");
        foreach (var field in new[] { "businessId", "description", "website", "email", "phone", "address" })
        {
            sparse[field] = null;
        }
        sparse["membership"] = new { status = "ended", joinedOn = (string?)null, endedOn = "2025-12-31" };
        await MemberRequests.CreateAsync(admin, sparse);
        var partial = MemberRequests.Body("Osoitteeton Oy", "994", "company", "other");
        partial["address"] = new { street = (string?)null, postalCode = (string?)null, city = "Åland" };
        await MemberRequests.CreateAsync(admin, partial);
        var options = Factory.Services.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;

        foreach (var url in new[] { "/api/v1/members?municipality=994&limit=2", "/api/v1/members?municipality=994&limit=200" })
        {
            var response = await admin.GetAsync(url, noCache: true).ShouldBe(HttpStatusCode.OK);
            var listed = await response.Content.ReadAsByteArrayAsync();
            var page = JsonSerializer.Deserialize<MemberPage>(listed, Json.Options)!;
            page.Items.Count.ShouldBeGreaterThan(0);

            // Each item as GET /members/{id} serialises it (System.Text.Json through TypedResults.Ok).
            var items = new List<MemberResponse>();
            foreach (var item in page.Items)
            {
                items.Add(await (await admin.GetAsync($"/api/v1/members/{item.Id}").ShouldBe(HttpStatusCode.OK)).ReadAsync<MemberResponse>());
            }
            var expected = JsonSerializer.SerializeToUtf8Bytes(new MemberPage(items, page.NextCursor), options);

            System.Text.Encoding.UTF8.GetString(listed).ShouldBe(System.Text.Encoding.UTF8.GetString(expected));
            listed.ShouldBe(expected);
            response.Headers.ETag!.ToString().ShouldBe(ETags.ForPage(items.Select(m => (m.Id, m.Version)), page.NextCursor));
        }
    }

    [Fact]
    public async Task Filters_by_kind_sector_municipality_and_status()
    {
        var admin = await Factory.AdminAsync();
        var youth = await MemberRequests.CreateAsync(admin, MemberRequests.Body("Pyhäjoen Nuoret ry", "625", "association", "youth"));
        var company = await MemberRequests.CreateAsync(admin, MemberRequests.Body("Pyhäjoen Palvelu Oy", "625", "company", "employment"));
        var ended = MemberRequests.Body("Pyhäjoen Entinen ry", "625", "association", "youth");
        ended["membership"] = new { status = "ended", joinedOn = "2010-01-01", endedOn = "2020-01-01" };
        var endedMember = await MemberRequests.CreateAsync(admin, ended);

        async Task<IEnumerable<Guid>> Ids(string query) =>
            (await (await admin.GetAsync($"/api/v1/members?municipality=625&{query}")).ReadAsync<MemberPage>()).Items.Select(m => m.Id);

        (await Ids("kind=company")).ShouldBe([company.Id]);
        (await Ids("sector=youth")).ShouldBe([youth.Id, endedMember.Id], ignoreOrder: true);
        (await Ids("status=ended")).ShouldBe([endedMember.Id]);
        (await Ids("kind=association&status=active")).ShouldBe([youth.Id]);
    }
}

public sealed class MembersSqliteTests(SqliteApiFactory factory) : MembersContract<SqliteApiFactory>(factory);

public sealed class MembersSqlServerTests(SqlServerApiFactory factory) : MembersContract<SqlServerApiFactory>(factory);
