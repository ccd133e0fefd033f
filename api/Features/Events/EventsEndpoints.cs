using System.ComponentModel;
using CommunityHub.Api.Features.Events.Registrations;
using Microsoft.AspNetCore.Mvc;

namespace CommunityHub.Api.Features.Events;

public static class EventsEndpoints
{
    public static IEndpointRouteBuilder MapEvents(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/v1/events.ics", Calendar).WithTag("Events", "Public and members-only events, registrations with a waiting list, feedback and the iCalendar feed.").WithName("getEventCalendar").AllowAnonymous()
            .WithSummary("iCalendar feed of public events")
            .WithDescription("RFC 5545 calendar of published public events that ended less than 30 days ago or later; once-published " +
                "events that were cancelled stay with STATUS:CANCELLED. Times in Europe/Helsinki (VTIMEZONE included); each entry's " +
                "URL is the event's public page.")
            .Produces<string>(StatusCodes.Status200OK, "text/calendar").WithProblems();

        var group = routes.MapGroup("/api/v1/events").WithTags("Events");
        group.MapGet("/", List).WithName("listEvents").AllowAnonymous()
            .WithSummary("List events")
            .WithDescription("Ordered by startsAt, then id; keyset paged. `from`/`to` select events overlapping the interval. " +
                "Anonymous callers and API keys (events:read) see public events that have been published; signed-in users see all.")
            .ProducesTagged<CommunityEventPage>().WithProblems(403);
        group.MapGet("/{id:guid}", Versioned.Get(id => new GetCommunityEventQuery(id))).WithName("getEvent").AllowAnonymous()
            .WithSummary("Get an event").ProducesTagged<CommunityEventResponse>().WithProblems(403, 404);
        group.MapPost("/", Versioned.Create("/api/v1/events", (CommunityEventInput input) => new CreateCommunityEventCommand(input)))
            .WithName("createEvent")
            .ChecksOnServer("organizerIds", "event.unknownOrganizer")
            .ChecksOnServer("partnershipId", "unknown.partnership")
            .ChecksOnServer("pilotId", "unknown.pilot").RequireAuthorization(Policies.Reader)
            .WithSummary("Create a draft event (staff, or an editor of an organising member)")
            .Produces<CommunityEventResponse>(StatusCodes.Status201Created).WithProblems(401, 403, 415)
            .WithRequestExample(EventExamples.Event);
        group.MapPut("/{id:guid}", Versioned.Write(
                (Guid id, CommunityEventInput input, long? version) => new UpdateCommunityEventCommand(id, input, version)))
            .WithName("updateEvent")
            .ChecksOnServer("organizerIds", "event.unknownOrganizer")
            .ChecksOnServer("partnershipId", "unknown.partnership")
            .ChecksOnServer("pilotId", "unknown.pilot")
            .ChecksOnServer("capacity", "event.capacityBelowConfirmed", "N").RequireAuthorization(Policies.Reader)
            .WithSummary("Replace an event (staff, or an editor of an organising member)")
            .WithDescription("Status and counts are read-only; completed and cancelled events cannot be edited (409).")
            .Produces<CommunityEventResponse>().WithProblems(401, 403, 404, 409, 412, 415)
            .WithRequestExample(EventExamples.Event);
        group.MapDelete("/{id:guid}", Versioned.Delete((id, version) => new DeleteCommunityEventCommand(id, version)))
            .WithName("deleteEvent").RequireAuthorization(Policies.Reader)
            .WithSummary("Archive an event (staff, or an editor of an organising member)")
            .Produces(StatusCodes.Status204NoContent).WithProblems(401, 403, 404, 412);
        group.MapPost("/{id:guid}/transitions", Versioned.Write(
                (Guid id, EventTransitionInput input, long? version) => new TransitionCommunityEventCommand(id, input, version)))
            .WithName("transitionEvent").RequireAuthorization(Policies.Reader)
            .WithSummary("Change an event's status")
            .WithDescription("draft → published → completed; draft|published → cancelled. Anything else is 409 with `allowed`.")
            .Produces<CommunityEventResponse>().WithProblems(401, 403, 404, 409, 412, 415)
            .WithRequestExample(EventExamples.Transition);

        group.MapPost("/{id:guid}/registrations", Register).WithName("registerForEvent")
            .ChecksOnServer("memberId", "unknown.member").OpenToPeople()
            .WithSummary("Register for an event")
            .WithDescription("Open to anyone for a published public event inside its registration window (members-only events need a " +
                "signed-in user). Confirmed while seats are free, otherwise waitlisted. Everyone but staff and the organisers' editors " +
                "gets **202** `{message}` — the same answer, status and timing whether or not the address was already registered, so " +
                "nobody learns who attends; the result (a seat, a waiting-list place, or \"already registered\") and the personal " +
                "cancel link go to the address by mail, in `language` (else the request's Accept-Language). Staff and organisers " +
                "registering someone get 201 `{id, status, waitlistPosition}` (the link still goes by mail only; a duplicate address is " +
                "409 for them). A retry with the same `Idempotency-Key` header and the same body answers as the first time, without a " +
                "second registration or message; the same key with a different body is a 422. A cancelled event, or outside the " +
                "window: 409.")
            .Produces<RegistrationAccepted>(StatusCodes.Status202Accepted)
            .Produces<RegistrationReceipt>(StatusCodes.Status201Created).WithProblems(403, 404, 409, 415, 422, 429)
            .WithRequestExample(EventExamples.Registration);
        group.MapGet("/{id:guid}/registrations", ListRegistrations).WithName("listRegistrations").RequireAuthorization(Policies.Reader)
            .WithSummary("List an event's registrations (staff, or an editor of an organising member)")
            .ProducesTagged<RegistrationPage>().WithProblems(401, 403, 404);
        group.MapGet("/{id:guid}/registrations.csv", ExportRegistrations).WithName("exportRegistrations").RequireAuthorization(Policies.Reader)
            .WithSummary("Export an event's registrations as CSV (staff, or an editor of an organising member)")
            .Produces<string>(StatusCodes.Status200OK, "text/csv").WithProblems(401, 403, 404);
        group.MapDelete("/{id:guid}/registrations/{registrationId:guid}", CancelRegistration).WithName("cancelRegistration")
            .RequireAuthorization(Policies.NotApiKey).RequireAnonymousRateLimit()
            .WithSummary("Cancel a registration (staff, or an editor of an organising member)")
            .WithDescription("The first on the waiting list takes the freed seat and is mailed. A registrant cancels with the mailed " +
                "link instead (`POST …/cancel` with `cancelToken`): the old `?token=` answers 400 saying where the token goes now.")
            .Produces(StatusCodes.Status204NoContent).WithProblems(400, 401, 403, 404, 429);
        group.MapPost("/{id:guid}/registrations/{registrationId:guid}/cancel", CancelWithToken).WithName("cancelRegistrationWithToken").OpenToPeople()
            .WithSummary("Cancel a registration with its cancel token (from the mailed link)")
            .WithDescription("The token comes from the link in the registration's mail (`/events/{eventId}/registration#id=…&token=…`, " +
                "a fragment the web app reads and sends here in the body). The first on the waiting list takes the freed seat and is " +
                "mailed. A wrong token is a 404. Cancelling twice is harmless.")
            .Produces(StatusCodes.Status204NoContent).WithProblems(400, 403, 404, 415, 429)
            .WithRequestExample(EventExamples.Cancel);

        group.MapPost("/{id:guid}/feedback", SubmitFeedback).WithName("submitEventFeedback")
            .ChecksOnServer("cancelToken", "feedback.unknownToken").OpenToPeople()
            .WithSummary("Give feedback on an event (once it has started)")
            .WithDescription("Rating 1–5, an optional comment, and the `cancelToken` of a registration for this event (required: " +
                "400 without it). At most once per registration (409).")
            .Produces<FeedbackResponse>(StatusCodes.Status201Created).WithProblems(403, 404, 409, 415, 429)
            .WithRequestExample(EventExamples.Feedback);
        group.MapGet("/{id:guid}/feedback/summary", FeedbackSummary).WithName("getEventFeedbackSummary").RequireAuthorization(Policies.Reader)
            .WithSummary("Feedback summary: count, average and the count per rating of registrations' feedback (signed-in users)")
            .Produces<FeedbackSummary>().WithProblems(401, 403, 404);
        return routes;
    }

