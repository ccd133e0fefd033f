using System.Net;
using System.Text.Json;
using CommunityHub.Api.Features.Events;
using CommunityHub.Api.Infrastructure.Data;
using CommunityHub.Api.Infrastructure.Http;
using CommunityHub.Api.Tests.Infrastructure;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Shouldly;

namespace CommunityHub.Api.Tests.Features.Events;

/// <summary>
/// The events list may be answered from memory: a cached answer must be byte-identical to one that reaches the
/// database (and to serialising the same events), every write it shows must make the next read fresh (registrations and
/// cancellations included: the page shows the counts), and who asks must be part of the key: anonymous callers and keys
/// read only public, published events, signed-in people all. Each test uses its own municipality.
/// </summary>
public abstract class EventListCacheContract<TFactory>(TFactory factory) : ContractTests<TFactory>(factory)
    where TFactory : ApiFactory
{
    private static readonly DateTimeOffset Start = DateTimeOffset.UtcNow.AddDays(30);

    private ResponseCache Cache => Factory.Services.GetRequiredService<ResponseCache>();

    private static CommunityEventPage Page(byte[] body) => JsonSerializer.Deserialize<CommunityEventPage>(body, Json.Options)!;

    [Fact]
    public async Task A_cached_page_is_byte_identical_to_an_uncached_one_and_to_serialising_the_same_events()
    {
        var admin = await Factory.AdminAsync();
        var organizer = await EventRequests.MemberAsync(admin, municipality: "992");
        var other = await EventRequests.MemberAsync(admin, "Toinen järjestäjä", "992");
        var full = EventRequests.Body([organizer, other], Start, "Ääni \"lainaus\" \\ ja\nrivi – åäö ÅÄÖ 😀", "992", capacity: 2);
        full["description"] = "Sarkain\tja </script> ja \u2028 ja ohjausmerkki \u0001.";
        full["keywords"] = new[] { "ö\"ljy", "</script>" };
        var published = await EventRequests.PublishedAsync(admin, full);
        await EventRequests.RegisterAsync(Factory.Anonymous(), published.Id, "Aino Ääninen", "aino@example.fi").ShouldBe(HttpStatusCode.Accepted);
        var sparse = EventRequests.Body([organizer], Start.AddHours(1), "Vähäinen", "992");
        sparse["description"] = null;
        sparse["venue"] = null;
        sparse["keywords"] = Array.Empty<string>();
        await EventRequests.CreateAsync(admin, sparse);
        await EventRequests.CreateAsync(admin, EventRequests.Body([organizer], Start.AddHours(2), "Jäsenille", "992", visibility: "members"));

        foreach (var (client, url) in new[]
        {
            (admin, "/api/v1/events?municipality=992&limit=2"),
            (admin, "/api/v1/events?municipality=992&limit=200"),
            (Factory.Anonymous(), "/api/v1/events?municipality=992&limit=200"),
        })
        {
            var first = await client.GetAsync(url).ShouldBe(HttpStatusCode.OK);
            var listed = await first.Content.ReadAsByteArrayAsync();
            var hits = Cache.Hits;
            var cached = await client.GetAsync(url).ShouldBe(HttpStatusCode.OK);
            Cache.Hits.ShouldBe(hits + 1, "the second identical request is answered from the cache");
            (await cached.Content.ReadAsByteArrayAsync()).ShouldBe(listed);
            cached.Headers.ETag!.ToString().ShouldBe(first.Headers.ETag!.ToString());
            var uncached = await client.GetAsync(url, noCache: true).ShouldBe(HttpStatusCode.OK);
            (await uncached.Content.ReadAsByteArrayAsync()).ShouldBe(listed);

            // Each item as GET /events/{id} serialises it (System.Text.Json through TypedResults.Ok).
            var page = Page(listed);
            page.Items.Count.ShouldBeGreaterThan(0);
            var items = new List<CommunityEventResponse>();
            foreach (var item in page.Items)
            {
                items.Add(await (await admin.GetAsync($"/api/v1/events/{item.Id}").ShouldBe(HttpStatusCode.OK)).ReadAsync<CommunityEventResponse>());
            }
            var options = Factory.Services.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
            var expected = JsonSerializer.SerializeToUtf8Bytes(new CommunityEventPage(items, page.NextCursor), options);
            System.Text.Encoding.UTF8.GetString(listed).ShouldBe(System.Text.Encoding.UTF8.GetString(expected));
            first.Headers.ETag!.ToString().ShouldBe(ETags.ForPage(items.Select(e => (e.Id, e.Version)), page.NextCursor));
        }
    }

    [Fact]
    public async Task Registrations_cancellations_and_event_writes_make_the_next_cached_read_fresh()
    {
        var admin = await Factory.AdminAsync();
        var anonymous = Factory.Anonymous();
        var organizer = await EventRequests.MemberAsync(admin, municipality: "297");
        var body = EventRequests.Body([organizer], Start, "Välimuistin tapahtuma", "297", capacity: 1);
        var published = await EventRequests.PublishedAsync(admin, body);
        const string url = "/api/v1/events?municipality=297&limit=50";
        CommunityEventResponse Listed(byte[] page) => Page(page).Items.Single(e => e.Id == published.Id);

        Listed(await anonymous.GetAsync(url).JsonBytesAsync()).ConfirmedCount.ShouldBe(0);
        var hits = Cache.Hits;
        Listed(await anonymous.GetAsync(url).JsonBytesAsync()).ConfirmedCount.ShouldBe(0);
        Cache.Hits.ShouldBe(hits + 1);

        var first = await (await EventRequests.RegisterAsync(admin, published.Id, "Leena Mattila", "leena@example.fi")
            .ShouldBe(HttpStatusCode.Created)).ReadAsync<RegistrationReceipt>();
        Listed(await anonymous.GetAsync(url).JsonBytesAsync()).ConfirmedCount.ShouldBe(1);
        await EventRequests.RegisterAsync(anonymous, published.Id, "Matti Virtanen", "matti@example.fi").ShouldBe(HttpStatusCode.Accepted);
        var full = Listed(await anonymous.GetAsync(url).JsonBytesAsync());
        (full.ConfirmedCount, full.WaitlistCount).ShouldBe((1, 1));

        // Cancelling the confirmed one promotes the waiting one.
        (await EventRequests.CancelAsync(anonymous, published.Id, first.Id, EventRequests.Token(first.Id)))
            .StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var promoted = Listed(await anonymous.GetAsync(url).JsonBytesAsync());
        (promoted.ConfirmedCount, promoted.WaitlistCount).ShouldBe((1, 0));

        body["title"] = "Välimuistin tapahtuma, päivitetty";
        body["capacity"] = 5;
        await admin.PutJsonAsync($"/api/v1/events/{published.Id}", body).ShouldBe(HttpStatusCode.OK);
        Listed(await anonymous.GetAsync(url).JsonBytesAsync()).Title.ShouldBe("Välimuistin tapahtuma, päivitetty");

        await EventRequests.MoveAsync(admin, published.Id, "cancelled");
        Listed(await anonymous.GetAsync(url).JsonBytesAsync()).Status.ShouldBe(EventStatus.Cancelled);

        await admin.DeleteAsync($"/api/v1/events/{published.Id}", null).ShouldBe(HttpStatusCode.NoContent);
        Page(await anonymous.GetAsync(url).JsonBytesAsync()).Items.Select(e => e.Id).ShouldNotContain(published.Id);
        (await anonymous.GetAsync(url).JsonBytesAsync()).ShouldBe(await anonymous.GetAsync(url, noCache: true).JsonBytesAsync());
    }

    [Fact]
    public async Task No_cache_reaches_the_database_while_the_cache_answers_the_others()
    {
        var admin = await Factory.AdminAsync();
        var organizer = await EventRequests.MemberAsync(admin, municipality: "609");
        var published = await EventRequests.PublishedAsync(admin, EventRequests.Body([organizer], Start, "Alkuperäinen otsikko", "609"));
        const string url = "/api/v1/events?municipality=609&limit=10";
        await admin.GetAsync(url).JsonBytesAsync();

        // Changed behind the API's back (no change-feed entry): only a request that reaches the database can see it.
        var db = Factory.Services.GetRequiredService<Db>();
        await using (var connection = await db.OpenAsync(CancellationToken.None))
        {
            await connection.ExecuteAsync("UPDATE events SET title = 'Suoraan kantaan' WHERE id = @Id", new { Id = published.Id.ToString() });
        }

        Page(await admin.GetAsync(url).JsonBytesAsync()).Items.Single(e => e.Id == published.Id).Title.ShouldBe("Alkuperäinen otsikko");
        Page(await admin.GetAsync(url, noCache: true).JsonBytesAsync()).Items.Single(e => e.Id == published.Id).Title.ShouldBe("Suoraan kantaan");
    }

    [Fact]
    public async Task Anonymous_callers_and_keys_never_get_a_coordinators_cached_page()
    {
        var admin = await Factory.AdminAsync();
        var organizer = await EventRequests.MemberAsync(admin, municipality: "564");
        // A time window of its own, so the other tests' events (in other municipalities) stay out of this page.
        var start = Start.AddDays(100);
        var draft = await EventRequests.CreateAsync(admin, EventRequests.Body([organizer], start, "Luonnos", "564"));
        var membersOnly = await EventRequests.PublishedAsync(admin, EventRequests.Body([organizer], start.AddHours(1), "Jäsenille", "564", visibility: "members"));
        var oulu = await EventRequests.PublishedAsync(admin, EventRequests.Body([organizer], start.AddHours(2), "Oulun julkinen", "564"));
        var helsinki = await EventRequests.PublishedAsync(admin, EventRequests.Body([organizer], start.AddHours(3), "Helsingin julkinen", "091"));
        static string At(DateTimeOffset t) => Uri.EscapeDataString(t.ToString("yyyy-MM-dd'T'HH:mm:ssK", System.Globalization.CultureInfo.InvariantCulture));
        var url = $"/api/v1/events?from={At(start.AddMinutes(-1))}&to={At(start.AddHours(4))}&limit=200";

        // A coordinator (an editor of the organising member) and the admin read everything, and their pages are cached.
        var editor = await Factory.AsAsync("member_editor", organizer);
        foreach (var person in new[] { admin, editor, admin, editor })
        {
            Page(await person.GetAsync(url).JsonBytesAsync()).Items.Select(e => e.Id).ShouldBe([draft.Id, membersOnly.Id, oulu.Id, helsinki.Id], ignoreOrder: true);
        }

        var anonymous = Factory.Anonymous();
        for (var i = 0; i < 2; i++)
        {
            Page(await anonymous.GetAsync(url).JsonBytesAsync()).Items.Select(e => e.Id).ShouldBe([oulu.Id, helsinki.Id], ignoreOrder: true);
        }
        var ouluKey = await EventRequests.ApiKeyClientAsync(Factory, "564", "events:read");
        var anyKey = await EventRequests.ApiKeyClientAsync(Factory, null, "events:read");
        for (var i = 0; i < 2; i++)
        {
            Page(await ouluKey.GetAsync(url).JsonBytesAsync()).Items.Select(e => e.Id).ShouldBe([oulu.Id]);
            Page(await anyKey.GetAsync(url).JsonBytesAsync()).Items.Select(e => e.Id).ShouldBe([oulu.Id, helsinki.Id], ignoreOrder: true);
        }

        // A key without events:read is refused whatever is cached.
        var pilotsOnly = await EventRequests.ApiKeyClientAsync(Factory, "564", "pilots:read");
        for (var i = 0; i < 2; i++)
        {
            await pilotsOnly.GetAsync(url).ShouldBeProblem(HttpStatusCode.Forbidden);
        }

        // Publishing the draft shows it to everyone at once.
        await EventRequests.MoveAsync(admin, draft.Id, "published");
        Page(await anonymous.GetAsync(url).JsonBytesAsync()).Items.Select(e => e.Id).ShouldContain(draft.Id);
        Page(await ouluKey.GetAsync(url).JsonBytesAsync()).Items.Select(e => e.Id).ShouldBe([draft.Id, oulu.Id]);
    }

    [Fact]
    public async Task If_none_match_answers_304_from_the_cache_and_200_after_a_registration()
    {
        var admin = await Factory.AdminAsync();
        var organizer = await EventRequests.MemberAsync(admin, municipality: "425");
        var published = await EventRequests.PublishedAsync(admin, EventRequests.Body([organizer], Start, "Limingan tapahtuma", "425"));
        const string url = "/api/v1/events?municipality=425";
        var anonymous = Factory.Anonymous();
        var first = await anonymous.GetAsync(url).ShouldBe(HttpStatusCode.OK);
        var etag = first.Headers.ETag!.ToString();

        var hits = Cache.Hits;
        var notModified = await anonymous.GetAsync(url, ifNoneMatch: etag);
        notModified.StatusCode.ShouldBe(HttpStatusCode.NotModified);
        notModified.Headers.ETag!.ToString().ShouldBe(etag);
        (await notModified.Content.ReadAsByteArrayAsync()).ShouldBeEmpty();
        Cache.Hits.ShouldBe(hits + 1);

        await EventRequests.RegisterAsync(anonymous, published.Id, "Aino", "aino.liminka@example.fi").ShouldBe(HttpStatusCode.Accepted);
        var changed = await anonymous.GetAsync(url, ifNoneMatch: etag).ShouldBe(HttpStatusCode.OK);
        changed.Headers.ETag!.ToString().ShouldNotBe(etag);
    }
}

public sealed class EventListCacheSqliteTests(SqliteApiFactory factory) : EventListCacheContract<SqliteApiFactory>(factory);

public sealed class EventListCacheSqlServerTests(SqlServerApiFactory factory) : EventListCacheContract<SqlServerApiFactory>(factory);
