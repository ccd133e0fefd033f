
namespace CommunityHub.Api.Features.Webhooks;

public static class WebhooksEndpoints
{
    public static IEndpointRouteBuilder MapWebhooks(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/webhooks").WithTag("Webhooks", "Subscriptions that push change-feed entries to a receiver, signed with a per-subscription secret (admin).").RequireAuthorization(Policies.Admin);

        group.MapGet("/", List).WithName("listWebhooks").WithSummary("List webhook subscriptions (admin)")
            .WithDescription("Ordered by id, keyset paged. Secrets are never shown here.")
            .ProducesTagged<WebhookPage>().WithProblems(401, 403);
        group.MapGet("/{id:guid}", Versioned.Get(id => new GetWebhookQuery(id)))
            .WithName("getWebhook").WithSummary("Get a webhook subscription (admin)")
            .ProducesTagged<WebhookResponse>().WithProblems(401, 403, 404);
        group.MapPost("/", Versioned.Create("/api/v1/webhooks", (WebhookInput input) => new CreateWebhookCommand(input)))
            .WithName("createWebhook").WithSummary("Subscribe a receiver to the change feed (admin)")
            .WithDescription(
                "Every change-feed entry committed from now on that matches `types` (and `municipalityCode`, when given) is POSTed " +
                "to `url` in feed order, signed with the `secret` this answer shows once (see the `changes` webhook). `url` must be " +
                "absolute https (http only where the server allows it with `Webhooks:AllowHttp`).")
            .Produces<WebhookWithSecretResponse>(StatusCodes.Status201Created).WithProblems(401, 403, 415)
            .WithRequestExample(WebhookExamples.Subscription);
        group.MapPut("/{id:guid}", Versioned.Write((Guid id, WebhookInput input, long? version) => new UpdateWebhookCommand(id, input, version)))
            .WithName("updateWebhook").WithSummary("Replace a webhook subscription (admin)")
            .WithDescription(
                "`status: active` re-enables a paused or failing subscription (delivery resumes from where it stopped, nothing " +
                "skipped); `status: paused` stops deliveries. `failing` is set by the server after continuous failure.")
            .Produces<WebhookResponse>().WithProblems(401, 403, 404, 409, 412, 415)
            .WithRequestExample(WebhookExamples.Subscription);
        group.MapDelete("/{id:guid}", Versioned.Delete((id, version) => new DeleteWebhookCommand(id, version)))
            .WithName("deleteWebhook").WithSummary("Remove a webhook subscription (admin)")
            .Produces(StatusCodes.Status204NoContent).WithProblems(401, 403, 404, 412);
        group.MapPost("/{id:guid}/rotate-secret", RotateSecret).WithName("rotateWebhookSecret")
            .WithSummary("Replace the signing secret (admin); the new one is shown once and signs every delivery from now on")
            .Produces<WebhookWithSecretResponse>().WithProblems(401, 403, 404, 412);
        group.MapPost("/{id:guid}/ping", Ping).WithName("pingWebhook")
            .WithSummary("Send a signed delivery with no items now and report the receiver's answer (admin)")
            .Produces<WebhookPingResponse>().WithProblems(401, 403, 404);
        group.MapGet("/{id:guid}/deliveries", Deliveries).WithName("listWebhookDeliveries")
            .WithSummary("A subscription's delivery attempts, newest first (admin); kept for 30 days by default")
            .Produces<WebhookDeliveryPage>().WithProblems(401, 403, 404);
        return routes;
    }

    private static async Task<IResult> List(HttpContext http, IMediator mediator, int? limit, string? cursor, CancellationToken ct)
    {
        var page = await mediator.Send(new ListWebhooksQuery(limit, cursor), ct);
        return Tagged.Page(http, page, page.Items.Select(w => (w.Id, w.Version)), page.NextCursor);
    }

    private static async Task<IResult> RotateSecret(HttpContext http, IMediator mediator, Guid id, CancellationToken ct)
    {
        var webhook = await mediator.Send(new RotateWebhookSecretCommand(id, ETags.ExpectedVersion(http.Request)), ct);
        http.Response.Headers.ETag = ETags.ForVersion(webhook.Version);
        return TypedResults.Ok(webhook);
    }

    private static async Task<IResult> Ping(IMediator mediator, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new PingWebhookCommand(id), ct));

    private static async Task<IResult> Deliveries(IMediator mediator, Guid id, int? limit, string? cursor, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new ListWebhookDeliveriesQuery(id, limit, cursor), ct));
}
