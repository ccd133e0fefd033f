
namespace CommunityHub.Api.Features.Members;

public enum MemberKind
{
    Association,
    Municipality,
    Company,
    Foundation,
    PublicAuthority,
    Other,
}

public enum Sector
{
    SocialHealth,
    Disability,
    Culture,
    Youth,
    Sports,
    Employment,
    Education,
    Immigration,
    Environment,
    Elderly,
    ChildrenFamilies,
    Other,
}

public enum MembershipStatus
{
    Applicant,
    Active,
    Suspended,
    Ended,
}

public sealed record MemberAddressInput(string? Street, string? PostalCode, string? City);

/// <summary>Membership in the hub. Status defaults to <c>active</c> when a member is created without one.</summary>
public sealed record MembershipInput(MembershipStatus? Status, DateOnly? JoinedOn, DateOnly? EndedOn);

public sealed record MemberAddress(string? Street, string? PostalCode, string? City);

/// <summary>A postal address's rules, one set wherever the address is used (a member's, a space's): one schema, one rule.</summary>
public static class MemberAddressRules
{
    public static void Apply(InlineValidator<MemberAddressInput> address)
    {
        address.RuleFor(a => a.Street).MaximumLength(200);
        address.RuleFor(a => a.PostalCode).Matches(@"^\d{5}$").WithMessage(_ => Texts.Get("member.postalCode"));
        address.RuleFor(a => a.City).MaximumLength(100);
    }
}

public sealed record Membership(MembershipStatus Status, DateOnly? JoinedOn, DateOnly? EndedOn);

/// <summary>What a client sends to create or replace a member. Read-only fields of a GET response are ignored.</summary>
public sealed record MemberInput(
    string? Name,
    string? BusinessId,
    MemberKind? Kind,
    IReadOnlyList<Sector>? Sectors,
    string? MunicipalityCode,
    string? Description,
    string? Website,
    string? Email,
    string? Phone,
    MemberAddressInput? Address,
    MembershipInput? Membership);

public sealed record MemberResponse(
    Guid Id,
    string Name,
    string? BusinessId,
    MemberKind Kind,
    IReadOnlyList<Sector> Sectors,
    string MunicipalityCode,
    string? Description,
    string? Website,
    string? Email,
    string? Phone,
    MemberAddress? Address,
    Membership Membership,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    long Version) : IVersionedResource;

public sealed record MemberPage(IReadOnlyList<MemberResponse> Items, string? NextCursor);

public sealed class MemberInputValidator : AbstractValidator<MemberInput>
{
    public MemberInputValidator()
    {
        RuleFor(m => m.Name).NotEmpty().TrimmedLength(2).WithMessage(_ => Texts.Get("name.minLength", 2)).MaximumLength(200);
        // The shape is a pattern a client can check; the check digit only the server says.
        RuleFor(m => m.BusinessId)
            .Matches(Members.BusinessId.Pattern).WithMessage(_ => Texts.Get("member.businessId"))
            .Must(b => b is null || Members.BusinessId.IsValid(b)).WithMessage(_ => Texts.Get("member.businessIdCheckDigit"));
        RuleFor(m => m.Kind).NotNull().WithMessage(_ => Texts.Get("member.kindRequired", EnumText.Labels<MemberKind>()));
        RuleFor(m => m.Sectors).ItemCount(max: 12).WithMessage(_ => Texts.Get("member.sectorsMax", 12));
        RuleFor(m => m.MunicipalityCode).NotEmpty().MunicipalityCode();
        RuleFor(m => m.Description).MaximumLength(4000);
        RuleFor(m => m.Website).MaximumLength(500).HttpUrl().WithMessage(_ => Texts.Get("member.website"));
        RuleFor(m => m.Email).MaximumLength(254).EmailAddress();
        RuleFor(m => m.Phone).MaximumLength(40).Matches(Contacts.ContactInputValidator.PhonePattern).WithMessage(_ => Texts.Get("phone.format"));
        // Child rules run only on an address or a membership that was sent, and name their fields address.street and so on.
        RuleFor(m => m.Address!).ChildRules(MemberAddressRules.Apply);
        RuleFor(m => m.Membership!).ChildRules(membership =>
            membership.RuleFor(x => x.EndedOn)
                .GreaterThanOrEqualTo(x => x.JoinedOn)
                .When(x => x.EndedOn is not null && x.JoinedOn is not null)
                .WithMessage(_ => Texts.Get("member.membershipEnd")));
    }
}

/// <summary>
/// The member bodies openapi.yaml shows, accepted by the API as they stand. The other features' examples refer to the
/// association (<see cref="AssociationId"/>) and the city of Oulu (<see cref="CityId"/>) by the ids they would have.
/// </summary>
internal static class MemberExamples
{
    public static readonly Guid AssociationId = Guid.Parse("0193a4c2-7f10-7c3e-8a41-2b6d9e0f1a12");

    public static readonly Guid CityId = Guid.Parse("0193a4c2-7f10-7c3e-8a41-2b6d9e0f1a11");

    public static readonly MemberInput Member = new(
        Name: "Pohjois-Pohjanmaan Näkövammaiset ry",
        BusinessId: "2988211-5",
        Kind: MemberKind.Association,
        Sectors: [Sector.Disability, Sector.SocialHealth],
        MunicipalityCode: "564",
        Description: "Vertaistukea, kuntoutusohjausta ja edunvalvontaa näkövammaisille ja heidän läheisilleen Oulun seudulla.",
        Website: "https://www.ppnakovammaiset.fi",
        Email: "toimisto@ppnakovammaiset.fi",
        Phone: "+358 8 311 2233",
        Address: new MemberAddressInput("Isokatu 47 B", "90100", "Oulu"),
        Membership: new MembershipInput(MembershipStatus.Active, new DateOnly(2019, 3, 1), null));
}
