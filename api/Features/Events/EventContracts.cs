using CommunityHub.Api.Features.Members;
using CommunityHub.Api.Features.Partnerships;
using CommunityHub.Api.Features.Pilots;

namespace CommunityHub.Api.Features.Events;

public enum EventStatus
{
    Draft,
    Published,
    Completed,
    Cancelled,
}

public enum EventVisibility
{
    Public,
    Members,
}

public enum EventLanguage
{
    Fi,
    Sv,
    En,
}

public enum RegistrationStatus
{
    Confirmed,
    Waitlisted,
    Cancelled,
}

/// <summary>Where an event is held; a venue, when sent, needs its name.</summary>
public sealed record EventVenueInput(string? Name, string? Street, string? City);

public sealed record EventVenue(string? Name, string? Street, string? City);

/// <summary>
/// What a client sends to create or replace an event. Times are instants with an offset; <c>status</c>, counts and
/// timestamps of a GET response are ignored (state changes only through <c>…/transitions</c>).
/// </summary>
public sealed record CommunityEventInput(
    string? Title,
    string? Description,
    DateTimeOffset? StartsAt,
    DateTimeOffset? EndsAt,
    EventVenueInput? Venue,
    string? MunicipalityCode,
    IReadOnlyList<Guid>? OrganizerIds,
    Guid? PartnershipId,
    Guid? PilotId,
    int? Capacity,
    DateTimeOffset? RegistrationOpensAt,
    DateTimeOffset? RegistrationClosesAt,
    EventVisibility? Visibility,
    IReadOnlyList<EventLanguage>? Languages,
    IReadOnlyList<string>? Keywords,
    Guid? SpaceId = null);

/// <summary>
/// An event. <c>capacity</c> null means unlimited. Without <c>registrationOpensAt</c> registration opens when the event
/// is published; without <c>registrationClosesAt</c> it closes when the event starts.
/// </summary>
public sealed record CommunityEventResponse(
    Guid Id,
    string Title,
    string? Description,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    EventVenue? Venue,
    string MunicipalityCode,
    IReadOnlyList<Guid> OrganizerIds,
    Guid? PartnershipId,
    Guid? PilotId,
    int? Capacity,
    DateTimeOffset? RegistrationOpensAt,
    DateTimeOffset? RegistrationClosesAt,
    EventVisibility Visibility,
    IReadOnlyList<EventLanguage> Languages,
    IReadOnlyList<string> Keywords,
    EventStatus Status,
    int ConfirmedCount,
    int WaitlistCount,
    DateTimeOffset? PublishedAt,
    Guid? SpaceId,
    Guid? SpaceBookingId,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    long Version) : IVersionedResource;

public sealed record CommunityEventPage(IReadOnlyList<CommunityEventResponse> Items, string? NextCursor);

public sealed record EventTransitionInput(EventStatus? To);

/// <summary>The languages CommunityHub writes its messages in.</summary>
public enum MessageLanguage
{
    Fi,
    En,
}

/// <summary>
/// A registration. <c>language</c> is the language of the messages the registrant gets (the web app sends its own); without
/// it, the request's <c>Accept-Language</c> decides (Finnish unless English is asked for).
/// </summary>
public sealed record RegistrationInput(string? Name, string? Email, MessageLanguage? Language, Guid? MemberId, string? Notes);

/// <summary>
/// The answer to staff or an organiser registering someone: where the registrant stands. The cancel link goes to the
/// registrant's address by mail, never in an answer.
/// </summary>
public sealed record RegistrationReceipt(Guid Id, RegistrationStatus Status, int? WaitlistPosition);

/// <summary>
/// The answer to every anonymous registration, the same whether or not the address was registered already: the result
/// and the cancel link go to the address by mail.
/// </summary>
public sealed record RegistrationAccepted(string Message);

/// <summary>A cancellation from the mailed link: the registration's <c>cancelToken</c> travels in the body.</summary>
public sealed record CancelRegistrationInput(string? CancelToken);

/// <summary>A registration as organisers see it; <c>waitlistPosition</c> is the current place in the queue.</summary>
public sealed record RegistrationResponse(
    Guid Id,
    string Name,
    string Email,
    Guid? MemberId,
    string? Notes,
    RegistrationStatus Status,
    int? WaitlistPosition,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? CancelledAt);

public sealed record RegistrationPage(IReadOnlyList<RegistrationResponse> Items, string? NextCursor);

public sealed record FeedbackInput(int? Rating, string? Comment, string? CancelToken);

public sealed record FeedbackResponse(Guid Id, int Rating, string? Comment, DateTimeOffset CreatedAt);

/// <summary>
/// Verified feedback only (each from one registration): <c>average</c> is null while there is none; <c>distribution</c>
/// always has the keys "1" to "5". <c>unverifiedCount</c> counts older feedback given without a registration's token,
/// kept apart and in neither the count nor the average.
/// </summary>
public sealed record FeedbackSummary(int Count, double? Average, IReadOnlyDictionary<string, int> Distribution, int UnverifiedCount);

public sealed class CommunityEventInputValidator : AbstractValidator<CommunityEventInput>
{
    public const int MaxOrganizers = 20;