    /// <summary>
    /// Registering, cancelling and giving feedback are open to people, signed in or not, but not to API keys (which only
    /// read); anonymous calls count against the per-address limit.
    /// </summary>
    private static RouteHandlerBuilder OpenToPeople(this RouteHandlerBuilder endpoint) =>
        endpoint.RequireAuthorization(Policies.NotApiKey).RequireAnonymousRateLimit();

    // Cacheable: every write the page shows (the event, its organisers, and registrations through the counts) commits a
    // change-feed entry; what a caller may see depends only on signed in or not, an API key's scopes and municipality.
    private static Task<IResult> List(
        HttpContext http, IMediator mediator, ResponseCache cache, string? from, string? to, string? municipality, Guid? organizer,
        string? status, string? q, int? limit, string? cursor, CancellationToken ct) =>
        cache.SendAsync(http, mediator, new ListCommunityEventsQuery(from, to, municipality, organizer, status, q, limit, cursor), ct);

    private static async Task<IResult> Register(
        IMediator mediator, Guid id, RegistrationInput input, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, CancellationToken ct)
    {
        var outcome = await mediator.Send(new RegisterForCommunityEventCommand(id, input, idempotencyKey), ct);
        return outcome.Receipt is { } receipt
            ? TypedResults.Created($"/api/v1/events/{id}/registrations/{receipt.Id}", receipt)
            : TypedResults.Accepted((string?)null, new RegistrationAccepted(Texts.Get("registration.received")));
    }

