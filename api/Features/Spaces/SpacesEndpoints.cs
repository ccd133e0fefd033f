using CommunityHub.Api.Features.ApiKeys;
using CommunityHub.Api.Features.Spaces.Bookings;

namespace CommunityHub.Api.Features.Spaces;

public static class SpacesEndpoints
{
    public static IEndpointRouteBuilder MapSpaces(this IEndpointRouteBuilder routes)
    {
        var spaces = routes.MapGroup("/api/v1/spaces").WithTag("Spaces", "The centre's rooms, halls and workspaces: rules, opening hours, availability and the busy-time calendar.");
        spaces.MapGet("/", ListSpaces).WithName("listSpaces").AllowAnonymous()
            .WithSummary("List spaces")
            .WithDescription("Ordered by id (creation order), keyset paged. Public, like the member directory. `q` matches any part of the name.")
            .ProducesTagged<SpacePage>().WithProblems(401);
        spaces.MapGet("/{id:guid}", Versioned.Get(id => new GetSpaceQuery(id))).WithName("getSpace").AllowAnonymous()
            .WithSummary("Get a space").ProducesTagged<SpaceResponse>().WithProblems(401, 404);
        spaces.MapPost("/", Versioned.Create("/api/v1/spaces", (SpaceInput input) => new CreateSpaceCommand(input)))
            .WithName("createSpace").RequireAuthorization(Policies.Staff)
            .WithSummary("Create a space (staff)")
            .Produces<SpaceResponse>(StatusCodes.Status201Created).WithProblems(401, 403, 415)
            .WithRequestExample(SpaceExamples.Space);
        spaces.MapPut("/{id:guid}", Versioned.Write((Guid id, SpaceInput input, long? version) => new UpdateSpaceCommand(id, input, version)))
            .WithName("updateSpace").RequireAuthorization(Policies.Staff)
            .WithSummary("Replace a space (staff)")
            .WithDescription("New rules apply to bookings made from then on.")
            .Produces<SpaceResponse>().WithProblems(401, 403, 404, 412, 415)
            .WithRequestExample(SpaceExamples.Space);
        spaces.MapDelete("/{id:guid}", Versioned.Delete((id, version) => new DeleteSpaceCommand(id, version)))
            .WithName("deleteSpace").RequireAuthorization(Policies.Staff)
            .WithSummary("Archive a space (staff); its bookings that have not ended are cancelled")
            .Produces(StatusCodes.Status204NoContent).WithProblems(401, 403, 404, 412);
        spaces.MapGet("/{id:guid}/availability", Availability).WithName("getSpaceAvailability").AllowAnonymous()
            .WithSummary("A space's open and busy time between two instants (at most 62 days)")
            .WithDescription("`open`: the weekly opening hours (Europe/Helsinki) minus closures. `busy`: live bookings and blocks with their " +
                "buffers, overlapping ones joined. Never who booked.")
            .Produces<SpaceAvailability>().WithProblems(401, 404);
        spaces.MapGet("/{id:guid}/bookings.ics", Calendar).WithName("getSpaceCalendar").AllowAnonymous()
            .WithSummary("iCalendar feed of a space's busy times")
            .WithDescription("RFC 5545, from 30 days ago to a year ahead; each busy time (buffers included) is an entry \"Varattu\" without names.")
            .Produces<string>(StatusCodes.Status200OK, "text/calendar").WithProblems(401, 404);

        var bookings = routes.MapGroup("/api/v1/bookings").WithTag("Bookings", "Bookings of spaces: rules, approval, cancellation and history.");
        bookings.MapGet("/", ListBookings).WithName("listBookings").RequireAuthorization(ApiKeyScopes.SpacesRead)
            .WithSummary("List bookings")
            .WithDescription("Ordered by startsAt, then id; keyset paged. `from`/`to` select bookings overlapping the interval. A member editor " +
                "sees its own member's bookings only; API keys (spaces:read) see the member organisation, never the person who booked.")
            .ProducesTagged<BookingPage>().WithProblems(401, 403);
        bookings.MapGet("/{id:guid}", Versioned.Get(id => new GetBookingQuery(id))).WithName("getBooking").RequireAuthorization(ApiKeyScopes.SpacesRead)
            .WithSummary("Get a booking").ProducesTagged<BookingResponse>().WithProblems(401, 403, 404);
        bookings.MapPost("/", Versioned.Create("/api/v1/bookings", (BookingInput input) => new CreateBookingCommand(input)))
            .WithName("createBooking").RequireAuthorization(Policies.Reader)
            .WithSummary("Book a space (staff, or an editor for its own member)")
            .WithDescription("Confirmed at once when the space approves automatically or staff book, else `requested`. Outside opening hours, " +
                "in a closure, too short or long, off the start interval, too far ahead or over the member's quota: 400 naming the field. " +
                "A clash with a live booking or block, buffers included: 409 with `conflicts: [{startsAt, endsAt}]`. Staff may send " +
                "`kind: block` without a member, and `overrideReason` to pass the rules (kept in the history).")
            .Produces<BookingResponse>(StatusCodes.Status201Created).WithProblems(401, 403, 409, 415)
            .WithRequestExample(BookingExamples.Booking);
        bookings.MapPut("/{id:guid}", Versioned.Write((Guid id, BookingInput input, long? version) => new UpdateBookingCommand(id, input, version)))
            .WithName("updateBooking").RequireAuthorization(Policies.Reader)
            .WithSummary("Change a live booking's time, purpose or attendees")
            .WithDescription("Space, member and kind stay. The new time passes the same checks as a new booking; a member editor may change " +
                "its booking until the space's cancellation deadline.")
            .Produces<BookingResponse>().WithProblems(401, 403, 404, 409, 412, 415)
            .WithRequestExample(BookingExamples.Booking);
        bookings.MapDelete("/{id:guid}", CancelBooking)
            .WithName("cancelBooking").RequireAuthorization(Policies.Reader)
            .WithSummary("Cancel a booking (the booking member's editor until the deadline)")
            .WithDescription("The same as the transition to `cancelled` without a reason; staff cancel through the transition, with a reason.")
            .Produces(StatusCodes.Status204NoContent).WithProblems(401, 403, 404, 409, 412);
        bookings.MapPost("/{id:guid}/transitions", Versioned.Write(
                (Guid id, BookingTransitionInput input, long? version) => new TransitionBookingCommand(id, input, version)))
            .WithName("transitionBooking").RequireAuthorization(Policies.Reader)
            .WithSummary("Confirm, deny or cancel a booking")
            .WithDescription("requested → confirmed | denied (staff); requested | confirmed → cancelled (the booking member's editor until " +
                "`cancelHoursBefore` before the start, 409 after; staff any time with a `reason`, 400 without); blocked → cancelled (staff). " +
                "Other moves are 409 with `allowed`.")
            .Produces<BookingResponse>().WithProblems(401, 403, 404, 409, 412, 415)
            .WithRequestExample(BookingExamples.Transition);
        bookings.MapGet("/{id:guid}/history", History).WithName("getBookingHistory").RequireAuthorization(ApiKeyScopes.SpacesRead)
            .WithSummary("A booking's creation and transitions, oldest first: who, when, from, to, reason")
            .Produces<BookingHistory>().WithProblems(401, 403, 404);

        var members = routes.MapGroup("/api/v1/members").WithTags("Bookings");
        members.MapGet("/{id:guid}/bookings-feed", MemberFeed).WithName("getMemberBookingFeed").RequireAuthorization(Policies.Reader)
            .WithSummary("The subscription address of a member's bookings calendar (staff, or an editor of the member)")
            .WithDescription("A URL with a token; whoever has it can read the member's bookings with their details. Changing `Auth:SigningKey` ends it.")
            .Produces<MemberBookingFeed>().WithProblems(401, 403, 404);
        members.MapGet("/{id:guid}/bookings.ics", MemberCalendar).WithName("getMemberBookingCalendar").AllowAnonymous()
            .WithSummary("iCalendar feed of a member's own bookings, with details")
            .WithDescription("RFC 5545, from 30 days ago to a year ahead: space, purpose, requested as TENTATIVE, cancelled and denied as CANCELLED. " +
                "Needs the `token` of the address `bookings-feed` gives: without it 400, a wrong one 404.")
            .Produces<string>(StatusCodes.Status200OK, "text/calendar").WithProblems(401, 404);

        var series = routes.MapGroup("/api/v1/booking-series").WithTags("Bookings");
        series.MapPost("/", CreateSeries).WithName("createBookingSeries").RequireAuthorization(Policies.Reader)
            .WithSummary("Book a space weekly or every other week until a date")
            .WithDescription("Each date is checked as a single booking; the answer lists every date: `created` with its booking, or " +
                "`refused` with the reason (overlap, closed, outside_opening_hours, too_far_ahead, quota, length, interval).")
            .Produces<BookingSeriesResponse>(StatusCodes.Status201Created).WithProblems(401, 403, 415)
            .WithRequestExample(BookingExamples.Series);
        series.MapDelete("/{id:guid}", CancelSeries).WithName("cancelBookingSeries").RequireAuthorization(Policies.Reader)
            .WithSummary("Cancel a series: its bookings that have not started are cancelled")
            .WithDescription("A member editor's cancellation leaves the dates already inside the space's cancellation deadline.")
            .Produces(StatusCodes.Status204NoContent).WithProblems(401, 403, 404);
        return routes;
    }

