
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
        RuleFor(m => m.Name).NotEmpty().Must(n => n!.Trim().Length >= 2).WithMessage(_ => Texts.Get("name.minLength", 2))
            .MaximumLength(200);
        RuleFor(m => m.BusinessId)
            .Must(Members.BusinessId.IsValid)
            .When(m => m.BusinessId is not null)
            .WithMessage(_ => Texts.Get("member.businessId"));
        RuleFor(m => m.Kind).NotNull().WithMessage(_ => Texts.Get("member.kindRequired", EnumText.Labels<MemberKind>()));
        RuleFor(m => m.Sectors).Must(s => s is null || s.Count <= 12).WithMessage(_ => Texts.Get("member.sectorsMax", 12));
        RuleFor(m => m.MunicipalityCode).NotEmpty().MunicipalityCode();
        RuleFor(m => m.Description).MaximumLength(4000);
        RuleFor(m => m.Website).MaximumLength(500)
            .Must(BeAbsoluteHttpUrl).When(m => m.Website is not null)
            .WithMessage(_ => Texts.Get("member.website"));
        RuleFor(m => m.Email).MaximumLength(254).EmailAddress().When(m => m.Email is not null);
        RuleFor(m => m.Phone).MaximumLength(40).Matches(@"^\+?[0-9 ()\-]{5,40}$").When(m => m.Phone is not null)
            .WithMessage(_ => Texts.Get("phone.format"));
        RuleFor(m => m.Address!.Street).MaximumLength(200).When(m => m.Address is not null).OverridePropertyName("address.street");
        RuleFor(m => m.Address!.PostalCode).Matches(@"^\d{5}$").When(m => m.Address?.PostalCode is not null)
            .WithMessage(_ => Texts.Get("member.postalCode")).OverridePropertyName("address.postalCode");
        RuleFor(m => m.Address!.City).MaximumLength(100).When(m => m.Address is not null).OverridePropertyName("address.city");
        RuleFor(m => m.Membership!.EndedOn)
            .GreaterThanOrEqualTo(m => m.Membership!.JoinedOn)
            .When(m => m.Membership?.EndedOn is not null && m.Membership.JoinedOn is not null)
            .WithMessage(_ => Texts.Get("member.membershipEnd"))
            .OverridePropertyName("membership.endedOn");
    }

    internal static bool BeAbsoluteHttpUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
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
