using System.ComponentModel;
using CommunityHub.Api.Features.ApiKeys;
using CommunityHub.Api.Features.Partnerships.Reviews;

namespace CommunityHub.Api.Features.Partnerships;

public static class PartnershipsEndpoints
{
    private const string Filters =
        "Filters: `municipality` (3-digit code), `status`, `serviceArea`, `member` (a party's member id), " +
        "`updatedSince` (RFC 3339 with offset; changed at or after), `q` (any part of the title, case-insensitive for every letter), " +
        "`reviewDue=true` (next review date passed, status not final). An API key bound to a municipality sees only that municipality.";

    public static IEndpointRouteBuilder MapPartnerships(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/partnerships").WithTag("Partnerships", "Agreements between members and municipalities: parties, goals, status transitions, reviews and history.");

        group.MapGet("/", List).WithName("listPartnerships").RequireAuthorization(ApiKeyScopes.PartnershipsRead)
            .WithSummary("List partnerships")
            .WithDescription("Ordered by id (time-ordered), keyset paged. " + Filters)
            .ProducesTagged<PartnershipPage>().WithProblems(401, 403);
        group.MapGet("/export.csv", Export).WithName("exportPartnershipsCsv").RequireAuthorization(ApiKeyScopes.PartnershipsRead)
            .WithSummary("Export partnerships as CSV")
            .WithDescription(
                "The same filters as the list, every matching partnership in one download, streamed row by row. UTF-8 with a BOM, " +
                "RFC 4180 quoting, CRLF line ends; parties as \"Member name (role); …\" and goals as \"Title (indicator: target); …\". " +
                "A cell starting with = + - @ is prefixed with ' so spreadsheets do not run it. " +
                "`dialect=excel-fi` gives `;`, Finnish headers and labels, d.M.yyyy dates and Finnish times for Excel set to Finnish. " + Filters)
            .Produces<string>(StatusCodes.Status200OK, "text/csv").WithProblems(401, 403);
        group.MapPost("/", Versioned.Create("/api/v1/partnerships", (PartnershipInput input) => new CreatePartnershipCommand(input)))
            .WithName("createPartnership")
            .ChecksOnServer("parties[].memberId", "partnership.unknownMember", "…")
            .ChecksOnServer("goals[].id", "partnership.unknownGoal", "…").RequireAuthorization(Policies.Staff)
            .WithSummary("Create a partnership (staff)")
            .WithDescription("Created in `draft`; status changes only through transitions. At least two parties, each an existing member.")
            .Produces<PartnershipResponse>(StatusCodes.Status201Created).WithProblems(401, 403, 415)
            .WithRequestExample(PartnershipExamples.Partnership);
        group.MapGet("/{id:guid}", Get).WithName("getPartnership").RequireAuthorization(ApiKeyScopes.PartnershipsRead)
            .WithSummary("Get a partnership").ProducesTagged<PartnershipResponse>().WithProblems(401, 403, 404);
        group.MapPut("/{id:guid}", Versioned.Write(
                (Guid id, PartnershipInput input, long? version) => new UpdatePartnershipCommand(id, input, version)))
            .WithName("updatePartnership")
            .ChecksOnServer("parties[].memberId", "partnership.unknownMember", "…")
            .ChecksOnServer("goals[].id", "partnership.unknownGoal", "…").RequireAuthorization(Policies.Staff)
            .WithSummary("Replace a partnership (staff)")
            .WithDescription(
                "Read-only fields (id, status, nextReviewDue, timestamps, version, member names) are ignored. Goals with an id keep it, " +
                "goals without one are new, goals left out are removed (409 when a review records progress on them). " +
                "An ended or cancelled partnership cannot be edited (409).")
            .Produces<PartnershipResponse>().WithProblems(401, 403, 404, 409, 412, 415)
            .WithRequestExample(PartnershipExamples.Partnership);
        group.MapDelete("/{id:guid}", Versioned.Delete((id, version) => new DeletePartnershipCommand(id, version)))
            .WithName("deletePartnership").RequireAuthorization(Policies.Staff)
            .WithSummary("Archive a partnership (staff)").Produces(StatusCodes.Status204NoContent).WithProblems(401, 403, 404, 412);
        group.MapPost("/{id:guid}/transitions", Versioned.Write(
                (Guid id, PartnershipTransitionInput input, long? version) => new TransitionPartnershipCommand(id, input, version)))
            .WithName("transitionPartnership").RequireAuthorization(Policies.Staff)
            .WithSummary("Change a partnership's status (staff)")
            .WithDescription(
                "`draft → negotiation → active → ended`; any status that is not final may move to `cancelled`. " +
                "Any other move is a 409 whose problem lists the `allowed` targets. Recorded in the history.")
            .Produces<PartnershipResponse>().WithProblems(401, 403, 404, 409, 412, 415)
            .WithRequestExample(PartnershipExamples.Transition);
        group.MapGet("/{id:guid}/history", History).WithName("getPartnershipHistory").RequireAuthorization(ApiKeyScopes.PartnershipsRead)
            .WithSummary("A partnership's status transitions, oldest first (who, when, from, to, note)")
            .Produces<PartnershipHistory>().WithProblems(401, 403, 404);
        group.MapGet("/{id:guid}/reviews", ListReviews).WithName("listPartnershipReviews").RequireAuthorization(ApiKeyScopes.PartnershipsRead)
            .WithSummary("List a partnership's reviews").WithDescription("By review date, then id; keyset paged.")
            .Produces<PartnershipReviewPage>().WithProblems(401, 403, 404);
        group.MapPost("/{id:guid}/reviews", CreateReview).WithName("createPartnershipReview")
            .ChecksOnServer("goalProgress[].goalId", "review.unknownGoal", "…").RequireAuthorization(Policies.Staff)
            .WithSummary("Record a review (staff)")
            .WithDescription(
                "Progress (0–100) per goal of this partnership. Moves the partnership's nextReviewDue to the latest review date plus " +
                "reviewIntervalMonths. Not possible for a cancelled partnership (409). Honours If-Match on the partnership's version.")
            .Produces<PartnershipReviewResponse>(StatusCodes.Status201Created).WithProblems(401, 403, 404, 409, 412, 415)
            .WithRequestExample(PartnershipExamples.Review);
        group.MapGet("/{id:guid}/reviews/{reviewId:guid}", GetReview).WithName("getPartnershipReview")
            .RequireAuthorization(ApiKeyScopes.PartnershipsRead)
            .WithSummary("Get one review").ProducesTagged<PartnershipReviewResponse>().WithProblems(401, 403, 404);
        return routes;
    }

