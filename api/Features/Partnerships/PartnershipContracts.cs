using CommunityHub.Api.Features.Members;

namespace CommunityHub.Api.Features.Partnerships;

public enum PartnershipStatus
{
    Draft,
    Negotiation,
    Active,
    Ended,
    Cancelled,
}

public enum ServiceArea
{
    Strategy,
    Immigration,
    Employment,
    SocialHealth,
    Youth,
    BasicEducation,
    Culture,
    Leisure,
    Wellbeing,
    Other,
}

public enum PartyRole
{
    Municipality,
    Coordinator,
    Partner,
    Funder,
}

public sealed record PartyInput(Guid? MemberId, PartyRole? Role, string? Responsibilities);

/// <summary>A goal with an <c>id</c> keeps it across a PUT; one without is new; one left out is removed.</summary>
public sealed record GoalInput(Guid? Id, string? Title, string? Indicator, string? Target);

/// <summary>
/// What a client sends to create or replace a partnership. Read-only fields of a GET response (id, status,
/// nextReviewDue, timestamps, version, party member names) are ignored: status changes only through transitions.
/// </summary>
public sealed record PartnershipInput(
    string? Title,
    string? Description,
    string? MunicipalityCode,
    ServiceArea? ServiceArea,
    DateOnly? StartsOn,
    DateOnly? EndsOn,
    string? AgreementRef,
    int? ReviewIntervalMonths,
    IReadOnlyList<PartyInput>? Parties,
    IReadOnlyList<GoalInput>? Goals);

public sealed record PartyResponse(Guid MemberId, string MemberName, PartyRole Role, string? Responsibilities);

public sealed record GoalResponse(Guid Id, string Title, string? Indicator, string? Target);

/// <summary><c>nextReviewDue</c> is derived: the latest review (or <c>startsOn</c>) plus <c>reviewIntervalMonths</c>.</summary>
public sealed record PartnershipResponse(
    Guid Id,
    string Title,
    string? Description,
    string MunicipalityCode,
    ServiceArea ServiceArea,
    PartnershipStatus Status,
    DateOnly? StartsOn,
    DateOnly? EndsOn,
    string? AgreementRef,
    int? ReviewIntervalMonths,
    DateOnly? NextReviewDue,
    IReadOnlyList<PartyResponse> Parties,
    IReadOnlyList<GoalResponse> Goals,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    long Version) : IVersionedResource;

public sealed record PartnershipPage(IReadOnlyList<PartnershipResponse> Items, string? NextCursor);

public sealed record PartnershipTransitionInput(PartnershipStatus? To, string? Note);

public sealed record PartnershipTransitionResponse(
    Guid Id, PartnershipStatus From, PartnershipStatus To, string? Note, DateTimeOffset At, string? ById, string? ByName);

/// <summary>Every transition of a partnership, oldest first (the lifecycle bounds it to four entries).</summary>
public sealed record PartnershipHistory(IReadOnlyList<PartnershipTransitionResponse> Items);

public sealed record GoalProgressInput(Guid? GoalId, int? Progress, string? Comment);

public sealed record PartnershipReviewInput(DateOnly? ReviewedOn, string? Summary, IReadOnlyList<GoalProgressInput>? GoalProgress, string? NextSteps);

public sealed record GoalProgressResponse(Guid GoalId, string GoalTitle, int Progress, string? Comment);

public sealed record PartnershipReviewResponse(
    Guid Id,
    Guid PartnershipId,
    DateOnly ReviewedOn,
    string Summary,
    IReadOnlyList<GoalProgressResponse> GoalProgress,
    string? NextSteps,
    string? ReviewedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    long Version);

public sealed record PartnershipReviewPage(IReadOnlyList<PartnershipReviewResponse> Items, string? NextCursor);

public sealed class PartnershipInputValidator : AbstractValidator<PartnershipInput>
{
    public const int MaxParties = 50;
    public const int MaxGoals = 50;