    private static async Task<IResult> ListRegistrations(
        HttpContext http, IMediator mediator, Guid id, string? status, int? limit, string? cursor, CancellationToken ct)
    {
        var page = await mediator.Send(new ListRegistrationsQuery(id, status, limit, cursor), ct);
        // A waitlisted place moves when someone ahead leaves the list, without the row changing: the tag covers it too.
        return Tagged.Page(
            http, page, page.Items.SelectMany(r => new[] { (r.Id, r.UpdatedAt.UtcTicks), (r.Id, (long)(r.WaitlistPosition ?? 0)) }), page.NextCursor);
    }

    private static async Task ExportRegistrations(
        HttpContext http, IMediator mediator, Guid id, [Description(CsvDialect.ParameterDescription)] string? dialect, CancellationToken ct)
    {
        var rows = await mediator.Send(new ExportRegistrationsQuery(id, dialect), ct);
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=registrations-{id}.csv";
        await RegistrationCsv.WriteAsync(http.Response.Body, rows, CsvDialect.For(dialect), ct);
    }

    private static async Task<IResult> CancelRegistration(
        ICurrentUser user, IMediator mediator, Guid id, Guid registrationId, [Description(TokenMoved)] string? token, CancellationToken ct)
    {
        if (token is not null)
        {
            // No secret travels in a query string (proxy and server logs keep them): say where it goes now.
            throw new FieldValidationException("token", Texts.Get("registration.tokenInBody", id, registrationId));
        }
        if (!user.IsAuthenticated)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: Texts.Get("problem.401.title"),
                detail: Texts.Get("registration.cancelNeedsToken"));
        }
        await mediator.Send(new CancelRegistrationCommand(id, registrationId, null), ct);
        return TypedResults.NoContent();
    }

    private const string TokenMoved = "No longer accepted: answers 400. The cancel token goes in the body of POST …/registrations/{registrationId}/cancel.";

    private static async Task<IResult> CancelWithToken(IMediator mediator, Guid id, Guid registrationId, CancelRegistrationInput input, CancellationToken ct)
    {
        await mediator.Send(new CancelRegistrationCommand(id, registrationId, input), ct);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> SubmitFeedback(IMediator mediator, Guid id, FeedbackInput input, CancellationToken ct)
    {
        var feedback = await mediator.Send(new SubmitFeedbackCommand(id, input), ct);
        return TypedResults.Created($"/api/v1/events/{id}/feedback/{feedback.Id}", feedback);
    }

    private static async Task<IResult> FeedbackSummary(IMediator mediator, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new GetFeedbackSummaryQuery(id), ct));

    private static async Task<IResult> Calendar(
        HttpContext http, PublicBaseUrl publicBaseUrl, IMediator mediator, string? municipality, Guid? organizer, CancellationToken ct)
    {
        var calendar = await mediator.Send(new GetEventCalendarQuery(municipality, organizer, publicBaseUrl.For(http.Request)), ct);
        return TypedResults.Bytes(new UTF8Encoding(false).GetBytes(calendar), "text/calendar; charset=utf-8", "communityhub-events.ics");
    }
}
