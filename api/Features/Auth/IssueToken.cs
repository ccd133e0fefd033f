using CommunityHub.Api.Features.Users;

namespace CommunityHub.Api.Features.Auth;

public sealed record TokenRequest(string? Email, string? Password);

public sealed record AuthUser(Guid Id, string Email, string DisplayName, Role Role, Guid? MemberId);

public sealed record TokenResponse(string AccessToken, DateTimeOffset ExpiresAt, AuthUser User);

/// <summary>
/// A sign-in. <paramref name="ClientAddress"/> is the client's address partition (IPv6 by its /64); <paramref name="Device"/>
/// the id of a valid device cookie for the account being signed in to, when the request carries one.
/// </summary>
public sealed record IssueTokenCommand(TokenRequest Input, string? ClientAddress, string? Device) : IRequest<TokenResponse?>;

public sealed class IssueTokenValidator : AbstractValidator<IssueTokenCommand>
{
    public IssueTokenValidator()
    {
        RuleFor(c => c.Input.Email).NotEmpty().MaximumLength(254).OverridePropertyName("email");
        RuleFor(c => c.Input.Password).NotEmpty().MaximumLength(200).OverridePropertyName("password");
    }
}

/// <summary>
/// Checks a password and issues a token; null means bad credentials (401, without saying which part was wrong). A member
/// editor whose member is archived is refused after the password is checked (403 saying why).
/// </summary>
public sealed class IssueTokenHandler(Db db, UserStore users, TokenIssuer tokens, LoginThrottle throttle, ISessionStateReader sessions)
    : IRequestHandler<IssueTokenCommand, TokenResponse?>
{
    // Verifying against a real hash even for unknown emails keeps the response time from telling which emails exist.
    private static readonly string DummyHash = new Microsoft.AspNetCore.Identity.PasswordHasher<object>().HashPassword(new object(), "not-a-real-password");

    public async Task<TokenResponse?> Handle(IssueTokenCommand request, CancellationToken ct)
    {
        var email = UserInputValidator.Normalize(request.Input.Email!);
        var device = request.Device;
        // Reserved (counted as a failure) before the password is checked, so parallel guesses cannot pass the limit.
        await throttle.ReserveAsync(email, request.ClientAddress, device, ct);

        await using var connection = await db.OpenAsync(ct);
        var user = await connection.QuerySingleOrDefaultAsync<UserRow>(new CommandDefinition(
            $"SELECT {UserRow.Columns} FROM users WHERE email_normalized = @Email AND deleted_at IS NULL",
            new { Email = email },
            cancellationToken: ct));
        if (user is null || !users.Verify(user.PasswordHash, request.Input.Password!))
        {
            if (user is null)
            {
                users.Verify(DummyHash, request.Input.Password!);
            }
            return null;
        }
        await throttle.SucceededAsync(email, request.ClientAddress, device, ct);
        if (user.ParsedRole == Role.MemberEditor && user.MemberId is { } memberId && await sessions.MemberArchivedAsync(memberId, ct))
        {
            throw new ForbiddenException(Texts.Get("auth.memberArchived"));
        }
        var (token, expires) = tokens.Issue(user.Id, user.Email, user.DisplayName, user.ParsedRole, user.MemberId, user.SecurityStamp);
        return new TokenResponse(token, expires, new AuthUser(user.Id, user.Email, user.DisplayName, user.ParsedRole, user.MemberId));
    }
}

/// <summary>The sign-in body openapi.yaml shows: the user that the user example creates.</summary>
internal static class AuthExamples
{
    public static readonly TokenRequest Token = new(UserExamples.User.Email, UserExamples.User.Password);
}