    private static Task<IResult> ListSpaces(
        HttpContext http, IMediator mediator, ResponseCache cache, string? kind, string? municipality, string? q, int? limit, string? cursor, CancellationToken ct) =>
        cache.SendAsync(http, mediator, new ListSpacesQuery(kind, municipality, q, limit, cursor), ct);

    private static async Task<IResult> ListBookings(
        IMediator mediator, Guid? space, Guid? member, string? from, string? to, string? status, int? limit, string? cursor, CancellationToken ct) =>
        new JsonBodyResult(await mediator.Send(new ListBookingsQuery(space, member, from, to, status, limit, cursor), ct), owned: true);

    private static async Task<IResult> CancelBooking(HttpContext http, IMediator mediator, Guid id, CancellationToken ct)
    {
        await mediator.Send(new TransitionBookingCommand(id, new BookingTransitionInput(BookingStatus.Cancelled, null), ETags.ExpectedVersion(http.Request)), ct);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> Availability(IMediator mediator, Guid id, string? from, string? to, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new GetSpaceAvailabilityQuery(id, from, to), ct));

    private static async Task<IResult> Calendar(IMediator mediator, Guid id, CancellationToken ct)
    {
        var calendar = await mediator.Send(new GetSpaceCalendarQuery(id), ct);
        return TypedResults.Bytes(new UTF8Encoding(false).GetBytes(calendar), "text/calendar; charset=utf-8", $"space-{id}.ics");
    }

    private static async Task<IResult> MemberFeed(HttpContext http, PublicBaseUrl publicBaseUrl, IMediator mediator, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new GetMemberBookingFeedQuery(id, publicBaseUrl.For(http.Request)), ct));

    private static async Task<IResult> MemberCalendar(IMediator mediator, Guid id, string? token, CancellationToken ct)
    {
        var calendar = await mediator.Send(new GetMemberBookingCalendarQuery(id, token), ct);
        return TypedResults.Bytes(new UTF8Encoding(false).GetBytes(calendar), "text/calendar; charset=utf-8", $"bookings-{id}.ics");
    }

    private static async Task<IResult> History(IMediator mediator, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new GetBookingHistoryQuery(id), ct));

    private static async Task<IResult> CreateSeries(IMediator mediator, BookingSeriesInput input, CancellationToken ct)
    {
        var created = await mediator.Send(new CreateBookingSeriesCommand(input), ct);
        return TypedResults.Created($"/api/v1/booking-series/{created.Id}", created);
    }

    private static async Task<IResult> CancelSeries(IMediator mediator, Guid id, CancellationToken ct)
    {
        await mediator.Send(new CancelBookingSeriesCommand(id), ct);
        return TypedResults.NoContent();
    }
}