    public PartnershipInputValidator()
    {
        RuleFor(p => p.Title).Cascade(CascadeMode.Stop).NotEmpty().TrimmedLength(3).WithMessage(_ => Texts.Get("title.minLength", 3))
            .MaximumLength(200);
        RuleFor(p => p.Description).MaximumLength(4000);
        RuleFor(p => p.MunicipalityCode).NotEmpty().MunicipalityCode();
        RuleFor(p => p.ServiceArea).NotNull().WithMessage(_ => Texts.Get("partnership.serviceAreaRequired", EnumText.Labels<ServiceArea>()));
        RuleFor(p => p.EndsOn).GreaterThanOrEqualTo(p => p.StartsOn).When(p => p.StartsOn is not null && p.EndsOn is not null)
            .WithMessage(_ => Texts.Get("partnership.endBeforeStart"));
        RuleFor(p => p.AgreementRef).MaximumLength(100);
        RuleFor(p => p.ReviewIntervalMonths).InclusiveBetween(1, 60);
        RuleFor(p => p.Parties).NotNull().WithMessage(_ => Texts.Get("partnership.partiesMin"))
            .ItemCount(min: 2).WithMessage(_ => Texts.Get("partnership.partiesMin"))
            .ItemCount(max: MaxParties).WithMessage(_ => Texts.Get("partnership.partiesMax", MaxParties));
        RuleForEach(p => p.Parties).NotNull().WithMessage(_ => Texts.Get("partnership.partyNull"));
        RuleForEach(p => p.Parties).ChildRules(party =>
        {
            party.RuleFor(x => x.MemberId).NotNull().WithMessage(_ => Texts.Get("partnership.partyMember"));
            party.RuleFor(x => x.Role).NotNull().WithMessage(_ => Texts.Get("partnership.partyRoleRequired", EnumText.Labels<PartyRole>()));
            party.RuleFor(x => x.Responsibilities).MaximumLength(1000);
        });
        RuleFor(p => p.Parties).Described(() => Texts.Get("partnership.partyDuplicate"), (parties, context, message) =>
            Duplicates(parties?.Select(x => x?.MemberId), context, "parties", "memberId", message));
        RuleFor(p => p.Goals).ItemCount(max: MaxGoals).WithMessage(_ => Texts.Get("partnership.goalsMax", MaxGoals));
        RuleForEach(p => p.Goals).NotNull().WithMessage(_ => Texts.Get("partnership.goalNull"));
        RuleForEach(p => p.Goals).ChildRules(goal =>
        {
            goal.RuleFor(x => x.Title).Cascade(CascadeMode.Stop).NotEmpty().TrimmedLength(2).WithMessage(_ => Texts.Get("partnership.goalTitle", 2))
                .MaximumLength(200);
            goal.RuleFor(x => x.Indicator).MaximumLength(500);
            goal.RuleFor(x => x.Target).MaximumLength(500);
        });
        RuleFor(p => p.Goals).Described(() => Texts.Get("partnership.goalDuplicate"), (goals, context, message) =>
            Duplicates(goals?.Select(x => x?.Id), context, "goals", "id", message));
    }

    /// <summary>Names every repeat of an id after its first appearance, e.g. <c>parties[2].memberId</c>.</summary>
    internal static void Duplicates<TContext>(
        IEnumerable<Guid?>? ids, ValidationContext<TContext> context, string list, string field, string message)
    {
        var seen = new HashSet<Guid>();
        var index = 0;
        foreach (var id in ids ?? [])
        {
            if (id is { } value && !seen.Add(value))
            {
                context.AddFailure($"{list}[{index}].{field}", message);
            }
            index++;
        }
    }
}

/// <summary>
/// The partnership bodies openapi.yaml shows, accepted by the API as they stand once the members they name exist: the
/// city of Oulu and the association of the member example. The review's goals are the ones this partnership would get.
/// </summary>
internal static class PartnershipExamples
{
    public static readonly Guid Id = Guid.Parse("0193a4c2-9b31-7d4e-8f52-3c7e1a2b4d31");

    public static readonly Guid[] GoalIds = [Guid.Parse("0193a4c3-1d22-7b5a-9c10-4e7f8a9b0c21"), Guid.Parse("0193a4c3-1d22-7b5a-9c10-4e7f8a9b0c22")];

    public static readonly PartnershipInput Partnership = new(
        Title: "Näkövammaisten nuorten työllistymispolut 2026–2027",
        Description: "Oulun kaupungin ja järjestön yhteinen malli, jolla näkövammaiset nuoret pääsevät työkokeiluihin ja työnantajat oppivat saavutettavan rekrytoinnin.",
        MunicipalityCode: "564",
        ServiceArea: ServiceArea.Employment,
        StartsOn: new DateOnly(2026, 1, 1),
        EndsOn: new DateOnly(2027, 12, 31),
        AgreementRef: "OUKA/1234/00.04.01/2025",
        ReviewIntervalMonths: 6,
        Parties:
        [
            new PartyInput(MemberExamples.CityId, PartyRole.Municipality, "Rahoitus ja palveluohjaus"),
            new PartyInput(MemberExamples.AssociationId, PartyRole.Coordinator, "Työkokeilupaikkojen hankinta ja nuorten tuki"),
        ],
        Goals:
        [
            new GoalInput(null, "Työkokeilut näkövammaisille nuorille", "Työkokeiluun ohjatut nuoret", "24 nuorta vuodessa"),
            new GoalInput(null, "Saavutettava rekrytointi", "Saavutettavuuskoulutuksen saaneet työnantajat", "15 työnantajaa vuoden 2027 loppuun mennessä"),
        ]);

    public static readonly PartnershipTransitionInput Transition = new(PartnershipStatus.Negotiation, "Sopimusluonnos lähetetty järjestön hallitukselle kommentoitavaksi.");

    public static readonly PartnershipReviewInput Review = new(
        new DateOnly(2026, 6, 30),
        "Kevätkausi: 11 nuorta aloitti työkokeilun ja kolme työnantajaa koulutettiin. Yhteistyö sujuu.",
        [new GoalProgressInput(GoalIds[0], 45, "Haku ylitti odotukset."), new GoalProgressInput(GoalIds[1], 20, null)],
        "Syyskuussa saavutettavuuskoulutus Kempeleen ja Limingan yrittäjille.");
}
