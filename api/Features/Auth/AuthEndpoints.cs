using CommunityHub.Api.Features.Users;

namespace CommunityHub.Api.Features.Auth;

/// <summary>The caller as the API sees it. External (OIDC) users have no local id; <c>subject</c> is the token's.</summary>
public sealed record MeResponse(string Subject, Guid? Id, string? Email, string? DisplayName, Role? Role, Guid? MemberId);

public static class AuthEndpoints
{
    public static IEndpointRouteBuilder MapAuth(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/auth").WithTag("Auth", "Sign-in with the embedded issuer (JWT bearer) and who the caller is.");
        group.MapPost("/token", IssueToken).WithName("issueToken").AllowAnonymous().RequireAnonymousRateLimit()
            .WithSummary("Sign in with email and password; returns a bearer token")
            .WithDescription("Bad credentials answer 401 without saying which part was wrong; repeated failures answer 429 with Retry-After " +
                "(growing delays, at most minutes). A successful sign-in sets an HttpOnly device cookie naming the account: attempts " +
                "that carry it are counted on that device alone, so failures of others at the same address never block them. " +
                "A member editor whose member is archived: 403 saying so.")
            .Produces<TokenResponse>().WithProblems(401, 403, 415, 429)
            .WithRequestExample(AuthExamples.Token);
        group.MapPost("/sign-out-everywhere", SignOutEverywhere).WithName("signOutEverywhere").RequireAuthorization(Policies.Reader)
            .WithSummary("End every session of the signed-in user, this one included")
            .WithDescription("Every token issued to the caller so far answers 401 from its next request, on every instance of the API. " +
                "A user known only to the external identity provider (no local account) signs out there instead: 409.")
            .Produces(StatusCodes.Status204NoContent).WithProblems(401, 403, 409);
        group.MapPost("/password-reset", RequestPasswordReset).WithName("requestPasswordReset").RequireAuthorization(Policies.NotApiKey).RequireAnonymousRateLimit()
            .WithSummary("Ask for a password reset link by mail (local users)")
            .WithDescription("Always 202 with the same answer, whether or not the address has an account. A local user gets a mail with " +
                "the web app's `/reset-password#token=…` link: single use, valid 30 minutes. Limited per address, per account and per " +
                "client address (429 with Retry-After).")
            .Produces<PasswordResetAccepted>(StatusCodes.Status202Accepted).WithProblems(403, 415, 429)
            .WithRequestExample(PasswordResetExamples.Request);
        group.MapPost("/password-reset/confirm", ConfirmPasswordReset).WithName("confirmPasswordReset").RequireAuthorization(Policies.NotApiKey).RequireAnonymousRateLimit()
            .WithSummary("Set a new password with a reset link's token")
            .WithDescription("204, and every session of the user ends (signed out everywhere). A used, expired or unknown token is a 400 " +
                "naming `token`; the password follows the same rules as everywhere (at least 12 characters, not a common one).")
            .Produces(StatusCodes.Status204NoContent).WithProblems(403, 415, 429)
            .WithRequestExample(PasswordResetExamples.Confirm);
        group.MapGet("/me", Me).WithName("getMe").WithSummary("Who am I").Produces<MeResponse>().WithProblems(401);
        return routes;
    }

    private static async Task<IResult> IssueToken(HttpContext http, IMediator mediator, DeviceCookies devices, TokenRequest input, CancellationToken ct)
    {
        var address = http.Connection.RemoteIpAddress is { } remote ? ClientRateLimit.PartitionOf(remote) : null;
        var account = input.Email is { } email ? UserInputValidator.Normalize(email) : "";
        var device = devices.Read(http.Request, account);
        var response = await mediator.Send(new IssueTokenCommand(input, address, device), ct);
        if (response is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: Texts.Get("problem.401.title"), detail: Texts.Get("auth.badCredentials"));
        }
        devices.Issue(http, account, device);
        return TypedResults.Ok(response);
    }

    private static async Task<IResult> RequestPasswordReset(HttpContext http, IMediator mediator, PasswordResetInput input, CancellationToken ct)
    {
        await mediator.Send(new RequestPasswordResetCommand(input, ClientRateLimit.PartitionOf(http.Connection.RemoteIpAddress)), ct);
        return TypedResults.Accepted((string?)null, new PasswordResetAccepted(Texts.Get("passwordReset.accepted")));
    }

    private static async Task<IResult> ConfirmPasswordReset(IMediator mediator, PasswordResetConfirmInput input, CancellationToken ct)
    {
        await mediator.Send(new ConfirmPasswordResetCommand(input), ct);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> SignOutEverywhere(ICurrentUser user, IMediator mediator, CancellationToken ct)
    {
        if (!Guid.TryParse(user.Subject, out var id))
        {
            throw new ConflictException("This session was issued by the external identity provider; end it there.");
        }
        await mediator.Send(new SignOutEverywhereCommand(id), ct);
        return TypedResults.NoContent();
    }

    private static IResult Me(HttpContext http, ICurrentUser user)
    {
        var subject = user.Subject ?? "";
        return TypedResults.Ok(new MeResponse(
            subject,
            Guid.TryParse(subject, out var id) ? id : null,
            http.User.FindFirst(Claims.Email)?.Value,
            user.DisplayName,
            user.Role,
            user.MemberId));
    }
}
