
namespace CommunityHub.Api.Features.ApiKeys;

public static class ApiKeysEndpoints
{
    public static IEndpointRouteBuilder MapApiKeys(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/api-keys").WithTag("API keys", "Read-only machine keys for integrations (admin): scopes, an optional municipality binding, a per-key rate limit.").RequireAuthorization(Policies.Admin);
        group.MapPost("/", Create).WithName("createApiKey")
            .WithSummary("Create an API key (admin)")
            .WithDescription("The answer carries the secret once as `key`; only a hash is stored, so it cannot be shown again. " +
                "Send it as the `X-Api-Key` header. Keys read within their scopes and never write.")
            .Produces<ApiKeyCreated>(StatusCodes.Status201Created).WithProblems(401, 403, 415)
            .WithRequestExample(ApiKeyExamples.Key);
        group.MapGet("/", List).WithName("listApiKeys")
            .WithSummary("List API keys (admin), revoked ones included; never their secrets")
            .Produces<ApiKeyPage>().WithProblems(401, 403);
        group.MapGet("/{id:guid}", Get).WithName("getApiKey")
            .WithSummary("Get an API key (admin); never its secret").Produces<ApiKeyResponse>().WithProblems(401, 403, 404);
        group.MapDelete("/{id:guid}", Revoke).WithName("revokeApiKey")
            .WithSummary("Revoke an API key (admin); effective for the next request")
            .Produces(StatusCodes.Status204NoContent).WithProblems(401, 403, 404, 412);
        return routes;
    }

    private static async Task<IResult> Create(HttpContext http, IMediator mediator, ApiKeyInput input, CancellationToken ct)
    {
        var key = await mediator.Send(new CreateApiKeyCommand(input), ct);
        return Tagged.Created(http, $"/api/v1/api-keys/{key.Id}", key, key.Version);
    }

    private static async Task<IResult> List(IMediator mediator, int? limit, string? cursor, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new ListApiKeysQuery(limit, cursor), ct));

    private static async Task<IResult> Get(IMediator mediator, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new GetApiKeyQuery(id), ct));

    private static async Task<IResult> Revoke(HttpContext http, IMediator mediator, Guid id, CancellationToken ct)
    {
        await mediator.Send(new RevokeApiKeyCommand(id, ETags.ExpectedVersion(http.Request)), ct);
        return TypedResults.NoContent();
    }
}
