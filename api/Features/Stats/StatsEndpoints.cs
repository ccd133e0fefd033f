
namespace CommunityHub.Api.Features.Stats;

public static class StatsEndpoints
{
    public static IEndpointRouteBuilder MapStats(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/v1/stats", Get).WithTag("Stats", "Counts for the dashboard.").WithName("getStats").RequireAuthorization(Policies.Reader)
            .WithSummary("Counts for the dashboard (any signed-in role)")
            .WithDescription("Computed by grouped queries at request time. `members`: byKind and byMembershipStatus (every value listed, " +
                "zero included) and total of live members. `partnerships`: byStatus, byServiceArea, byMunicipality, reviewsOverdue, total. " +
                "`pilots`: byStage (lifecycle order) and byTheme, adoptionRate = adopted / (adopted + discontinued) or null while no " +
                "pilot has finished, total. `events`: upcoming events, registrations to them, feedback count and average rating. " +
                "`generatedAt`: when the numbers were computed.")
            .Produces<StatsResponse>().WithProblems(401, 403);
        return routes;
    }

    private static async Task<IResult> Get(IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new GetStatsQuery(), ct));
}
