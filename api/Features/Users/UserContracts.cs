
namespace CommunityHub.Api.Features.Users;

public sealed record UserResponse(
    Guid Id, string Email, string DisplayName, Role Role, Guid? MemberId,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, long Version) : IVersionedResource;

public sealed record UserPage(IReadOnlyList<UserResponse> Items, string? NextCursor);

/// <summary>Create or replace a user. On replace, <c>password</c> may be left out to keep the current one.</summary>
public sealed record UserInput(string? Email, string? DisplayName, Role? Role, Guid? MemberId, string? Password);

public sealed class UserInputValidator : AbstractValidator<UserInput>
{
    public const int MinPasswordLength = PasswordPolicy.MinLength;

    public UserInputValidator()
    {
        RuleFor(u => u.Email).NotEmpty().MaximumLength(254).EmailAddress();
        RuleFor(u => u.DisplayName).NotEmpty().MaximumLength(200);
        RuleFor(u => u.Role).NotNull().WithMessage(_ => Texts.Get("user.roleRequired", EnumText.Labels<Role>()));
        RuleFor(u => u.MemberId).NotNull().When(u => u.Role == Role.MemberEditor)
            .WithMessage(_ => Texts.Get("user.editorNeedsMember"));
        RuleFor(u => u.MemberId).Null().When(u => u.Role is not null and not Role.MemberEditor)
            .WithMessage(_ => Texts.Get("user.onlyEditorsHaveMember"));
        RuleFor(u => u.Password)
            .MinimumLength(MinPasswordLength).WithMessage(_ => Texts.Get("user.passwordLength", MinPasswordLength))
            .MaximumLength(200).WithMessage(_ => Texts.Get("user.passwordLength", MinPasswordLength))
            .Must(p => p is null || !PasswordPolicy.IsCommon(p)).WithMessage(_ => Texts.Get("user.passwordCommon"));
    }

    public static string Normalize(string email) => email.Trim().ToUpperInvariant();
}

/// <summary>The user body openapi.yaml shows, accepted by the API as it stands (a staff member needs no memberId).</summary>
internal static class UserExamples
{
    public static readonly UserInput User = new("sanna.hyvonen@kumppanuuskeskus.fi", "Sanna Hyvönen", Role.Staff, null, "Kesäkuun-mökkiranta-26");
}
