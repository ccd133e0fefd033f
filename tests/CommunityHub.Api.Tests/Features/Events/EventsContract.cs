using System.Net;
using System.Text.Json;
using CommunityHub.Api.Features.Events;
using CommunityHub.Api.Features.Stats;
using CommunityHub.Api.Infrastructure.Data;
using CommunityHub.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Shouldly;

namespace CommunityHub.Api.Tests.Features.Events;

/// <summary>
/// The events contract over HTTP. The clock is a FakeTimeProvider that this class never moves (tokens are checked
/// against real time); "past" and "future" events are placed relative to it. Moving time is EventTimelineContract's.
/// </summary>
public abstract class EventsContract<TFactory> : ContractTests<TFactory>
    where TFactory : ApiFactory
{
    protected EventsContract(TFactory factory)
        : base(factory)
    {
        factory.Clock ??= new FakeTimeProvider(DateTimeOffset.UtcNow);
    }

    private DateTimeOffset Now => Factory.Clock!.GetUtcNow();

    // ---- lifecycle -------------------------------------------------------------------------------------------------

    [Fact]
    public async Task Create_returns_a_draft_with_etag_and_location_and_transitions_follow_the_lifecycle()
    {
        var admin = await Factory.AdminAsync();
        var organizer = await EventRequests.MemberAsync(admin);
        var body = EventRequests.Body([organizer], Now.AddDays(10), capacity: 30);
        var response = await admin.PostJsonAsync("/api/v1/events", body).ShouldBe(HttpStatusCode.Created);
        var created = await response.ReadAsync<CommunityEventResponse>();
        response.Headers.Location!.ToString().ShouldBe($"/api/v1/events/{created.Id}");
        response.Headers.ETag!.Tag.ShouldBe("\"1\"");
        created.Status.ShouldBe(EventStatus.Draft);
        created.OrganizerIds.ShouldBe([organizer]);
        created.Languages.ShouldBe([EventLanguage.Fi, EventLanguage.Sv]);
        created.Keywords.ShouldBe(["kumppanuus", "järjestöt"]);
        created.Capacity.ShouldBe(30);
        created.StartsAt.ShouldBe(DateTimeOffset.Parse((string)body["startsAt"]!, System.Globalization.CultureInfo.InvariantCulture));

        var illegal = await admin.PostJsonAsync($"/api/v1/events/{created.Id}/transitions", new { to = "completed" })
            .ShouldBeProblem(HttpStatusCode.Conflict);
        illegal.GetProperty("allowed").EnumerateArray().Select(a => a.GetString()).ShouldBe(["published", "cancelled"]);

        var published = await EventRequests.MoveAsync(admin, created.Id, "published");
        published.Status.ShouldBe(EventStatus.Published);
        published.PublishedAt.ShouldBe(Now);
        published.Version.ShouldBe(2);
        var completed = await EventRequests.MoveAsync(admin, created.Id, "completed");
        completed.Status.ShouldBe(EventStatus.Completed);

        var final = await admin.PostJsonAsync($"/api/v1/events/{created.Id}/transitions", new { to = "cancelled" })
            .ShouldBeProblem(HttpStatusCode.Conflict);
        final.GetProperty("allowed").GetArrayLength().ShouldBe(0);
        await admin.PutJsonAsync($"/api/v1/events/{created.Id}", body).ShouldBeProblem(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Transition_and_update_honour_if_match_and_put_ignores_read_only_fields()
    {
        var admin = await Factory.AdminAsync();
        var organizer = await EventRequests.MemberAsync(admin);
        var created = await EventRequests.CreateAsync(admin, EventRequests.Body([organizer], Now.AddDays(5)));

        using (var stale = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/events/{created.Id}/transitions"))
        {
            stale.Content = System.Net.Http.Json.JsonContent.Create(new { to = "published" });
            stale.Headers.TryAddWithoutValidation("If-Match", "\"7\"");
            (await admin.SendAsync(stale)).StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
        }

        var body = EventRequests.Body([organizer], Now.AddDays(6), title: "Uusi otsikko");
        body["status"] = "completed";
        body["confirmedCount"] = 99;
        var updated = await (await admin.PutJsonAsync($"/api/v1/events/{created.Id}", body, "\"1\"").ShouldBe(HttpStatusCode.OK))
            .ReadAsync<CommunityEventResponse>();
        updated.Title.ShouldBe("Uusi otsikko");
        updated.Status.ShouldBe(EventStatus.Draft);
        updated.ConfirmedCount.ShouldBe(0);
        updated.Version.ShouldBe(2);
        await admin.PutJsonAsync($"/api/v1/events/{created.Id}", body, "\"1\"").ShouldBeProblem(HttpStatusCode.PreconditionFailed);
        (await admin.GetAsync($"/api/v1/events/{created.Id}", "\"2\"")).StatusCode.ShouldBe(HttpStatusCode.NotModified);

        await admin.DeleteAsync($"/api/v1/events/{created.Id}", "\"2\"").ShouldBe(HttpStatusCode.NoContent);
        await admin.GetAsync($"/api/v1/events/{created.Id}").ShouldBeProblem(HttpStatusCode.NotFound);
    }

    // ---- visibility and roles --------------------------------------------------------------------------------------

    [Fact]
    public async Task Anonymous_and_api_keys_see_only_published_public_events_and_signed_in_roles_see_all()
    {
        var admin = await Factory.AdminAsync();
        var organizer = await EventRequests.MemberAsync(admin);
        var start = Now.AddDays(40);
        var draft = await EventRequests.CreateAsync(admin, EventRequests.Body([organizer], start, title: "Luonnos", municipality: "111"));
        var members = await EventRequests.PublishedAsync(admin, EventRequests.Body([organizer], start, title: "Jäsenille", municipality: "111", visibility: "members"));
        var open = await EventRequests.PublishedAsync(admin, EventRequests.Body([organizer], start, title: "Avoin Oulussa", municipality: "111"));
        var elsewhere = await EventRequests.PublishedAsync(admin, EventRequests.Body([organizer], start, title: "Avoin muualla", municipality: "112"));

        async Task<Guid[]> Ids(HttpClient client) =>
            (await (await client.GetAsync($"/api/v1/events?organizer={organizer}&limit=200").ShouldBe(HttpStatusCode.OK)).ReadAsync<CommunityEventPage>())
            .Items.Select(e => e.Id).ToArray();

        var anonymous = Factory.Anonymous();
        (await Ids(anonymous)).ShouldBe([open.Id, elsewhere.Id], ignoreOrder: true);
        await anonymous.GetAsync($"/api/v1/events/{draft.Id}").ShouldBeProblem(HttpStatusCode.NotFound);
        await anonymous.GetAsync($"/api/v1/events/{members.Id}").ShouldBeProblem(HttpStatusCode.NotFound);
        await anonymous.GetAsync($"/api/v1/events/{open.Id}").ShouldBe(HttpStatusCode.OK);

        var boundKey = await EventRequests.ApiKeyClientAsync(Factory, "111", "events:read");
        (await Ids(boundKey)).ShouldBe([open.Id]);
        await boundKey.GetAsync($"/api/v1/events/{elsewhere.Id}").ShouldBeProblem(HttpStatusCode.NotFound);
        await boundKey.GetAsync($"/api/v1/events/{members.Id}").ShouldBeProblem(HttpStatusCode.NotFound);
        await boundKey.GetAsync($"/api/v1/events/{open.Id}").ShouldBe(HttpStatusCode.OK);
        (await Ids(await EventRequests.ApiKeyClientAsync(Factory, null, "events:read"))).ShouldBe([open.Id, elsewhere.Id], ignoreOrder: true);
        await (await EventRequests.ApiKeyClientAsync(Factory, null, "members:read")).GetAsync("/api/v1/events").ShouldBeProblem(HttpStatusCode.Forbidden);
        await boundKey.PostJsonAsync("/api/v1/events", EventRequests.Body([organizer], start)).ShouldBeProblem(HttpStatusCode.Forbidden);

        var viewer = await Factory.AsAsync("viewer");
        (await Ids(viewer)).ShouldBe([draft.Id, members.Id, open.Id, elsewhere.Id], ignoreOrder: true);
        await viewer.GetAsync($"/api/v1/events/{draft.Id}").ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Member_editors_manage_only_events_their_member_organises()
    {
        var admin = await Factory.AdminAsync();
        var own = await EventRequests.MemberAsync(admin, "Oma yhdistys");
        var other = await EventRequests.MemberAsync(admin, "Toinen yhdistys");
        var editor = await Factory.AsAsync("member_editor", own);

        // Naming another member as co-organiser speaks for it: staff only.
        await editor.PostJsonAsync("/api/v1/events", EventRequests.Body([own, other], Now.AddDays(3))).ShouldBeProblem(HttpStatusCode.Forbidden);
        var mine = await EventRequests.CreateAsync(editor, EventRequests.Body([own], Now.AddDays(3)));
        await EventRequests.MoveAsync(editor, mine.Id, "published");
        await editor.PostJsonAsync("/api/v1/events", EventRequests.Body([other], Now.AddDays(3))).ShouldBeProblem(HttpStatusCode.Forbidden);
        // Removing its own member from the organisers would hand the event away: refused.
        await editor.PutJsonAsync($"/api/v1/events/{mine.Id}", EventRequests.Body([other], Now.AddDays(3))).ShouldBeProblem(HttpStatusCode.Forbidden);

        var theirs = await EventRequests.CreateAsync(admin, EventRequests.Body([other], Now.AddDays(3)));
        await editor.PutJsonAsync($"/api/v1/events/{theirs.Id}", EventRequests.Body([other], Now.AddDays(4))).ShouldBeProblem(HttpStatusCode.Forbidden);
        await editor.PostJsonAsync($"/api/v1/events/{theirs.Id}/transitions", new { to = "published" }).ShouldBeProblem(HttpStatusCode.Forbidden);

        var viewer = await Factory.AsAsync("viewer");
        await viewer.PostJsonAsync("/api/v1/events", EventRequests.Body([own], Now.AddDays(3))).ShouldBeProblem(HttpStatusCode.Forbidden);
        await Factory.Anonymous().PostJsonAsync("/api/v1/events", EventRequests.Body([own], Now.AddDays(3))).ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Member_editor_adds_or_removes_only_its_own_member_as_organiser_and_other_changes_take_staff()
    {
        var admin = await Factory.AdminAsync();
        var city = await EventRequests.MemberAsync(admin, "Kaupunki");
        var own = await EventRequests.MemberAsync(admin, "Oma yhdistys");
        var third = await EventRequests.MemberAsync(admin, "Kolmas yhdistys");
        var editor = await Factory.AsAsync("member_editor", own);
        var url = (Guid id) => $"/api/v1/events/{id}";

        // Staff made a city event with the editor's member as co-organiser.
        var shared = await EventRequests.CreateAsync(admin, EventRequests.Body([city, own], Now.AddDays(5)));
        await editor.PutJsonAsync(url(shared.Id), EventRequests.Body([own], Now.AddDays(5)), "\"1\"").ShouldBeProblem(HttpStatusCode.Forbidden);
        await editor.PutJsonAsync(url(shared.Id), EventRequests.Body([city, own, third], Now.AddDays(5)), "\"1\"")
            .ShouldBeProblem(HttpStatusCode.Forbidden);
        var unchanged = await (await admin.GetAsync(url(shared.Id)).ShouldBe(HttpStatusCode.OK)).ReadAsync<CommunityEventResponse>();
        unchanged.OrganizerIds.ShouldBe([city, own], ignoreOrder: true);
        unchanged.Version.ShouldBe(1);

        // Editing the rest while the organisers stay as they are is fine; so is stepping down itself.
        await editor.PutJsonAsync(url(shared.Id), EventRequests.Body([own, city], Now.AddDays(6)), "\"1\"").ShouldBe(HttpStatusCode.OK);
        var left = await (await editor.PutJsonAsync(url(shared.Id), EventRequests.Body([city], Now.AddDays(6)), "\"2\"")
            .ShouldBe(HttpStatusCode.OK)).ReadAsync<CommunityEventResponse>();
        left.OrganizerIds.ShouldBe([city]);
        await editor.PutJsonAsync(url(shared.Id), EventRequests.Body([city, own], Now.AddDays(6)), "\"3\"").ShouldBeProblem(HttpStatusCode.Forbidden);

        // Creating: only its own member; naming the city as co-organiser (and then publishing) never happens.
        await editor.PostJsonAsync("/api/v1/events", EventRequests.Body([own, city], Now.AddDays(7))).ShouldBeProblem(HttpStatusCode.Forbidden);
        var mine = await EventRequests.CreateAsync(editor, EventRequests.Body([own], Now.AddDays(7)));
        await EventRequests.MoveAsync(editor, mine.Id, "published");
        await editor.PutJsonAsync(url(mine.Id), EventRequests.Body([own, city], Now.AddDays(7)), "\"2\"").ShouldBeProblem(HttpStatusCode.Forbidden);

        // Staff change anyone.
        var staff = await Factory.AsAsync("staff");
        await staff.PutJsonAsync(url(mine.Id), EventRequests.Body([own, city], Now.AddDays(7)), "\"2\"").ShouldBe(HttpStatusCode.OK);
    }

    // ---- filters and paging ----------------------------------------------------------------------------------------

    [Fact]
    public async Task Filters_select_overlapping_times_municipality_organizer_status_and_finnish_text()
    {
        var admin = await Factory.AdminAsync();
        var first = await EventRequests.MemberAsync(admin);
        var second = await EventRequests.MemberAsync(admin);
        var baseTime = new DateTimeOffset(2031, 3, 10, 12, 0, 0, TimeSpan.Zero);
        var early = await EventRequests.CreateAsync(admin, EventRequests.Body([first], baseTime, title: "ÄÄNEKOSKEN nuorisoilta", municipality: "992"));
        var late = await EventRequests.CreateAsync(admin, EventRequests.Body([second], baseTime.AddDays(2), title: "Aanekosken messut", municipality: "992"));
        var other = await EventRequests.PublishedAsync(admin, EventRequests.Body([first, second], baseTime.AddDays(1), title: "Pyhäjoen kesäilta", municipality: "625"));

        async Task<Guid[]> Ids(string query) =>
            (await (await admin.GetAsync($"/api/v1/events?{query}").ShouldBe(HttpStatusCode.OK)).ReadAsync<CommunityEventPage>()).Items.Select(e => e.Id).ToArray();

        // early runs 12:00–15:00 on day 0: an interval ending at 12:00 does not overlap it, one ending 12:01 does.
        (await Ids("from=2031-03-10T00:00:00Z&to=2031-03-10T12:00:00Z")).ShouldBeEmpty();
        (await Ids("from=2031-03-10T00:00:00Z&to=2031-03-10T14:01:00%2B02:00")).ShouldBe([early.Id]);
        (await Ids("from=2031-03-10T15:00:00Z&to=2031-03-12T12:00:01Z")).ShouldBe([other.Id, late.Id]);
        (await Ids("from=2031-03-10T14:59:00Z&to=2031-03-13T00:00:00Z")).ShouldBe([early.Id, other.Id, late.Id]);
        (await Ids("from=2031-03-01T00:00:00Z&municipality=992")).ShouldBe([early.Id, late.Id]);
        (await Ids($"from=2031-03-01T00:00:00Z&organizer={second}")).ShouldBe([other.Id, late.Id]);
        (await Ids("from=2031-03-01T00:00:00Z&status=published")).ShouldBe([other.Id]);
        (await Ids("from=2031-03-01T00:00:00Z&q=%C3%A4%C3%A4nekosken")).ShouldBe([early.Id]);
        (await Ids("from=2031-03-01T00:00:00Z&q=aanekosken")).ShouldBe([late.Id]);
    }

    [Fact]
    public async Task Keyset_paging_by_start_time_repeats_and_skips_nothing_among_equal_start_times()
    {
        var admin = await Factory.AdminAsync();
        var organizer = await EventRequests.MemberAsync(admin);
        var baseTime = new DateTimeOffset(2032, 5, 1, 9, 0, 0, TimeSpan.Zero);
        var created = new List<Guid>();
        for (var i = 0; i < 23; i++)
        {
            created.Add((await EventRequests.CreateAsync(admin, EventRequests.Body([organizer], baseTime.AddHours(i % 4), title: $"Tapahtuma {i}"))).Id);
        }
        var seen = new List<CommunityEventResponse>();
        string? cursor = null;
        do
        {
            var url = $"/api/v1/events?organizer={organizer}&limit=5" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}");
            var page = await (await admin.GetAsync(url).ShouldBe(HttpStatusCode.OK)).ReadAsync<CommunityEventPage>();
            seen.AddRange(page.Items);
            cursor = page.NextCursor;
        }
        while (cursor is not null);
        seen.Select(e => e.Id).ShouldBe(created, ignoreOrder: true);
        seen.Select(e => e.Id).Distinct().Count().ShouldBe(23);
        seen.Select(e => (e.StartsAt, e.Id.ToString())).ShouldBe(seen.Select(e => (e.StartsAt, e.Id.ToString())).OrderBy(k => k.StartsAt).ThenBy(k => k.Item2, StringComparer.Ordinal));
    }

    // ---- bad input -------------------------------------------------------------------------------------------------

    [Fact]
    public async Task Bad_input_is_a_400_naming_the_field()
    {
        var admin = await Factory.AdminAsync();
        var organizer = await EventRequests.MemberAsync(admin);
        Dictionary<string, object?> Body() => EventRequests.Body([organizer], Now.AddDays(2));

        async Task Expect(Dictionary<string, object?> body, string field) =>
            await admin.PostJsonAsync("/api/v1/events", body).ShouldBeProblem(HttpStatusCode.BadRequest, field);

        var noOffset = Body();
        noOffset["startsAt"] = "2031-05-01T17:00:00";
        await Expect(noOffset, "startsAt");
        var endsBefore = Body();
        endsBefore["endsAt"] = Now.AddDays(1).ToString("O");
        await Expect(endsBefore, "endsAt");
        var visibility = Body();
        visibility["visibility"] = "secret";
        await Expect(visibility, "visibility");
        var language = Body();
        language["languages"] = new[] { "de" };
        await Expect(language, "languages[0]");
        var capacity = Body();
        capacity["capacity"] = "ten";
        await Expect(capacity, "capacity");
        var zero = Body();
        zero["capacity"] = 0;
        await Expect(zero, "capacity");
        var title = Body();
        title["title"] = new string('x', 201);
        await Expect(title, "title");
        var unknownOrganizer = Body();
        unknownOrganizer["organizerIds"] = new[] { Guid.NewGuid() };
        await Expect(unknownOrganizer, "organizerIds");
        var noOrganizer = Body();
        noOrganizer["organizerIds"] = Array.Empty<Guid>();
        await Expect(noOrganizer, "organizerIds");
        var partnership = Body();
        partnership["partnershipId"] = Guid.NewGuid();
        await Expect(partnership, "partnershipId");
        var pilot = Body();
        pilot["pilotId"] = Guid.NewGuid();
        await Expect(pilot, "pilotId");
        var badId = Body();
        badId["partnershipId"] = "not-a-guid";
        await Expect(badId, "partnershipId");
        var municipality = Body();
        municipality["municipalityCode"] = "56";
        await Expect(municipality, "municipalityCode");
        await admin.PostRawAsync("/api/v1/events", "{\"title\": ").ShouldBeProblem(HttpStatusCode.BadRequest);
        await admin.PostRawAsync("/api/v1/events", "{}", "text/plain").ShouldBeProblem(HttpStatusCode.UnsupportedMediaType);

        var anonymous = Factory.Anonymous();
        await anonymous.GetAsync("/api/v1/events?from=2031-05-01T17:00:00").ShouldBeProblem(HttpStatusCode.BadRequest, "from");
        await anonymous.GetAsync("/api/v1/events?to=tomorrow").ShouldBeProblem(HttpStatusCode.BadRequest, "to");
        await anonymous.GetAsync("/api/v1/events?status=postponed").ShouldBeProblem(HttpStatusCode.BadRequest, "status");
        await anonymous.GetAsync("/api/v1/events?municipality=1").ShouldBeProblem(HttpStatusCode.BadRequest, "municipality");
        await anonymous.GetAsync("/api/v1/events?organizer=nope").ShouldBeProblem(HttpStatusCode.BadRequest, "organizer");
        await anonymous.GetAsync("/api/v1/events?limit=0").ShouldBeProblem(HttpStatusCode.BadRequest, "limit");
        await anonymous.GetAsync("/api/v1/events?limit=201").ShouldBeProblem(HttpStatusCode.BadRequest, "limit");
        await anonymous.GetAsync("/api/v1/events?cursor=garbage").ShouldBeProblem(HttpStatusCode.BadRequest, "cursor");
        var memberCursor = CommunityHub.Api.Infrastructure.Http.Cursor.Encode("members", "A", Guid.NewGuid().ToString());
        await anonymous.GetAsync($"/api/v1/events?cursor={memberCursor}").ShouldBeProblem(HttpStatusCode.BadRequest, "cursor");
        (await admin.GetAsync("/api/v1/events/not-a-guid")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        await anonymous.GetAsync($"/api/v1/events/{Guid.NewGuid()}").ShouldBeProblem(HttpStatusCode.NotFound);

        var created = await EventRequests.PublishedAsync(admin, Body());
        await admin.PostJsonAsync($"/api/v1/events/{created.Id}/transitions", new { to = "archived" }).ShouldBeProblem(HttpStatusCode.BadRequest, "to");
        await admin.PostJsonAsync($"/api/v1/events/{created.Id}/transitions", new { }).ShouldBeProblem(HttpStatusCode.BadRequest, "to");
        await anonymous.PostJsonAsync($"/api/v1/events/{created.Id}/registrations", new { name = "A", email = "not-an-email" })
            .ShouldBeProblem(HttpStatusCode.BadRequest, "email");
        await anonymous.PostJsonAsync($"/api/v1/events/{created.Id}/registrations", new { name = "Aino", email = "aino@example.fi", memberId = Guid.NewGuid() })
            .ShouldBeProblem(HttpStatusCode.BadRequest, "memberId");
        await anonymous.PostJsonAsync($"/api/v1/events/{created.Id}/feedback", new { rating = 6 }).ShouldBeProblem(HttpStatusCode.BadRequest, "rating");
        await anonymous.PostJsonAsync($"/api/v1/events/{created.Id}/feedback", new { rating = "good" }).ShouldBeProblem(HttpStatusCode.BadRequest, "rating");
        await admin.GetAsync($"/api/v1/events/{created.Id}/registrations?cursor=zzz").ShouldBeProblem(HttpStatusCode.BadRequest, "cursor");
        await admin.GetAsync($"/api/v1/events/{created.Id}/registrations?status=maybe").ShouldBeProblem(HttpStatusCode.BadRequest, "status");
    }

    // ---- registration ----------------------------------------------------------------------------------------------

    [Fact]
    public async Task Registration_confirms_then_waitlists_and_refuses_duplicate_email_case_insensitively()
    {
        var admin = await Factory.AdminAsync();
        var organizer = await EventRequests.MemberAsync(admin);
        var published = await EventRequests.PublishedAsync(admin, EventRequests.Body([organizer], Now.AddDays(7), capacity: 1));
        var anonymous = Factory.Anonymous();

        // Staff registering someone learn where they stand (201); the cancel token goes only to the address, by mail.
        var first = await (await EventRequests.RegisterAsync(admin, published.Id, "Leena Mattila", "Leena.Mattila@example.fi")
            .ShouldBe(HttpStatusCode.Created)).ReadAsync<RegistrationReceipt>();
        first.Status.ShouldBe(RegistrationStatus.Confirmed);
        first.WaitlistPosition.ShouldBeNull();

        var second = await (await EventRequests.RegisterAsync(admin, published.Id, "Jukka Salonen", "jukka@example.fi")
            .ShouldBe(HttpStatusCode.Created)).ReadAsync<RegistrationReceipt>();
        second.Status.ShouldBe(RegistrationStatus.Waitlisted);
        second.WaitlistPosition.ShouldBe(1);
        var body = await (await EventRequests.RegisterAsync(admin, published.Id, "Kaisa", "kaisa@example.fi").ShouldBe(HttpStatusCode.Created))
            .Content.ReadAsStringAsync();
        body.ShouldNotContain("token", Case.Insensitive);

        // For staff a duplicate is a plain 409; anonymous callers get the same 202 as for a new address (see MailContract).
        var duplicate = await EventRequests.RegisterAsync(admin, published.Id, "Leena M", "LEENA.MATTILA@EXAMPLE.FI").ShouldBeProblem(HttpStatusCode.Conflict);
        duplicate.GetProperty("detail").GetString()!.ShouldContain("already registered");
        await EventRequests.RegisterAsync(anonymous, published.Id, "Leena M", "LEENA.MATTILA@EXAMPLE.FI").ShouldBe(HttpStatusCode.Accepted);

        var current = await (await anonymous.GetAsync($"/api/v1/events/{published.Id}")).ReadAsync<CommunityEventResponse>();
        current.ConfirmedCount.ShouldBe(1);
        current.WaitlistCount.ShouldBe(2);
        current.Version.ShouldBe(published.Version + 3);
    }

    [Fact]
    public async Task Registration_is_refused_for_cancelled_draft_members_only_and_closed_events()
    {
        var admin = await Factory.AdminAsync();
        var organizer = await EventRequests.MemberAsync(admin);
        var anonymous = Factory.Anonymous();

        var cancelled = await EventRequests.PublishedAsync(admin, EventRequests.Body([organizer], Now.AddDays(7)));
        await EventRequests.MoveAsync(admin, cancelled.Id, "cancelled");
        var problem = await EventRequests.RegisterAsync(anonymous, cancelled.Id, "Aino Jokela", "aino@example.fi").ShouldBeProblem(HttpStatusCode.Conflict);
        problem.GetProperty("detail").GetString()!.ShouldContain("cancelled");

        var draft = await EventRequests.CreateAsync(admin, EventRequests.Body([organizer], Now.AddDays(7)));
        await EventRequests.RegisterAsync(anonymous, draft.Id, "Aino Jokela", "aino@example.fi").ShouldBeProblem(HttpStatusCode.NotFound);
        await EventRequests.RegisterAsync(admin, draft.Id, "Aino Jokela", "aino@example.fi").ShouldBeProblem(HttpStatusCode.Conflict);

        var membersOnly = await EventRequests.PublishedAsync(admin, EventRequests.Body([organizer], Now.AddDays(7), visibility: "members"));
        await EventRequests.RegisterAsync(anonymous, membersOnly.Id, "Aino Jokela", "aino@example.fi").ShouldBeProblem(HttpStatusCode.NotFound);
        var viewer = await Factory.AsAsync("viewer");
        await EventRequests.RegisterAsync(viewer, membersOnly.Id, "Ville Katselija", "ville@example.fi").ShouldBe(HttpStatusCode.Accepted);

        var started = await EventRequests.PublishedAsync(admin, EventRequests.Body([organizer], Now.AddHours(-1)));
        var closed = await EventRequests.RegisterAsync(anonymous, started.Id, "Aino Jokela", "aino@example.fi").ShouldBeProblem(HttpStatusCode.Conflict);
        closed.GetProperty("detail").GetString()!.ShouldContain("closed");

        var notYet = EventRequests.Body([organizer], Now.AddDays(7));
        notYet["registrationOpensAt"] = Now.AddDays(1).ToString("O");
        var later = await EventRequests.PublishedAsync(admin, notYet);
        var opens = await EventRequests.RegisterAsync(anonymous, later.Id, "Aino Jokela", "aino@example.fi").ShouldBeProblem(HttpStatusCode.Conflict);
        opens.GetProperty("detail").GetString()!.ShouldContain("not opened");

        await EventRequests.RegisterAsync(anonymous, Guid.NewGuid(), "Aino Jokela", "aino@example.fi").ShouldBeProblem(HttpStatusCode.NotFound);
        await EventRequests.RegisterAsync(await EventRequests.ApiKeyClientAsync(Factory, null, "events:read"), started.Id, "Kone", "kone@example.fi")
            .ShouldBeProblem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task API_keys_may_not_register_cancel_or_give_feedback()
    {
        var admin = await Factory.AdminAsync();
        var organizer = await EventRequests.MemberAsync(admin);
        var started = await EventRequests.PublishedAsync(admin, EventRequests.Body([organizer], Now.AddHours(-1)));
        var key = await EventRequests.ApiKeyClientAsync(Factory, null, "events:read");

        await EventRequests.RegisterAsync(key, started.Id, "Kone", "kone@example.fi").ShouldBeProblem(HttpStatusCode.Forbidden);
        await key.DeleteAsync($"/api/v1/events/{started.Id}/registrations/{Guid.NewGuid()}").ShouldBeProblem(HttpStatusCode.Forbidden);
        await EventRequests.CancelAsync(key, started.Id, Guid.NewGuid(), "any").ShouldBeProblem(HttpStatusCode.Forbidden);
        await key.PostJsonAsync($"/api/v1/events/{started.Id}/feedback", new { rating = 4 }).ShouldBeProblem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_retry_with_the_same_idempotency_key_returns_the_first_answer_without_registering_twice()
    {
        var admin = await Factory.AdminAsync();
        var organizer = await EventRequests.MemberAsync(admin);
        var published = await EventRequests.PublishedAsync(admin, EventRequests.Body([organizer], Now.AddDays(7), capacity: 1));
        var anonymous = Factory.Anonymous();
        await EventRequests.RegisterAsync(anonymous, published.Id, "Ensimmäinen", "first@example.fi").ShouldBe(HttpStatusCode.Accepted);

        // Staff get the registration's place; a retry answers the same.
        var key = Guid.NewGuid().ToString();
        var first = await (await EventRequests.RegisterAsync(admin, published.Id, "Kalle Niskanen", "kalle@example.fi", key)
            .ShouldBe(HttpStatusCode.Created)).ReadAsync<RegistrationReceipt>();
        var retry = await (await EventRequests.RegisterAsync(admin, published.Id, "Kalle Niskanen", "kalle@example.fi", key)
            .ShouldBe(HttpStatusCode.Created)).ReadAsync<RegistrationReceipt>();
        retry.ShouldBe(first);
        first.Status.ShouldBe(RegistrationStatus.Waitlisted);

        // Concurrent anonymous retries of one key also yield one registration, each answered alike.
        var other = Guid.NewGuid().ToString();
        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
            await (await EventRequests.RegisterAsync(anonymous, published.Id, "Fatima Ali", "fatima@example.fi", other)
                .ShouldBe(HttpStatusCode.Accepted)).Content.ReadAsStringAsync()));
        answers.Distinct().Count().ShouldBe(1);

        // The same key with another body is not a replay: 422, as Stripe answers it.
        await EventRequests.RegisterAsync(anonymous, published.Id, "Joku muu", "someone@example.fi", key).ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        var all = await (await admin.GetAsync($"/api/v1/events/{published.Id}/registrations").ShouldBe(HttpStatusCode.OK)).ReadAsync<RegistrationPage>();
        all.Items.Count.ShouldBe(3);
        var current = await (await admin.GetAsync($"/api/v1/events/{published.Id}")).ReadAsync<CommunityEventResponse>();
        current.WaitlistCount.ShouldBe(2);
    }

    [Fact]
    public async Task An_idempotency_key_replays_only_the_same_body_and_another_body_is_422_without_registering()
    {
        var admin = await Factory.AdminAsync();
        var organizer = await EventRequests.MemberAsync(admin);
        var published = await EventRequests.PublishedAsync(admin, EventRequests.Body([organizer], Now.AddDays(7)));
        var anonymous = Factory.Anonymous();
        var url = $"/api/v1/events/{published.Id}/registrations";

        async Task<HttpResponseMessage> Send(string body, string key)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
            request.Headers.Add("Idempotency-Key", key);
            return await anonymous.SendAsync(request);
        }

        var key = Guid.NewGuid().ToString();
        var first = await (await Send("""{"name":"Sanna Virtanen","email":"sanna@example.fi","notes":"Gluteeniton"}""", key)
            .ShouldBe(HttpStatusCode.Accepted)).Content.ReadAsStringAsync();
        // The same request, spaced and ordered differently: a replay of the first answer.
        var replay = await (await Send("""{ "email": "sanna@example.fi", "notes": "Gluteeniton", "name": "Sanna Virtanen" }""", key)
            .ShouldBe(HttpStatusCode.Accepted)).Content.ReadAsStringAsync();
        replay.ShouldBe(first);
        // Same email, another field: not the same request.
        var problem = await Send("""{"name":"Sanna Virtanen","email":"sanna@example.fi","notes":"Laktoositon"}""", key)
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        problem.GetProperty("detail").GetString()!.ShouldContain("Idempotency-Key");

        var list = await (await admin.GetAsync($"{url}?limit=200").ShouldBe(HttpStatusCode.OK)).ReadAsync<RegistrationPage>();
        list.Items.Count.ShouldBe(1);
        list.Items.Single().Notes.ShouldBe("Gluteeniton");
    }

    [Fact]
    public async Task An_anonymous_duplicate_registration_answers_exactly_like_a_new_one()
    {
        var admin = await Factory.AdminAsync();
        var organizer = await EventRequests.MemberAsync(admin);
        var published = await EventRequests.PublishedAsync(admin, EventRequests.Body([organizer], Now.AddDays(7)));
        var anonymous = Factory.Anonymous();
        var fresh = await EventRequests.RegisterAsync(anonymous, published.Id, "Pekka", "Pekka.Korhonen@Example.fi").ShouldBe(HttpStatusCode.Accepted);

        var again = await EventRequests.RegisterAsync(anonymous, published.Id, "Joku", "pekka.korhonen@example.fi").ShouldBe(HttpStatusCode.Accepted);
        var body = await again.Content.ReadAsStringAsync();
        body.ShouldBe(await fresh.Content.ReadAsStringAsync());
        again.Content.Headers.ContentType!.ToString().ShouldBe(fresh.Content.Headers.ContentType!.ToString());
        again.Headers.Location.ShouldBeNull();
        fresh.Headers.Location.ShouldBeNull();
        body.ShouldNotContain("pekka.korhonen", Case.Insensitive);
        body.ShouldContain("email");
        var current = await (await admin.GetAsync($"/api/v1/events/{published.Id}")).ReadAsync<CommunityEventResponse>();
        current.ConfirmedCount.ShouldBe(1);
    }

    [Fact]
    public async Task Two_hundred_concurrent_registrations_for_twenty_seats_confirm_exactly_twenty()
    {
        var admin = await Factory.AdminAsync();
        var organizer = await EventRequests.MemberAsync(admin);
        var published = await EventRequests.PublishedAsync(admin, EventRequests.Body([organizer], Now.AddDays(14), capacity: 20));

        await Task.WhenAll(Enumerable.Range(0, 200).Select(async i =>
        {
            var client = Factory.Anonymous();
            await EventRequests.RegisterAsync(client, published.Id, $"Osallistuja {i}", $"osallistuja{i}@example.fi")
                .ShouldBe(HttpStatusCode.Accepted);
        }));

        var listed = new List<RegistrationResponse>();
        string? cursor = null;
        do
        {
            var url = $"/api/v1/events/{published.Id}/registrations?limit=70" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}");
            var page = await (await admin.GetAsync(url).ShouldBe(HttpStatusCode.OK)).ReadAsync<RegistrationPage>();
            listed.AddRange(page.Items);
            cursor = page.NextCursor;
        }
        while (cursor is not null);
        listed.Count.ShouldBe(200);
        listed.Select(r => r.Id).Distinct().Count().ShouldBe(200);
        listed.Select(r => r.Email).Distinct().Count().ShouldBe(200);
        listed.Count(r => r.Status == RegistrationStatus.Confirmed).ShouldBe(20);
        listed.Where(r => r.Status == RegistrationStatus.Waitlisted).Select(r => r.WaitlistPosition!.Value).ShouldBe(Enumerable.Range(1, 180));

        var current = await (await admin.GetAsync($"/api/v1/events/{published.Id}")).ReadAsync<CommunityEventResponse>();
        current.ConfirmedCount.ShouldBe(20);
        current.WaitlistCount.ShouldBe(180);
        current.Version.ShouldBe(published.Version + 200);
    }

    [Fact]
    public async Task Cancelling_with_the_token_frees_the_seat_for_the_first_on_the_waiting_list()
    {
        var admin = await Factory.AdminAsync();
        var organizer = await EventRequests.MemberAsync(admin);
        var published = await EventRequests.PublishedAsync(admin, EventRequests.Body([organizer], Now.AddDays(7), capacity: 2));
        var anonymous = Factory.Anonymous();
        var receipts = new List<RegistrationReceipt>();
        foreach (var name in new[] { "Aino", "Eero", "Fatima", "Irja", "Kalle" })
        {
            receipts.Add(await (await EventRequests.RegisterAsync(admin, published.Id, name, $"{name.ToLowerInvariant()}@example.fi")
                .ShouldBe(HttpStatusCode.Created)).ReadAsync<RegistrationReceipt>());
        }
        receipts.Select(r => r.WaitlistPosition).ShouldBe([null, null, 1, 2, 3]);

        await EventRequests.CancelAsync(anonymous, published.Id, receipts[0].Id, "wrong-token").ShouldBeProblem(HttpStatusCode.NotFound);
        await EventRequests.CancelAsync(anonymous, published.Id, receipts[0].Id, EventRequests.Token(receipts[1].Id)).ShouldBeProblem(HttpStatusCode.NotFound);
        await anonymous.PostJsonAsync($"/api/v1/events/{published.Id}/registrations/{receipts[0].Id}/cancel", new { })
            .ShouldBeProblem(HttpStatusCode.BadRequest, "cancelToken");
        await anonymous.DeleteAsync($"/api/v1/events/{published.Id}/registrations/{receipts[0].Id}").ShouldBeProblem(HttpStatusCode.Unauthorized);
        // The token no longer travels in the address: 400, naming where it goes now, and nothing is cancelled.
        var moved = await anonymous.DeleteAsync(
                $"/api/v1/events/{published.Id}/registrations/{receipts[0].Id}?token={Uri.EscapeDataString(EventRequests.Token(receipts[0].Id))}")
            .ShouldBeProblem(HttpStatusCode.BadRequest, "token");
        moved.GetProperty("errors").GetProperty("token")[0].GetString()!.ShouldContain("/cancel");

        await EventRequests.CancelAsync(anonymous, published.Id, receipts[0].Id, EventRequests.Token(receipts[0].Id)).ShouldBe(HttpStatusCode.NoContent);

        async Task<Dictionary<Guid, RegistrationResponse>> Listed() =>
            (await (await admin.GetAsync($"/api/v1/events/{published.Id}/registrations").ShouldBe(HttpStatusCode.OK)).ReadAsync<RegistrationPage>())
            .Items.ToDictionary(r => r.Id);

        var after = await Listed();
        after[receipts[0].Id].Status.ShouldBe(RegistrationStatus.Cancelled);
        after[receipts[2].Id].Status.ShouldBe(RegistrationStatus.Confirmed);
        after[receipts[3].Id].WaitlistPosition.ShouldBe(1);
        after[receipts[4].Id].WaitlistPosition.ShouldBe(2);

        // Staff cancel without a token; the next in line moves up.
        await admin.DeleteAsync($"/api/v1/events/{published.Id}/registrations/{receipts[1].Id}", null).ShouldBe(HttpStatusCode.NoContent);
        var last = await Listed();
        last[receipts[3].Id].Status.ShouldBe(RegistrationStatus.Confirmed);
        last[receipts[4].Id].WaitlistPosition.ShouldBe(1);
        var current = await (await admin.GetAsync($"/api/v1/events/{published.Id}")).ReadAsync<CommunityEventResponse>();
        current.ConfirmedCount.ShouldBe(2);
        current.WaitlistCount.ShouldBe(1);

        // The same email may register again once its registration is cancelled.
        await EventRequests.RegisterAsync(admin, published.Id, "Aino", "aino@example.fi").ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_registrations_page_answers_its_old_etag_with_200_once_a_place_on_it_moved_up()
    {
        var admin = await Factory.AdminAsync();
        var organizer = await EventRequests.MemberAsync(admin);
        var published = await EventRequests.PublishedAsync(admin, EventRequests.Body([organizer], Now.AddDays(8), capacity: 1));
        var anonymous = Factory.Anonymous();
        var receipts = new List<RegistrationReceipt>();
        foreach (var name in new[] { "Aino", "Eero", "Fatima" })
        {
            receipts.Add(await (await EventRequests.RegisterAsync(admin, published.Id, name, $"{name.ToLowerInvariant()}@example.fi")
                .ShouldBe(HttpStatusCode.Created)).ReadAsync<RegistrationReceipt>());
        }
        receipts.Select(r => r.WaitlistPosition).ShouldBe([null, 1, 2]);
        var first = await (await admin.GetAsync($"/api/v1/events/{published.Id}/registrations?limit=2").ShouldBe(HttpStatusCode.OK))
            .ReadAsync<RegistrationPage>();
        var url = $"/api/v1/events/{published.Id}/registrations?limit=2&cursor={Uri.EscapeDataString(first.NextCursor!)}";
        var before = await admin.GetAsync(url).ShouldBe(HttpStatusCode.OK);
        (await before.ReadAsync<RegistrationPage>()).Items.Single().WaitlistPosition.ShouldBe(2);
        var oldTag = before.Headers.ETag!.ToString();
        (await admin.GetAsync(url, oldTag)).StatusCode.ShouldBe(HttpStatusCode.NotModified);

        // Eero, on the first page, leaves the waiting list: Fatima's place on the second page moves up though her row does not change.
        await admin.DeleteAsync($"/api/v1/events/{published.Id}/registrations/{receipts[1].Id}", null).ShouldBe(HttpStatusCode.NoContent);
        var after = await admin.GetAsync(url, oldTag).ShouldBe(HttpStatusCode.OK);
        (await after.ReadAsync<RegistrationPage>()).Items.Single().WaitlistPosition.ShouldBe(1);
        (await admin.GetAsync(url, after.Headers.ETag!.ToString())).StatusCode.ShouldBe(HttpStatusCode.NotModified);
    }

    [Fact]
    public async Task Raising_capacity_promotes_the_waiting_list_and_every_seat_change_is_in_the_change_feed()
    {
        var admin = await Factory.AdminAsync();
        var organizer = await EventRequests.MemberAsync(admin);
        var body = EventRequests.Body([organizer], Now.AddDays(7), capacity: 1);
        var published = await EventRequests.PublishedAsync(admin, body);
        var anonymous = Factory.Anonymous();
        var receipts = new List<RegistrationReceipt>();
        foreach (var name in new[] { "Aino", "Eero", "Fatima" })
        {
            receipts.Add(await (await EventRequests.RegisterAsync(admin, published.Id, name, $"{name}@example.fi")).ReadAsync<RegistrationReceipt>());
        }
        await EventRequests.CancelAsync(anonymous, published.Id, receipts[2].Id, EventRequests.Token(receipts[2].Id))
            .ShouldBe(HttpStatusCode.NoContent);

        body["capacity"] = 3;
        var raised = await (await admin.PutJsonAsync($"/api/v1/events/{published.Id}", body).ShouldBe(HttpStatusCode.OK)).ReadAsync<CommunityEventResponse>();
        raised.ConfirmedCount.ShouldBe(2);
        raised.WaitlistCount.ShouldBe(0);
        body["capacity"] = 1;
        await admin.PutJsonAsync($"/api/v1/events/{published.Id}", body).ShouldBeProblem(HttpStatusCode.BadRequest, "capacity");

        // create, publish, 3 registrations, 1 cancellation, 1 update: one upsert each, versions 1..7 in order.
        await using var scope = Factory.Services.CreateAsyncScope();
        await using var connection = await scope.ServiceProvider.GetRequiredService<Db>().OpenAsync(CancellationToken.None);
        var versions = (await Dapper.SqlMapper.QueryAsync<long>(connection,
            "SELECT version FROM changes WHERE entity_type = 'events' AND entity_id = @Id AND op = 'upsert' ORDER BY seq",
            new { Id = published.Id.ToString() })).ToList();
        versions.ShouldBe([1L, 2, 3, 4, 5, 6, 7]);
        raised.Version.ShouldBe(7);
    }

    [Fact]
    public async Task Registrations_are_personal_data_for_staff_and_organising_editors_only_and_export_as_csv()
    {
        var admin = await Factory.AdminAsync();
        var organizer = await EventRequests.MemberAsync(admin);
        var outsider = await EventRequests.MemberAsync(admin);
        var published = await EventRequests.PublishedAsync(admin, EventRequests.Body([organizer], Now.AddDays(7)));
        var anonymous = Factory.Anonymous();
        await EventRequests.RegisterAsync(anonymous, published.Id, "Virtanen, Matti", "matti@example.fi").ShouldBe(HttpStatusCode.Accepted);
        await EventRequests.RegisterAsync(anonymous, published.Id, "=HYPERLINK(\"x\")", "helmi@example.fi").ShouldBe(HttpStatusCode.Accepted);
        await EventRequests.RegisterAsync(anonymous, published.Id, "Helmi Sjöblom", "sjoblom@example.fi").ShouldBe(HttpStatusCode.Accepted);

        var url = $"/api/v1/events/{published.Id}/registrations";
        await anonymous.GetAsync(url).ShouldBe(HttpStatusCode.Unauthorized);
        await anonymous.GetAsync(url + ".csv").ShouldBe(HttpStatusCode.Unauthorized);
        await (await EventRequests.ApiKeyClientAsync(Factory, null, "events:read")).GetAsync(url).ShouldBe(HttpStatusCode.Forbidden);
        await (await Factory.AsAsync("viewer")).GetAsync(url).ShouldBeProblem(HttpStatusCode.Forbidden);
        await (await Factory.AsAsync("member_editor", outsider)).GetAsync(url + ".csv").ShouldBeProblem(HttpStatusCode.Forbidden);
        var editor = await Factory.AsAsync("member_editor", organizer);
        (await (await editor.GetAsync(url).ShouldBe(HttpStatusCode.OK)).ReadAsync<RegistrationPage>()).Items.Count.ShouldBe(3);

        var csv = await editor.GetAsync(url + ".csv").ShouldBe(HttpStatusCode.OK);
        csv.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        bytes.Take(3).ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF });
        var text = System.Text.Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines.Length.ShouldBe(4);
        lines[0].ShouldBe("id,name,email,memberId,status,waitlistPosition,registeredAt,cancelledAt,notes");
        lines[1].ShouldContain("\"Virtanen, Matti\",matti@example.fi");
        lines[2].ShouldNotStartWith("=");
        lines[2].ShouldContain("'=HYPERLINK");
        lines[3].ShouldContain("Helmi Sjöblom");
    }

    // ---- feedback --------------------------------------------------------------------------------------------------

    [Fact]
    public async Task Thirty_ratings_without_a_token_are_refused_and_leave_the_average_alone_and_each_token_rates_once()
    {
        var admin = await Factory.AdminAsync();
        var organizer = await EventRequests.MemberAsync(admin);
        var anonymous = Factory.Anonymous();
        var running = EventRequests.Body([organizer], Now.AddHours(-1));
        running["registrationOpensAt"] = Now.AddDays(-10).ToString("O");
        running["registrationClosesAt"] = running["endsAt"];
        var past = await EventRequests.PublishedAsync(admin, running);
        var feedbackUrl = $"/api/v1/events/{past.Id}/feedback";
        var summaryUrl = $"/api/v1/events/{past.Id}/feedback/summary";
        var token = EventRequests.Token((await (await EventRequests.RegisterAsync(admin, past.Id, "Aila", "aila@example.fi")
            .ShouldBe(HttpStatusCode.Created)).ReadAsync<RegistrationReceipt>()).Id);
        await anonymous.PostJsonAsync(feedbackUrl, new { rating = 5, cancelToken = token }).ShouldBe(HttpStatusCode.Created);

        for (var i = 0; i < 30; i++)
        {
            var answer = await anonymous.PostJsonAsync(feedbackUrl, new { rating = 1, comment = $"Huono {i}" });
            ((int)answer.StatusCode).ShouldBeInRange(400, 499);
        }
        await anonymous.PostJsonAsync(feedbackUrl, new { rating = 1, cancelToken = token }).ShouldBeProblem(HttpStatusCode.Conflict);

        var summary = await (await admin.GetAsync(summaryUrl).ShouldBe(HttpStatusCode.OK)).ReadAsync<FeedbackSummary>();
        summary.Count.ShouldBe(1);
        summary.Average.ShouldBe(5);
        summary.UnverifiedCount.ShouldBe(0);

        // Untied feedback stored before tokens were required is reported apart, never averaged in.
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            await using var connection = await scope.ServiceProvider.GetRequiredService<CommunityHub.Api.Infrastructure.Data.Db>().OpenAsync(CancellationToken.None);
            await Dapper.SqlMapper.ExecuteAsync(connection,
                "INSERT INTO feedback (id, event_id, registration_id, rating, comment, created_at) VALUES (@Id, @EventId, NULL, 1, NULL, @Now)",
                new { Id = Guid.CreateVersion7(), EventId = past.Id, Now = Now });
        }
        var withLegacy = await (await admin.GetAsync(summaryUrl)).ReadAsync<FeedbackSummary>();
        withLegacy.Count.ShouldBe(1);
        withLegacy.Average.ShouldBe(5);
        withLegacy.UnverifiedCount.ShouldBe(1);
    }

    [Fact]
    public async Task Feedback_opens_at_the_start_counts_once_per_registration_and_summarises()
    {
        var admin = await Factory.AdminAsync();
        var organizer = await EventRequests.MemberAsync(admin);
        var anonymous = Factory.Anonymous();

        var future = await EventRequests.PublishedAsync(admin, EventRequests.Body([organizer], Now.AddDays(2)));
        var early = await EventRequests.RegisterAsync(admin, future.Id, "Aino", "aino@example.fi").ShouldBe(HttpStatusCode.Created);
        var earlyToken = EventRequests.Token((await early.ReadAsync<RegistrationReceipt>()).Id);
        // Feedback without a registration's token is refused outright: only participants give feedback.
        await anonymous.PostJsonAsync($"/api/v1/events/{future.Id}/feedback", new { rating = 5 }).ShouldBeProblem(HttpStatusCode.BadRequest, "cancelToken");
        await anonymous.PostJsonAsync($"/api/v1/events/{future.Id}/feedback", new { rating = 5, cancelToken = earlyToken })
            .ShouldBeProblem(HttpStatusCode.Conflict);

        // Started an hour ago and still running; registration stays open until it ends.
        var running = EventRequests.Body([organizer], Now.AddHours(-1));
        running["registrationOpensAt"] = Now.AddDays(-10).ToString("O");
        running["registrationClosesAt"] = running["endsAt"];
        var past = await EventRequests.PublishedAsync(admin, running);
        var feedbackUrl = $"/api/v1/events/{past.Id}/feedback";
        var participant = await (await EventRequests.RegisterAsync(admin, past.Id, "Irja", "irja@example.fi")
            .ShouldBe(HttpStatusCode.Created)).ReadAsync<RegistrationReceipt>();
        async Task<string> TokenAsync(string name) =>
            EventRequests.Token((await (await EventRequests.RegisterAsync(admin, past.Id, name, $"{name.ToLowerInvariant()}@example.fi")
                .ShouldBe(HttpStatusCode.Created)).ReadAsync<RegistrationReceipt>()).Id);

        var given = await (await anonymous.PostJsonAsync(feedbackUrl, new { rating = 5, comment = "Hyvä ilta!", cancelToken = EventRequests.Token(participant.Id) })
            .ShouldBe(HttpStatusCode.Created)).ReadAsync<FeedbackResponse>();
        given.Rating.ShouldBe(5);
        given.Comment.ShouldBe("Hyvä ilta!");
        await anonymous.PostJsonAsync(feedbackUrl, new { rating = 1, cancelToken = EventRequests.Token(participant.Id) }).ShouldBeProblem(HttpStatusCode.Conflict);
        await anonymous.PostJsonAsync(feedbackUrl, new { rating = 4, cancelToken = await TokenAsync("Olli") }).ShouldBe(HttpStatusCode.Created);
        await anonymous.PostJsonAsync(feedbackUrl, new { rating = 1, cancelToken = await TokenAsync("Pirkko") }).ShouldBe(HttpStatusCode.Created);
        await anonymous.PostJsonAsync(feedbackUrl, new { rating = 1 }).ShouldBeProblem(HttpStatusCode.BadRequest, "cancelToken");
        // Another event's token, or none at all, does not name a registration of this event.
        await anonymous.PostJsonAsync(feedbackUrl, new { rating = 4, cancelToken = earlyToken }).ShouldBeProblem(HttpStatusCode.BadRequest, "cancelToken");
        await anonymous.PostJsonAsync(feedbackUrl, new { rating = 4, cancelToken = "unknown" }).ShouldBeProblem(HttpStatusCode.BadRequest, "cancelToken");

        var lateToken = await TokenAsync("Reijo");
        await EventRequests.MoveAsync(admin, past.Id, "completed");
        var summary = await (await admin.GetAsync($"/api/v1/events/{past.Id}/feedback/summary").ShouldBe(HttpStatusCode.OK)).ReadAsync<FeedbackSummary>();
        summary.Count.ShouldBe(3);
        summary.Average.ShouldBe(3.33);
        summary.Distribution.ShouldBe(new Dictionary<string, int> { ["1"] = 1, ["2"] = 0, ["3"] = 0, ["4"] = 1, ["5"] = 1 });
        await anonymous.PostJsonAsync(feedbackUrl, new { rating = 3, cancelToken = lateToken }).ShouldBe(HttpStatusCode.Created);
        var after = await (await admin.GetAsync($"/api/v1/events/{past.Id}/feedback/summary")).ReadAsync<FeedbackSummary>();
        after.Average.ShouldBe(3.25);

        var none = await (await admin.GetAsync($"/api/v1/events/{future.Id}/feedback/summary")).ReadAsync<FeedbackSummary>();
        none.Count.ShouldBe(0);
        none.Average.ShouldBeNull();
        none.Distribution.Values.ShouldAllBe(v => v == 0);
        none.Distribution.Keys.ShouldBe(["1", "2", "3", "4", "5"]);

        await anonymous.GetAsync($"/api/v1/events/{past.Id}/feedback/summary").ShouldBe(HttpStatusCode.Unauthorized);
        await (await EventRequests.ApiKeyClientAsync(Factory, null, "events:read")).GetAsync($"/api/v1/events/{past.Id}/feedback/summary").ShouldBe(HttpStatusCode.Forbidden);
        await admin.GetAsync($"/api/v1/events/{Guid.NewGuid()}/feedback/summary").ShouldBeProblem(HttpStatusCode.NotFound);
    }

    // ---- iCalendar -------------------------------------------------------------------------------------------------

    [Fact]
    public async Task The_calendar_feed_parses_with_python_icalendar_and_holds_exactly_the_public_published_events()
    {
        var admin = await Factory.AdminAsync();
        var organizer = await EventRequests.MemberAsync(admin);
        var otherOrganizer = await EventRequests.MemberAsync(admin);
        const string municipality = "895";
        var longTitle = "Kumppanuuksilla hyvää elämää – Uudenkaupungin järjestöjen, seurojen ja kaupungin yhteinen ilta; tervetuloa \\ välkommen";
        var special = EventRequests.Body([organizer], Now.AddDays(21), title: longTitle, municipality: municipality);
        special["description"] = "Ohjelma: esittely; keskustelu, kahvi\nToinen rivi \\ loppu";
        var published = await EventRequests.PublishedAsync(admin, special);
        var cancelled = await EventRequests.PublishedAsync(admin, EventRequests.Body([organizer], Now.AddDays(30), title: "Peruttu ilta", municipality: municipality));
        cancelled = await EventRequests.MoveAsync(admin, cancelled.Id, "cancelled");
        var draft = await EventRequests.CreateAsync(admin, EventRequests.Body([organizer], Now.AddDays(5), title: "Luonnos", municipality: municipality));
        var neverPublished = await EventRequests.CreateAsync(admin, EventRequests.Body([organizer], Now.AddDays(6), title: "Peruttu luonnos", municipality: municipality));
        await EventRequests.MoveAsync(admin, neverPublished.Id, "cancelled");
        var membersOnly = await EventRequests.PublishedAsync(admin, EventRequests.Body([organizer], Now.AddDays(5), title: "Jäsenille", municipality: municipality, visibility: "members"));
        var recent = await EventRequests.PublishedAsync(admin, EventRequests.Body([otherOrganizer], Now.AddDays(-29).AddHours(-3), title: "Äskettäin", municipality: municipality));
        recent = await EventRequests.MoveAsync(admin, recent.Id, "completed");
        var old = await EventRequests.PublishedAsync(admin, EventRequests.Body([organizer], Now.AddDays(-31).AddHours(-3), title: "Vanha", municipality: municipality));
        var elsewhere = await EventRequests.PublishedAsync(admin, EventRequests.Body([organizer], Now.AddDays(21), title: "Muualla", municipality: "564"));

        var response = await Factory.Anonymous().GetAsync($"/api/v1/events.ics?municipality={municipality}").ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.ToString().ShouldBe("text/calendar; charset=utf-8");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var text = System.Text.Encoding.UTF8.GetString(bytes);
        text.ShouldStartWith("BEGIN:VCALENDAR\r\n");
        text.ShouldEndWith("END:VCALENDAR\r\n");
        text.Replace("\r\n", "", StringComparison.Ordinal).ShouldNotContain('\n');
        text.Split("\r\n").ShouldAllBe(line => System.Text.Encoding.UTF8.GetByteCount(line) <= 75);
        text.ShouldContain("BEGIN:VTIMEZONE\r\nTZID:Europe/Helsinki");
        text.ShouldContain("METHOD:PUBLISH");

        var parsed = ICalendarParser.Parse(bytes);
        parsed.Select(e => e.Uid).ShouldBe([$"{recent.Id}@communityhub", $"{published.Id}@communityhub", $"{cancelled.Id}@communityhub"], ignoreOrder: true);
        var main = parsed.Single(e => e.Uid == $"{published.Id}@communityhub");
        main.Summary.ShouldBe(longTitle);
        main.Description.ShouldBe("Ohjelma: esittely; keskustelu, kahvi\nToinen rivi \\ loppu");
        main.Location.ShouldBe("Kulttuurikeskus Cruselli, Kullervontie 11 A, Uusikaupunki");
        main.Url.ShouldBe($"https://hub.example.fi/events/{published.Id}");
        main.Status.ShouldBe("CONFIRMED");
        main.Sequence.ShouldBe((int)published.Version);
        DateTimeOffset.Parse(main.Start, System.Globalization.CultureInfo.InvariantCulture).ShouldBe(published.StartsAt);
        DateTimeOffset.Parse(main.End, System.Globalization.CultureInfo.InvariantCulture).ShouldBe(published.EndsAt);
        main.Start.ShouldMatch(@"[+-]0[23]:00$");
        parsed.Single(e => e.Uid == $"{cancelled.Id}@communityhub").Status.ShouldBe("CANCELLED");
        parsed.ShouldNotContain(e => e.Uid.StartsWith(draft.Id.ToString(), StringComparison.Ordinal)
            || e.Uid.StartsWith(membersOnly.Id.ToString(), StringComparison.Ordinal)
            || e.Uid.StartsWith(old.Id.ToString(), StringComparison.Ordinal)
            || e.Uid.StartsWith(elsewhere.Id.ToString(), StringComparison.Ordinal));

        var byOrganizer = ICalendarParser.Parse(await (await Factory.Anonymous().GetAsync($"/api/v1/events.ics?organizer={otherOrganizer}")
            .ShouldBe(HttpStatusCode.OK)).Content.ReadAsByteArrayAsync());
        byOrganizer.Select(e => e.Uid).ShouldBe([$"{recent.Id}@communityhub"]);
        await Factory.Anonymous().GetAsync("/api/v1/events.ics?municipality=12").ShouldBeProblem(HttpStatusCode.BadRequest, "municipality");
    }

    // ---- stats -----------------------------------------------------------------------------------------------------

    [Fact]
    public async Task Stats_count_upcoming_events_their_registrations_and_feedback()
    {
        var admin = await Factory.AdminAsync();
        var organizer = await EventRequests.MemberAsync(admin);
        var anonymous = Factory.Anonymous();
        var before = await StatsAsync();

        var upcoming = await EventRequests.PublishedAsync(admin, EventRequests.Body([organizer], Now.AddDays(3), capacity: 1));
        await EventRequests.RegisterAsync(anonymous, upcoming.Id, "Aino", "aino@example.fi").ShouldBe(HttpStatusCode.Accepted);
        await EventRequests.RegisterAsync(anonymous, upcoming.Id, "Eero", "eero@example.fi").ShouldBe(HttpStatusCode.Accepted);
        await EventRequests.CreateAsync(admin, EventRequests.Body([organizer], Now.AddDays(3)));
        // Feedback takes a participant's token: the event started an hour ago and took registrations until its end.
        var running = EventRequests.Body([organizer], Now.AddHours(-1));
        running["registrationOpensAt"] = Now.AddDays(-10).ToString("O");
        running["registrationClosesAt"] = running["endsAt"];
        var past = await EventRequests.PublishedAsync(admin, running);
        var participant = await (await EventRequests.RegisterAsync(admin, past.Id, "Kaisa", "kaisa@example.fi")
            .ShouldBe(HttpStatusCode.Created)).ReadAsync<RegistrationReceipt>();
        await anonymous.PostJsonAsync($"/api/v1/events/{past.Id}/feedback", new { rating = 2, cancelToken = EventRequests.Token(participant.Id) })
            .ShouldBe(HttpStatusCode.Created);

        var after = await StatsAsync();
        (after.Upcoming - before.Upcoming).ShouldBe(1);
        (after.UpcomingRegistrations - before.UpcomingRegistrations).ShouldBe(2);
        (after.FeedbackCount - before.FeedbackCount).ShouldBe(1);
        after.AverageFeedback.ShouldNotBeNull();
    }

    private async Task<EventStats> StatsAsync()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var contributor = scope.ServiceProvider.GetServices<IStatsContributor>().OfType<EventStatsContributor>().Single();
        await using var connection = await scope.ServiceProvider.GetRequiredService<Db>().OpenAsync(CancellationToken.None);
        var builder = new StatsBuilder();
        await contributor.ContributeAsync(connection, builder, Now, CancellationToken.None);
        return builder.Events;
    }
}

public sealed class EventsSqliteTests(SqliteApiFactory factory) : EventsContract<SqliteApiFactory>(factory);

public sealed class EventsSqlServerTests(SqlServerApiFactory factory) : EventsContract<SqlServerApiFactory>(factory);
