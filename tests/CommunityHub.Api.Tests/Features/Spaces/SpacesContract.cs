using System.Net;
using System.Text.Json;
using CommunityHub.Api.Features.Spaces;
using CommunityHub.Api.Features.Spaces.Bookings;
using CommunityHub.Api.Tests.Features.ApiKeys;
using CommunityHub.Api.Tests.Features.Events;
using CommunityHub.Api.Tests.Features.Members;
using CommunityHub.Api.Tests.Infrastructure;
using Shouldly;
using static CommunityHub.Api.Tests.Features.Spaces.SpaceRequests;

namespace CommunityHub.Api.Tests.Features.Spaces;

public abstract class SpacesContract<TFactory>(TFactory factory) : ContractTests<TFactory>(factory)
    where TFactory : ApiFactory
{
    private async Task<(HttpClient Admin, SpaceResponse Space, Guid Member, HttpClient Editor)> SetupAsync(Dictionary<string, object?>? space = null)
    {
        var admin = await Factory.AdminAsync();
        var created = await CreateAsync(admin, space ?? Body());
        var member = await MemberRequests.CreateAsync(admin, MemberRequests.Body($"Oulun Seudun Omaishoitajat {Guid.NewGuid():N}"[..40]));
        var editor = await Factory.AsAsync("member_editor", member.Id);
        return (admin, created, member.Id, editor);
    }

    [Fact]
    public async Task Spaces_are_public_to_read_staff_only_to_write_with_etags_and_if_match()
    {
        var (admin, space, _, editor) = await SetupAsync();
        space.Rules.BufferAfterMinutes.ShouldBe(15);
        space.OpeningHours.Count.ShouldBe(5);
        var anonymous = Factory.Anonymous();
        var fetched = await anonymous.GetAsync($"/api/v1/spaces/{space.Id}").ShouldBe(HttpStatusCode.OK);
        fetched.Headers.ETag!.Tag.ShouldBe("\"1\"");
        var page = await (await anonymous.GetAsync("/api/v1/spaces?kind=meeting_room&limit=1").ShouldBe(HttpStatusCode.OK)).JsonAsync();
        page.GetProperty("items").GetArrayLength().ShouldBe(1);
        await editor.PostJsonAsync("/api/v1/spaces", Body()).ShouldBe(HttpStatusCode.Forbidden);
        await admin.PutJsonAsync($"/api/v1/spaces/{space.Id}", Body("Kumppari"), "\"7\"").ShouldBe(HttpStatusCode.PreconditionFailed);
        var renamed = await (await admin.PutJsonAsync($"/api/v1/spaces/{space.Id}", Body("Kumppari"), "\"1\"").ShouldBe(HttpStatusCode.OK)).ReadAsync<SpaceResponse>();
        renamed.Version.ShouldBe(2);
        await anonymous.GetAsync("/api/v1/spaces?kind=ballroom").ShouldBeProblem(HttpStatusCode.BadRequest, "kind");
        await admin.PostJsonAsync("/api/v1/spaces", Body(rules: new { intervalMinutes = 7 })).ShouldBeProblem(HttpStatusCode.BadRequest, "rules.intervalMinutes");
    }

    [Fact]
    public async Task A_member_editor_books_a_free_slot_for_its_own_member_only_and_sees_others_as_busy_time()
    {
        var (admin, space, member, editor) = await SetupAsync();
        var other = await MemberRequests.CreateAsync(admin, MemberRequests.Body($"Toinen yhdistys {Guid.NewGuid():N}"[..30]));
        var day = NextMonday();
        var booking = await BookAsync(editor, Booking(space.Id, member, At(day, 10), At(day, 12)));
        booking.Status.ShouldBe(BookingStatus.Confirmed);
        booking.BookedBy!.Name.ShouldBe("Test member_editor");
        await Book(editor, Booking(space.Id, other.Id, At(day, 14), At(day, 15))).ShouldBe(HttpStatusCode.Forbidden);

        var others = await BookAsync(admin, Booking(space.Id, other.Id, At(day, 14), At(day, 15)));
        await editor.GetAsync($"/api/v1/bookings/{others.Id}").ShouldBe(HttpStatusCode.Forbidden);
        var mine = await (await editor.GetAsync($"/api/v1/bookings?space={space.Id}").ShouldBe(HttpStatusCode.OK)).ReadAsync<BookingPage>();
        mine.Items.Select(b => b.Id).ShouldBe([booking.Id]);
    }

    [Theory]
    [InlineData(7, 0, 8, 0, "startsAt", "outside opening hours")]
    [InlineData(19, 0, 21, 0, "startsAt", "closes at 20")]
    [InlineData(10, 0, 10, 0, "endsAt", "end not after start")]
    [InlineData(10, 0, 15, 0, "endsAt", "longer than 240 min")]
    [InlineData(10, 15, 11, 15, "startsAt", "off the 30 min interval")]
    public async Task A_booking_against_the_rules_is_400_naming_the_field(int fromHour, int fromMinute, int toHour, int toMinute, string field, string why)
    {
        var (_, space, member, editor) = await SetupAsync();
        var day = NextMonday();
        await Book(editor, Booking(space.Id, member, At(day, fromHour, fromMinute), At(day, toHour, toMinute)))
            .ShouldBeProblem(HttpStatusCode.BadRequest, field);
        _ = why;
    }

    [Fact]
    public async Task Closures_the_window_and_the_quota_are_400_and_staff_may_override_with_a_reason_kept_in_history()
    {
        var day = NextMonday();
        var (admin, space, member, editor) = await SetupAsync(Body(closures: [new { from = day.AddDays(1).ToString("yyyy-MM-dd"), to = day.AddDays(1).ToString("yyyy-MM-dd"), reason = "Ilmanvaihdon huolto" }]));
        var closed = await Book(editor, Booking(space.Id, member, At(day.AddDays(1), 10), At(day.AddDays(1), 11))).ShouldBeProblem(HttpStatusCode.BadRequest, "startsAt");
        closed.GetProperty("errors").GetProperty("startsAt")[0].GetString()!.ShouldContain("Ilmanvaihdon huolto");
        var far = day.AddDays(7 * 14);
        await Book(editor, Booking(space.Id, member, At(far, 10), At(far, 11))).ShouldBeProblem(HttpStatusCode.BadRequest, "startsAt");
        for (var i = 0; i < 3; i++)
        {
            await BookAsync(editor, Booking(space.Id, member, At(day.AddDays(2 + i), 10), At(day.AddDays(2 + i), 11)));
        }
        await Book(editor, Booking(space.Id, member, At(day, 10), At(day, 11))).ShouldBeProblem(HttpStatusCode.BadRequest, "memberId");

        var overridden = Booking(space.Id, member, At(day.AddDays(1), 10), At(day.AddDays(1), 11));
        overridden["overrideReason"] = "Huoltomies tulee vasta iltapäivällä";
        await Book(editor, overridden).ShouldBe(HttpStatusCode.Forbidden);
        var booked = await BookAsync(admin, overridden);
        var history = await (await admin.GetAsync($"/api/v1/bookings/{booked.Id}/history").ShouldBe(HttpStatusCode.OK)).ReadAsync<BookingHistory>();
        history.Items.Single().ShouldBe(history.Items[0] with { From = null, To = BookingStatus.Confirmed, Reason = "Huoltomies tulee vasta iltapäivällä" });
    }

    [Fact]
    public async Task An_overlap_buffers_included_is_409_with_the_times_and_no_names()
    {
        var (admin, space, member, editor) = await SetupAsync();
        var other = await MemberRequests.CreateAsync(admin, MemberRequests.Body($"Kolmas yhdistys {Guid.NewGuid():N}"[..30]));
        var day = NextMonday();
        await BookAsync(admin, Booking(space.Id, other.Id, At(day, 10), At(day, 12), "Salainen kokous"));
        // 15 minutes' buffer after: 12:00 is still taken, 12:30 is free.
        var response = await Book(editor, Booking(space.Id, member, At(day, 12), At(day, 13)));
        var text = await response.Content.ReadAsStringAsync();
        var problem = await Task.FromResult(response).ShouldBeProblem(HttpStatusCode.Conflict);
        var conflict = problem.GetProperty("conflicts").EnumerateArray().Single();
        conflict.GetProperty("startsAt").GetDateTimeOffset().ShouldBe(At(day, 10));
        conflict.GetProperty("endsAt").GetDateTimeOffset().ShouldBe(At(day, 12));
        text.ShouldNotContain("Salainen");
        text.ShouldNotContain(other.Name);
        await BookAsync(editor, Booking(space.Id, member, At(day, 12, 30), At(day, 13)));

        var block = Booking(space.Id, null, At(day, 8), At(day, 9), "Siivous");
        block["kind"] = "block";
        await Book(editor, block).ShouldBe(HttpStatusCode.Forbidden);
        (await BookAsync(admin, block)).Status.ShouldBe(BookingStatus.Blocked);
        await Book(editor, Booking(space.Id, member, At(day, 8, 30), At(day, 9, 30))).ShouldBeProblem(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Twenty_requests_for_the_same_slot_at_once_give_exactly_one_booking()
    {
        var (admin, space, _, _) = await SetupAsync();
        var members = new List<Guid>();
        for (var i = 0; i < 20; i++)
        {
            members.Add((await MemberRequests.CreateAsync(admin, MemberRequests.Body($"Kilpailija {i} {Guid.NewGuid():N}"[..24]))).Id);
        }
        var day = NextMonday();
        using var start = new SemaphoreSlim(0);
        var requests = members.Select(async (m, i) =>
        {
            await start.WaitAsync();
            // Different lengths, all overlapping 10:00–10:30.
            return await Book(admin, Booking(space.Id, m, At(day, 10), At(day, 10).AddMinutes(30 + 30 * (i % 3))));
        }).ToList();
        start.Release(20);
        var answers = await Task.WhenAll(requests);
        answers.Count(a => a.StatusCode == HttpStatusCode.Created).ShouldBe(1);
        answers.Count(a => a.StatusCode == HttpStatusCode.Conflict).ShouldBe(19);
        var page = await (await admin.GetAsync($"/api/v1/bookings?space={space.Id}").ShouldBe(HttpStatusCode.OK)).ReadAsync<BookingPage>();
        page.Items.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Staff_approve_or_deny_requests_members_cancel_until_the_deadline_staff_with_a_reason()
    {
        var (admin, space, member, editor) = await SetupAsync(Body(rules: new { approval = "staff", cancelHoursBefore = 24 * 60, maxActivePerMember = 10 }));
        var day = NextMonday();
        var requested = await BookAsync(editor, Booking(space.Id, member, At(day, 10), At(day, 11)));
        requested.Status.ShouldBe(BookingStatus.Requested);
        // A request holds its time.
        await Book(admin, Booking(space.Id, member, At(day, 10, 30), At(day, 11, 30))).ShouldBeProblem(HttpStatusCode.Conflict);
        await Move(editor, requested.Id, "confirmed").ShouldBe(HttpStatusCode.Forbidden);
        var confirmed = await (await Move(admin, requested.Id, "confirmed").ShouldBe(HttpStatusCode.OK)).ReadAsync<BookingResponse>();
        confirmed.Status.ShouldBe(BookingStatus.Confirmed);
        var illegal = await Move(admin, requested.Id, "denied").ShouldBeProblem(HttpStatusCode.Conflict);
        illegal.GetProperty("allowed").EnumerateArray().Select(a => a.GetString()).ShouldBe(["cancelled"]);

        // The deadline (60 days before) has passed: the member may not cancel, staff may with a reason.
        await Move(editor, requested.Id, "cancelled").ShouldBeProblem(HttpStatusCode.Conflict);
        await Move(admin, requested.Id, "cancelled").ShouldBeProblem(HttpStatusCode.BadRequest, "reason");
        await Move(admin, requested.Id, "cancelled", "Sali tarvitaan vaalitilaisuuteen").ShouldBe(HttpStatusCode.OK);

        var denied = await BookAsync(editor, Booking(space.Id, member, At(day, 14), At(day, 15)));
        await Move(admin, denied.Id, "denied", "Päällekkäinen tapahtuma").ShouldBe(HttpStatusCode.OK);
        var history = await (await editor.GetAsync($"/api/v1/bookings/{requested.Id}/history").ShouldBe(HttpStatusCode.OK)).ReadAsync<BookingHistory>();
        history.Items.Select(h => (h.From, h.To)).ShouldBe([
            (null, BookingStatus.Requested), (BookingStatus.Requested, BookingStatus.Confirmed), (BookingStatus.Confirmed, BookingStatus.Cancelled)]);
        history.Items[^1].Reason.ShouldBe("Sali tarvitaan vaalitilaisuuteen");
    }

    [Fact]
    public async Task A_member_cancels_before_the_deadline_and_the_time_is_free_again()
    {
        var (_, space, member, editor) = await SetupAsync();
        var day = NextMonday();
        var booking = await BookAsync(editor, Booking(space.Id, member, At(day, 10), At(day, 11)));
        await editor.DeleteAsync($"/api/v1/bookings/{booking.Id}", "\"1\"").ShouldBe(HttpStatusCode.NoContent);
        (await (await editor.GetAsync($"/api/v1/bookings/{booking.Id}")).ReadAsync<BookingResponse>()).Status.ShouldBe(BookingStatus.Cancelled);
        await BookAsync(editor, Booking(space.Id, member, At(day, 10), At(day, 11)));
    }

    [Fact]
    public async Task Availability_is_anonymous_without_names_busy_with_buffers_and_open_hours_minus_closures()
    {
        var day = NextMonday();
        var (admin, space, member, _) = await SetupAsync(Body(closures: [new { from = day.AddDays(1).ToString("yyyy-MM-dd"), to = day.AddDays(1).ToString("yyyy-MM-dd"), reason = "Remontti" }]));
        await BookAsync(admin, Booking(space.Id, member, At(day, 10), At(day, 12), "Salainen kokous"));
        var response = await Factory.Anonymous().GetAsync($"/api/v1/spaces/{space.Id}/availability?from={Text(At(day, 0))}&to={Text(At(day.AddDays(3), 0))}")
            .ShouldBe(HttpStatusCode.OK);
        var text = await response.Content.ReadAsStringAsync();
        text.ShouldNotContain("Salainen");
        text.ShouldNotContain(member.ToString());
        var availability = await response.ReadAsync<SpaceAvailability>();
        availability.Busy.ShouldBe([new TimeInterval(At(day, 10), At(day, 12, 15))]);
        availability.Open.ShouldBe([new TimeInterval(At(day, 8), At(day, 20)), new TimeInterval(At(day.AddDays(2), 8), At(day.AddDays(2), 20))]);
        await Factory.Anonymous().GetAsync($"/api/v1/spaces/{space.Id}/availability?from={Text(At(day, 0))}&to={Text(At(day.AddDays(90), 0))}")
            .ShouldBeProblem(HttpStatusCode.BadRequest, "to");
    }

    [Fact]
    public async Task A_series_lists_each_date_created_or_refused_with_the_reason_and_cancelling_it_frees_the_future_dates()
    {
        var day = NextMonday();
        var (admin, space, member, editor) = await SetupAsync(Body(
            rules: new { maxActivePerMember = 20, bookAheadDays = 40 },
            closures: [new { from = day.AddDays(14).ToString("yyyy-MM-dd"), to = day.AddDays(14).ToString("yyyy-MM-dd"), reason = "Joulu" }]));
        var other = await MemberRequests.CreateAsync(admin, MemberRequests.Body($"Neljäs yhdistys {Guid.NewGuid():N}"[..30]));
        await BookAsync(admin, Booking(space.Id, other.Id, At(day.AddDays(7), 17, 30), At(day.AddDays(7), 18, 30)));
        var response = await editor.PostJsonAsync("/api/v1/booking-series", new
        {
            spaceId = space.Id, memberId = member, startsAt = Text(At(day, 17)), endsAt = Text(At(day, 19)), repeat = "weekly",
            until = day.AddDays(42).ToString("yyyy-MM-dd"), purpose = "Vertaistukiryhmä", attendees = 10,
        }).ShouldBe(HttpStatusCode.Created);
        var series = await response.ReadAsync<BookingSeriesResponse>();
        series.Occurrences.Select(o => (o.Date, o.Status, o.Reason)).ShouldBe([
            (day, OccurrenceStatus.Created, (string?)null),
            (day.AddDays(7), OccurrenceStatus.Refused, "overlap"),
            (day.AddDays(14), OccurrenceStatus.Refused, "closed"),
            (day.AddDays(21), OccurrenceStatus.Created, null),
            (day.AddDays(28), OccurrenceStatus.Created, null),
            (day.AddDays(35), OccurrenceStatus.Refused, "too_far_ahead"),
            (day.AddDays(42), OccurrenceStatus.Refused, "too_far_ahead"),
        ]);
        // One date alone, then the rest.
        await editor.DeleteAsync($"/api/v1/bookings/{series.Occurrences[0].BookingId}", null).ShouldBe(HttpStatusCode.NoContent);
        await editor.DeleteAsync($"/api/v1/booking-series/{series.Id}", null).ShouldBe(HttpStatusCode.NoContent);
        var page = await (await admin.GetAsync($"/api/v1/bookings?space={space.Id}&member={member}&status=cancelled").ShouldBe(HttpStatusCode.OK)).ReadAsync<BookingPage>();
        page.Items.Count.ShouldBe(3);
    }

    [Fact]
    public async Task Archiving_a_space_cancels_its_future_bookings()
    {
        var (admin, space, member, editor) = await SetupAsync();
        var day = NextMonday();
        var booking = await BookAsync(editor, Booking(space.Id, member, At(day, 10), At(day, 11)));
        await admin.DeleteAsync($"/api/v1/spaces/{space.Id}", "\"1\"").ShouldBe(HttpStatusCode.NoContent);
        await Factory.Anonymous().GetAsync($"/api/v1/spaces/{space.Id}").ShouldBe(HttpStatusCode.NotFound);
        var after = await (await editor.GetAsync($"/api/v1/bookings/{booking.Id}")).ReadAsync<BookingResponse>();
        after.Status.ShouldBe(BookingStatus.Cancelled);
    }

    [Fact]
    public async Task Keys_with_spaces_read_see_bookings_and_their_feed_with_the_member_never_the_person()
    {
        var (admin, space, member, editor) = await SetupAsync();
        var day = NextMonday();
        var booking = await BookAsync(editor, Booking(space.Id, member, At(day, 10), At(day, 11)));
        var key = await ApiKeyRequests.CreateAsync(admin, ["spaces:read"]);
        var machine = Factory.WithKey(key.Key);
        var text = await (await machine.GetAsync($"/api/v1/bookings/{booking.Id}").ShouldBe(HttpStatusCode.OK)).Content.ReadAsStringAsync();
        text.ShouldNotContain("Test member_editor");
        JsonDocument.Parse(text).RootElement.GetProperty("memberId").GetGuid().ShouldBe(member);
        var feed = await (await machine.GetAsync("/api/v1/changes?types=spaces,bookings&limit=200").ShouldBe(HttpStatusCode.OK)).JsonAsync();
        var ids = feed.GetProperty("items").EnumerateArray().Select(i => (i.GetProperty("type").GetString(), i.GetProperty("id").GetGuid())).ToList();
        ids.ShouldContain(("spaces", space.Id));
        ids.ShouldContain(("bookings", booking.Id));

        var eventsOnly = Factory.WithKey((await ApiKeyRequests.CreateAsync(admin, ["events:read"])).Key);
        await eventsOnly.GetAsync("/api/v1/bookings").ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_person_who_booked_is_in_their_privacy_export_and_erased_with_them()
    {
        var (admin, space, member, _) = await SetupAsync();
        var email = $"kaisa.{Guid.NewGuid():N}@example.fi";
        await admin.PostJsonAsync("/api/v1/users", new { email, displayName = "Kaisa Varaaja", role = "member_editor", memberId = member, password = "Kaisa-password-2026" })
            .ShouldBe(HttpStatusCode.Created);
        var kaisa = await Factory.SignedInAsync(email, "Kaisa-password-2026");
        var day = NextMonday();
        var booking = await BookAsync(kaisa, Booking(space.Id, member, At(day, 10), At(day, 11)));
        booking.BookedBy!.Name.ShouldBe("Kaisa Varaaja");

        var export = await (await admin.PostJsonAsync("/api/v1/privacy/subjects/export", new { email }).ShouldBe(HttpStatusCode.OK)).ReadAsync<Api.Features.Privacy.PersonalDataExport>();
        export.Bookings.Single().Id.ShouldBe(booking.Id);
        var erasure = await (await admin.PostJsonAsync("/api/v1/privacy/subjects/erase", new { email }).ShouldBe(HttpStatusCode.OK))
            .ReadAsync<Api.Features.Privacy.PersonalDataErasure>();
        erasure.Bookings.ShouldBe(1);
        var after = await (await admin.GetAsync($"/api/v1/bookings/{booking.Id}").ShouldBe(HttpStatusCode.OK)).Content.ReadAsStringAsync();
        after.ShouldNotContain("Kaisa");
        var history = await (await admin.GetAsync($"/api/v1/bookings/{booking.Id}/history").ShouldBe(HttpStatusCode.OK)).Content.ReadAsStringAsync();
        history.ShouldNotContain("Kaisa");
    }

    [Fact]
    public async Task A_member_subscribes_to_its_own_bookings_with_details_through_a_signed_address()
    {
        var (admin, space, member, editor) = await SetupAsync();
        var other = await MemberRequests.CreateAsync(admin, MemberRequests.Body($"Viides yhdistys {Guid.NewGuid():N}"[..30]));
        var day = NextMonday();
        await BookAsync(editor, Booking(space.Id, member, At(day, 10), At(day, 12), "Hallituksen kokous"));
        await BookAsync(admin, Booking(space.Id, other.Id, At(day, 14), At(day, 15), "Salainen kokous"));
        await editor.GetAsync($"/api/v1/members/{other.Id}/bookings-feed").ShouldBe(HttpStatusCode.Forbidden);
        var feed = await (await editor.GetAsync($"/api/v1/members/{member}/bookings-feed").ShouldBe(HttpStatusCode.OK)).JsonAsync();
        var url = new Uri(feed.GetProperty("url").GetString()!);
        var response = await Factory.Anonymous().GetAsync(url.PathAndQuery).ShouldBe(HttpStatusCode.OK);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        System.Text.Encoding.UTF8.GetString(bytes).ShouldNotContain("Salainen");
        var entry = ICalendarParser.Parse(bytes).Single();
        entry.Summary.ShouldBe($"{space.Name}: Hallituksen kokous");
        entry.Status.ShouldBe("CONFIRMED");
        DateTimeOffset.Parse(entry.Start, System.Globalization.CultureInfo.InvariantCulture).ShouldBe(At(day, 10));
        var token = System.Web.HttpUtility.ParseQueryString(url.Query)["token"]!;
        await Factory.Anonymous().GetAsync($"/api/v1/members/{other.Id}/bookings.ics?token={token}").ShouldBe(HttpStatusCode.NotFound);
        await Factory.Anonymous().GetAsync($"/api/v1/members/{member}/bookings.ics?token={token[..^1]}{(token[^1] == 'A' ? 'B' : 'A')}").ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Publishing_an_event_that_names_a_space_books_it_and_a_clash_is_409()
    {
        var (admin, space, member, _) = await SetupAsync();
        var day = NextMonday();
        var first = EventRequests.Body([member], At(day, 16), "Kumppanuusilta");
        first["spaceId"] = space.Id;
        var evening = await EventRequests.CreateAsync(admin, first);
        evening.SpaceId.ShouldBe(space.Id);
        evening.SpaceBookingId.ShouldBeNull();
        var published = await EventRequests.MoveAsync(admin, evening.Id, "published");
        var booking = await (await admin.GetAsync($"/api/v1/bookings/{published.SpaceBookingId}").ShouldBe(HttpStatusCode.OK)).ReadAsync<BookingResponse>();
        (booking.StartsAt, booking.EndsAt, booking.MemberId, booking.Status).ShouldBe((At(day, 16), At(day, 19), (Guid?)member, BookingStatus.Confirmed));

        var second = EventRequests.Body([member], At(day, 18), "Toinen ilta");
        second["endsAt"] = SpaceRequests.Text(At(day, 20));
        second["spaceId"] = space.Id;
        var clashing = await EventRequests.CreateAsync(admin, second);
        var problem = await admin.PostJsonAsync($"/api/v1/events/{clashing.Id}/transitions", new { to = "published" }).ShouldBeProblem(HttpStatusCode.Conflict);
        problem.GetProperty("conflicts")[0].GetProperty("startsAt").GetDateTimeOffset().ShouldBe(At(day, 16));
        (await (await admin.GetAsync($"/api/v1/events/{clashing.Id}")).ReadAsync<Api.Features.Events.CommunityEventResponse>()).Status
            .ShouldBe(Api.Features.Events.EventStatus.Draft);

        await EventRequests.MoveAsync(admin, evening.Id, "cancelled");
        (await (await admin.GetAsync($"/api/v1/bookings/{booking.Id}")).ReadAsync<BookingResponse>()).Status.ShouldBe(BookingStatus.Cancelled);
        (await EventRequests.MoveAsync(admin, clashing.Id, "published")).SpaceBookingId.ShouldNotBeNull();
    }

    [Fact]
    public async Task The_calendar_feed_parses_as_RFC_5545_with_busy_times_and_no_names()
    {
        var (admin, space, member, _) = await SetupAsync();
        var day = NextMonday();
        await BookAsync(admin, Booking(space.Id, member, At(day, 10), At(day, 12), "Salainen kokous"));
        var response = await Factory.Anonymous().GetAsync($"/api/v1/spaces/{space.Id}/bookings.ics").ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/calendar");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        System.Text.Encoding.UTF8.GetString(bytes).ShouldNotContain("Salainen");
        var parsed = ICalendarParser.Parse(bytes).Single();
        parsed.Summary.ShouldBe("Varattu");
        DateTimeOffset.Parse(parsed.Start, System.Globalization.CultureInfo.InvariantCulture).ShouldBe(At(day, 10));
        DateTimeOffset.Parse(parsed.End, System.Globalization.CultureInfo.InvariantCulture).ShouldBe(At(day, 12, 15));
    }
}

public sealed class SpacesSqliteTests(SqliteApiFactory factory) : SpacesContract<SqliteApiFactory>(factory);

public sealed class SpacesSqlServerTests(SqlServerApiFactory factory) : SpacesContract<SqlServerApiFactory>(factory);
