namespace CommunityHub.Api.Features.Mail;

public static class MailEndpoints
{
    public static IEndpointRouteBuilder MapMail(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/mail")
            .WithTag("Mail", "The outgoing mail log (admin): what was queued, sent or failed, and sending again.")
            .RequireAuthorization(Policies.Admin);
        group.MapGet("/", List).WithName("listMail")
            .WithSummary("The mail log (admin), newest first")
            .WithDescription("Messages CommunityHub queued, optionally of one `status` (pending, sent, failed). Never the bodies.")
            .Produces<MailLogPage>().WithProblems(401, 403);
        group.MapPost("/{id:guid}/retry", Retry).WithName("retryMail")
            .WithSummary("Send a message again (admin)")
            .WithDescription("The message becomes pending and due now, retried again for the whole retry period. One whose body was " +
                "already deleted by the privacy retention cannot be sent again: 409.")
            .Produces<MailLogItem>().WithProblems(401, 403, 404, 409);
        return routes;
    }

    private static async Task<IResult> List(IMediator mediator, string? status, int? limit, string? cursor, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new ListMailQuery(status, limit, cursor), ct));

    private static async Task<IResult> Retry(IMediator mediator, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new RetryMailCommand(id), ct));
}
