
namespace CommunityHub.Api.Features.Users;

public sealed record CreateUserCommand(UserInput Input) : IRequest<UserResponse>;

public sealed class CreateUserValidator : AbstractValidator<CreateUserCommand>
{
    // The shape's own rules run from UserInputValidator; only a new user must come with a password.
    public CreateUserValidator() => RuleFor(c => c.Input.Password).NotEmpty().WithMessage(_ => Texts.Get("user.passwordRequired"))
        .OverridePropertyName("password").When(c => c.Input is not null);
}

public sealed class CreateUserHandler(Db db, UserStore users) : IRequestHandler<CreateUserCommand, UserResponse>
{
    public async Task<UserResponse> Handle(CreateUserCommand request, CancellationToken ct)
    {
        await using var scope = await db.BeginWriteAsync(ct);
        var user = await users.CreateAsync(scope, request.Input, ct);
        await scope.CommitAsync(ct);
        return user;
    }
}