    public CommunityEventInputValidator()
    {
        RuleFor(e => e.Title).NotEmpty().TrimmedLength(3).WithMessage(_ => Texts.Get("title.minLength", 3))
            .MaximumLength(200);
        RuleFor(e => e.Description).MaximumLength(8000);
        RuleFor(e => e.StartsAt).NotNull().WithMessage(_ => Texts.Get("event.startsAtRequired"));
        RuleFor(e => e.EndsAt).NotNull().WithMessage(_ => Texts.Get("event.endsAtRequired"))
            .GreaterThan(e => e.StartsAt).When(e => e.StartsAt is not null, ApplyConditionTo.CurrentValidator).WithMessage(_ => Texts.Get("event.endsAfterStart"));
        // Child rules run only on a venue that was sent, and name its fields venue.name and so on.
        RuleFor(e => e.Venue!).ChildRules(venue =>
        {
            venue.RuleFor(v => v.Name).NotEmpty().MaximumLength(200);
            venue.RuleFor(v => v.Street).MaximumLength(200);
            venue.RuleFor(v => v.City).MaximumLength(100);
        });
        RuleFor(e => e.MunicipalityCode).NotEmpty().MunicipalityCode();
        RuleFor(e => e.OrganizerIds).NotEmpty().WithMessage(_ => Texts.Get("event.organizersRequired"))
            .ItemCount(max: MaxOrganizers).WithMessage(_ => Texts.Get("event.organizersMax", MaxOrganizers));
        RuleFor(e => e.Capacity).InclusiveBetween(1, 100_000);
        RuleFor(e => e.RegistrationClosesAt)
            .GreaterThan(e => e.RegistrationOpensAt).When(e => e.RegistrationOpensAt is not null && e.RegistrationClosesAt is not null)
            .WithMessage(_ => Texts.Get("event.closesAfterOpens"));
        RuleFor(e => e.RegistrationClosesAt)
            .LessThanOrEqualTo(e => e.EndsAt).When(e => e.EndsAt is not null && e.RegistrationClosesAt is not null)
            .WithMessage(_ => Texts.Get("event.closesBeforeEnd"));
        RuleFor(e => e.RegistrationOpensAt)
            .LessThan(e => e.EndsAt).When(e => e.EndsAt is not null && e.RegistrationOpensAt is not null)
            .WithMessage(_ => Texts.Get("event.opensBeforeEnd"));
        RuleFor(e => e.Languages).ItemCount(max: 3).WithMessage(_ => Texts.Get("event.languagesMax", 3));
        RuleFor(e => e.Keywords).ItemCount(max: 20).WithMessage(_ => Texts.Get("event.keywordsMax", 20));
        RuleForEach(e => e.Keywords).NotEmpty().MaximumLength(50);
    }
}

public sealed class RegistrationInputValidator : AbstractValidator<RegistrationInput>
{
    public RegistrationInputValidator()
    {
        RuleFor(r => r.Name).NotEmpty().TrimmedLength(2).WithMessage(_ => Texts.Get("name.minLength", 2)).MaximumLength(200);
        RuleFor(r => r.Email).NotEmpty().MaximumLength(254).EmailAddress();
        RuleFor(r => r.Notes).MaximumLength(2000);
    }
}

internal static class EventText
{
    public static string Languages(IEnumerable<EventLanguage>? languages) =>
        string.Join(',', (languages ?? []).Distinct().Select(EnumText.Name));

    public static IReadOnlyList<EventLanguage> ParseLanguages(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(EnumText.Parse<EventLanguage>).ToList();
}

/// <summary>
/// The event bodies openapi.yaml shows, accepted by the API as they stand once what they name exists (the members,
/// partnership and pilot examples). The feedback's and the cancellation's token is one a registration's mail hands out.
/// </summary>
internal static class EventExamples
{
    private static readonly TimeSpan Helsinki = TimeSpan.FromHours(2);

    public static readonly CommunityEventInput Event = new(
        Title: "Saavutettava rekrytointi – työnantajien aamukahvit",
        Description: "Miten näkövammainen työnhakija käyttää ruudunlukijaa, ja mitä se vaatii rekrytointijärjestelmältä? Kahvitarjoilu.",
        StartsAt: new DateTimeOffset(2027, 3, 18, 8, 30, 0, Helsinki),
        EndsAt: new DateTimeOffset(2027, 3, 18, 10, 30, 0, Helsinki),
        Venue: new EventVenueInput("Oulun pääkirjasto, Pakkala-sali", "Kaarlenväylä 3", "Oulu"),
        MunicipalityCode: "564",
        OrganizerIds: [MemberExamples.AssociationId, MemberExamples.CityId],
        PartnershipId: PartnershipExamples.Id,
        PilotId: PilotExamples.Id,
        Capacity: 40,
        RegistrationOpensAt: null,
        RegistrationClosesAt: new DateTimeOffset(2027, 3, 16, 23, 59, 0, Helsinki),
        Visibility: EventVisibility.Public,
        Languages: [EventLanguage.Fi, EventLanguage.Sv],
        Keywords: ["saavutettavuus", "rekrytointi", "työllisyys"]);

    public static readonly EventTransitionInput Transition = new(EventStatus.Published);

    public static readonly RegistrationInput Registration = new(
        "Väinö Härkönen", "vaino.harkonen@example.fi", MessageLanguage.Fi, null, "Tarvitsen opaskoiralle paikan salissa.");

    public static readonly CancelRegistrationInput Cancel = new("q3Xv9Jm2Lr0hYtB8wKc5NfEaZ1uPdG7sVjH4oQiR6Tk");

    public static readonly FeedbackInput Feedback = new(5, "Hyvä tilaisuus: sain yhteyden kahteen työnantajaan.", "q3Xv9Jm2Lr0hYtB8wKc5NfEaZ1uPdG7sVjH4oQiR6Tk");
}
