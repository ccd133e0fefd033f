using CommunityHub.Api.Features.ApiKeys;

namespace CommunityHub.Api.Features.Pilots;

public static class PilotsEndpoints
{
    public static IEndpointRouteBuilder MapPilots(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/pilots").WithTag("Pilots", "Pilots from idea to adoption: stages, team, metrics and evaluation.");

        group.MapGet("/", List).WithName("listPilots").RequireAuthorization(ApiKeyScopes.PilotsRead)
            .WithSummary("List pilots")
            .WithDescription("Ordered by id (creation order), keyset paged. `member` matches the owner or any team member; " +
                "`q` matches any part of the title, case-insensitively for every letter. A municipality-bound API key sees only its municipality.")
            .ProducesTagged<PilotPage>().WithProblems(401, 403);
        group.MapGet("/{id:guid}", Versioned.Get(id => new GetPilotQuery(id))).WithName("getPilot").RequireAuthorization(ApiKeyScopes.PilotsRead)
            .WithSummary("Get a pilot").ProducesTagged<PilotResponse>().WithProblems(401, 403, 404);
        group.MapPost("/", Versioned.Create("/api/v1/pilots", (PilotInput input) => new CreatePilotCommand(input)))
            .WithName("createPilot")
            .ChecksOnServer("metrics[].id", "pilot.unknownMetric")
            .ChecksOnServer("ownerMemberId", "unknown.member")
            .ChecksOnServer("team[].memberId", "unknown.member")
            .ChecksOnServer("partnershipId", "unknown.partnership").RequireAuthorization(Policies.Reader)
            .WithSummary("Create a pilot in stage idea (staff, or an editor of the owning member)")
            .Produces<PilotResponse>(StatusCodes.Status201Created).WithProblems(401, 403, 415)
            .WithRequestExample(PilotExamples.Pilot);
        group.MapPut("/{id:guid}", Versioned.Write((Guid id, PilotInput input, long? version) => new UpdatePilotCommand(id, input, version)))
            .WithName("updatePilot")
            .ChecksOnServer("ownerMemberId", "unknown.member")
            .ChecksOnServer("team[].memberId", "unknown.member")
            .ChecksOnServer("partnershipId", "unknown.partnership")
            .ChecksOnServer("metrics[].id", "pilot.unknownMetric").RequireAuthorization(Policies.Reader)
            .WithSummary("Replace a pilot (staff, or an editor of the owning member)")
            .WithDescription("`stage` and other read-only fields are ignored; the stage changes only through transitions. " +
                "Metrics sent with their `id` are kept, those without are added, those left out are removed. " +
                "A pilot in a final stage (adopted, discontinued) is read-only: 409.")
            .Produces<PilotResponse>().WithProblems(401, 403, 404, 409, 412, 415)
            .WithRequestExample(PilotExamples.Pilot);
        group.MapDelete("/{id:guid}", Versioned.Delete((id, version) => new DeletePilotCommand(id, version)))
            .WithName("deletePilot").RequireAuthorization(Policies.Staff)
            .WithSummary("Archive a pilot (staff)").Produces(StatusCodes.Status204NoContent).WithProblems(401, 403, 404, 412);
        group.MapPost("/{id:guid}/transitions", Versioned.Write(
                (Guid id, PilotTransitionInput input, long? version) => new TransitionPilotCommand(id, input, version)))
            .WithName("transitionPilot")
            .ChecksOnServer("note", "pilot.needsNote").RequireAuthorization(Policies.Reader)
            .WithSummary("Move a pilot to another stage (staff, or an editor of the owning member)")
            .WithDescription("idea → decided → preparing → running → evaluating → adopted | discontinued; any non-final stage → discontinued. " +
                "Entering running sets startedOn (today, Finnish time) if empty; evaluating needs startedOn; leaving evaluating needs " +
                "evaluation.results; discontinuing before evaluating needs a note (400 without); entering a final stage sets endedOn if empty. " +
                "Other moves and any move out of a final stage are 409 with `allowed` listing the legal targets.")
            .Produces<PilotResponse>().WithProblems(401, 403, 404, 409, 412, 415)
            .WithRequestExample(PilotExamples.Transition);
        group.MapGet("/{id:guid}/history", History).WithName("getPilotHistory").RequireAuthorization(ApiKeyScopes.PilotsRead)
            .WithSummary("A pilot's stage transitions, oldest first: who, when, from, to, note")
            .Produces<PilotHistory>().WithProblems(401, 403, 404);
        return routes;
    }

    // Cacheable: every write to a pilot, its team or its metrics commits a change-feed entry, and the page depends on
    // nothing but the query and the caller's municipality binding (which the cache keys on).
    private static Task<IResult> List(
        HttpContext http, IMediator mediator, ResponseCache cache, string? theme, string? stage, string? municipality, Guid? member,
        Guid? partnership, string? q, int? limit, string? cursor, CancellationToken ct) =>
        cache.SendAsync(http, mediator, new ListPilotsQuery(theme, stage, municipality, member, partnership, q, limit, cursor), ct);

    private static async Task<IResult> History(IMediator mediator, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new GetPilotHistoryQuery(id), ct));
}