    private static Task<IResult> List(
        HttpContext http, IMediator mediator, ResponseCache cache, string? municipality, string? status, string? serviceArea, Guid? member,
        string? updatedSince, string? q, bool? reviewDue, int? limit, string? cursor, CancellationToken ct) =>
        cache.SendAsync(
            http, mediator, new ListPartnershipsQuery(municipality, status, serviceArea, member, updatedSince, q, reviewDue, limit, cursor), ct);

    private static async Task Export(
        HttpContext http, IMediator mediator, string? municipality, string? status, string? serviceArea, Guid? member,
        string? updatedSince, string? q, bool? reviewDue, [Description(CsvDialect.ParameterDescription)] string? dialect, CancellationToken ct)
    {
        // Validation runs here, before the first byte, so bad filters still answer a 400 problem.
        var rows = await mediator.Send(new ExportPartnershipsQuery(municipality, status, serviceArea, member, updatedSince, q, reviewDue, dialect), ct);
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = "attachment; filename=partnerships.csv";
        await PartnershipCsv.WriteAsync(http.Response.Body, rows, CsvDialect.For(dialect), ct);
    }

    private static Task<IResult> Get(HttpContext http, IMediator mediator, ResponseCache cache, Guid id, CancellationToken ct) =>
        cache.SendAsync(http, mediator, new GetPartnershipQuery(id), p => ETags.ForVersion(p.Version), ct);

    private static async Task<IResult> History(IMediator mediator, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new GetPartnershipHistoryQuery(id), ct));

    private static async Task<IResult> ListReviews(IMediator mediator, Guid id, int? limit, string? cursor, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new ListPartnershipReviewsQuery(id, limit, cursor), ct));

    private static async Task<IResult> CreateReview(HttpContext http, IMediator mediator, Guid id, PartnershipReviewInput input, CancellationToken ct)
    {
        var review = await mediator.Send(new CreatePartnershipReviewCommand(id, input, ETags.ExpectedVersion(http.Request)), ct);
        return Tagged.Created(http, $"/api/v1/partnerships/{id}/reviews/{review.Id}", review, review.Version);
    }

    private static async Task<IResult> GetReview(HttpContext http, IMediator mediator, Guid id, Guid reviewId, CancellationToken ct)
    {
        var review = await mediator.Send(new GetPartnershipReviewQuery(id, reviewId), ct);
        return Tagged.Ok(http, review, review.Version);
    }
}
