
namespace CommunityHub.Api.Features.Audit;

public static class AuditEndpoints
{
    public static IEndpointRouteBuilder MapAudit(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/v1/audit", List).WithTag("Audit", "Who changed what and when (admin).").WithName("listAudit").RequireAuthorization(Policies.Admin)
            .WithSummary("The audit trail (admin)")
            .WithDescription("Every committed write to every resource — who, when, which entity, the operation (create, update, " +
                "transition, delete) and the version it produced — written in the same transaction as the write, so a failed " +
                "write leaves no entry. Ordered by id (time order), keyset paged; filter by `entityType` and/or `entityId`.")
            .Produces<AuditPage>().WithProblems(401, 403);
        return routes;
    }

    private static async Task<IResult> List(IMediator mediator, string? entityType, Guid? entityId, int? limit, string? cursor, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new ListAuditQuery(entityType, entityId, limit, cursor), ct));
}
