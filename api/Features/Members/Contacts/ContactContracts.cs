
namespace CommunityHub.Api.Features.Members.Contacts;

public sealed record ContactInput(string? Name, string? Title, string? Email, string? Phone);

public sealed record ContactResponse(
    Guid Id, Guid MemberId, string Name, string? Title, string? Email, string? Phone,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, long Version);

public sealed record ContactPage(IReadOnlyList<ContactResponse> Items, string? NextCursor);

public sealed class ContactInputValidator : AbstractValidator<ContactInput>
{
    /// <summary>A phone number as people write it: digits, spaces, brackets and hyphens, an optional leading +.</summary>
    public const string PhonePattern = @"^\+?[0-9 ()\-]{5,40}$";

    public ContactInputValidator()
    {
        RuleFor(c => c.Name).NotEmpty().TrimmedLength(2).WithMessage(_ => Texts.Get("name.minLength", 2)).MaximumLength(200);
        RuleFor(c => c.Title).MaximumLength(200);
        RuleFor(c => c.Email).MaximumLength(254).EmailAddress();
        RuleFor(c => c.Phone).MaximumLength(40).Matches(PhonePattern).WithMessage(_ => Texts.Get("phone.format"));
    }
}

/// <summary>The contact body openapi.yaml shows, accepted by the API as it stands.</summary>
internal static class ContactExamples
{
    public static readonly ContactInput Contact = new("Åsa Mäkelä-Lindström", "Toiminnanjohtaja", "asa.makela-lindstrom@ppnakovammaiset.fi", "+358 40 123 4567");
}
