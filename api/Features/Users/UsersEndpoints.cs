
namespace CommunityHub.Api.Features.Users;

public static class UsersEndpoints
{
    public static IEndpointRouteBuilder MapUsers(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/users").WithTag("Users", "People who sign in, their roles and member binding (admin).").RequireAuthorization(Policies.Admin);
        group.MapGet("/", List).WithName("listUsers").WithSummary("List users (admin)").Produces<UserPage>().WithProblems(401, 403);
        group.MapGet("/{id:guid}", Versioned.Get(id => new GetUserQuery(id)))
            .WithName("getUser").WithSummary("Get a user (admin)").ProducesTagged<UserResponse>().WithProblems(401, 403, 404);
        group.MapPost("/", Versioned.Create("/api/v1/users", (UserInput input) => new CreateUserCommand(input)))
            .WithName("createUser")
            .ChecksOnServer("memberId", "unknown.member").WithSummary("Create a user (admin)")
            .Produces<UserResponse>(StatusCodes.Status201Created).WithProblems(401, 403, 409, 415)
            .WithRequestExample(UserExamples.User);
        group.MapPut("/{id:guid}", Versioned.Write((Guid id, UserInput input, long? version) => new UpdateUserCommand(id, input, version)))
            .WithName("updateUser")
            .ChecksOnServer("memberId", "unknown.member").WithSummary("Replace a user (admin); leave out password to keep it")
            .Produces<UserResponse>().WithProblems(401, 403, 404, 409, 412, 415)
            .WithRequestExample(UserExamples.User);
        group.MapDelete("/{id:guid}", Versioned.Delete((id, version) => new DeleteUserCommand(id, version)))
            .WithName("deleteUser").WithSummary("Remove a user (admin)")
            .Produces(StatusCodes.Status204NoContent).WithProblems(401, 403, 404, 409, 412);
        group.MapPost("/{id:guid}/sign-out-everywhere", SignOutEverywhere).WithName("signOutUserEverywhere")
            .WithSummary("End every session of a user (admin)")
            .WithDescription("Every token issued to the user so far answers 401 from its next request, on every instance of the API.")
            .Produces(StatusCodes.Status204NoContent).WithProblems(401, 403, 404);
        return routes;
    }

    private static async Task<IResult> List(IMediator mediator, int? limit, string? cursor, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new ListUsersQuery(limit, cursor), ct));

    private static async Task<IResult> SignOutEverywhere(IMediator mediator, Guid id, CancellationToken ct)
    {
        await mediator.Send(new SignOutEverywhereCommand(id), ct);
        return TypedResults.NoContent();
    }
}
