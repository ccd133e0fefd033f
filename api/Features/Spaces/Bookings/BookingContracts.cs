namespace CommunityHub.Api.Features.Spaces.Bookings;

/// <summary>
/// <c>requested → confirmed | denied</c>; <c>requested | confirmed → cancelled</c>; a staff block is <c>blocked</c> until
/// cancelled. Requested, confirmed and blocked bookings hold their time.
/// </summary>
public enum BookingStatus
{
    Requested,
    Confirmed,
    Denied,
    Cancelled,
    Blocked,
}

/// <summary>A member's booking, or a staff block (maintenance, the centre's own use) without a member.</summary>
public enum BookingKind
{
    Booking,
    Block,
}

/// <summary>Why one date of a series was not booked.</summary>
public enum BookingRefusal
{
    Overlap,
    Closed,
    OutsideOpeningHours,
    TooFarAhead,
    Quota,
    Length,
    Interval,
}

/// <summary>
/// What a client sends to book. <c>memberId</c> is required for a booking (a member editor's own member); staff may send
/// <c>kind: block</c> without one, and <c>overrideReason</c> to pass the space's rules (never an overlap).
/// </summary>
public sealed record BookingInput(
    Guid? SpaceId,
    Guid? MemberId,
    DateTimeOffset? StartsAt,
    DateTimeOffset? EndsAt,
    string? Purpose,
    int? Attendees,
    BookingKind? Kind,
    string? OverrideReason);

/// <summary>
/// A booking. <c>bookedBy</c> (the person who booked) is shown to staff, viewers and the booking member's editors, never
/// to API keys; <c>overrideReason</c> likewise.
/// </summary>
public sealed record BookingResponse(
    Guid Id,
    Guid SpaceId,
    Guid? MemberId,
    string? MemberName,
    Guid? SeriesId,
    BookingKind Kind,
    BookingStatus Status,
    string? Purpose,
    int? Attendees,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    BookingPerson? BookedBy,
    string? OverrideReason,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    long Version) : IVersionedResource;

public sealed record BookingPerson(string? Id, string? Name);

public sealed record BookingPage(IReadOnlyList<BookingResponse> Items, string? NextCursor);

/// <summary>A status change. <c>reason</c> is required when staff cancel.</summary>
public sealed record BookingTransitionInput(BookingStatus? To, string? Reason);

public sealed record BookingTransitionEntry(
    int Seq, DateTimeOffset At, string? ActorId, string? ActorName, BookingStatus? From, BookingStatus To, string? Reason);

/// <summary>A booking's history, oldest first: its creation (from null) and every transition.</summary>
public sealed record BookingHistory(Guid BookingId, IReadOnlyList<BookingTransitionEntry> Items);

public enum BookingRepeat
{
    Weekly,
    Biweekly,
}

/// <summary>A weekly or every-other-week booking from the first <c>startsAt</c>–<c>endsAt</c> until <c>until</c> (inclusive).</summary>
public sealed record BookingSeriesInput(
    Guid? SpaceId,
    Guid? MemberId,
    DateTimeOffset? StartsAt,
    DateTimeOffset? EndsAt,
    BookingRepeat? Repeat,
    DateOnly? Until,
    string? Purpose,
    int? Attendees);

public enum OccurrenceStatus
{
    Created,
    Refused,
}

/// <summary>
/// One date of a series: <c>created</c> with its booking, or <c>refused</c> with the reason, one of <c>overlap</c>,
/// <c>closed</c>, <c>outside_opening_hours</c>, <c>too_far_ahead</c>, <c>quota</c>, <c>length</c>, <c>interval</c>.
/// </summary>
public sealed record BookingOccurrence(DateOnly Date, OccurrenceStatus Status, Guid? BookingId, string? Reason)
{
    public static BookingOccurrence Created(DateOnly date, Guid bookingId) => new(date, OccurrenceStatus.Created, bookingId, null);

    public static BookingOccurrence Refused(DateOnly date, BookingRefusal reason) => new(date, OccurrenceStatus.Refused, null, EnumText.Name(reason));
}

public sealed record BookingSeriesResponse(Guid Id, Guid SpaceId, Guid? MemberId, BookingRepeat Repeat, DateOnly Until, IReadOnlyList<BookingOccurrence> Occurrences);

public sealed class BookingInputValidator : AbstractValidator<BookingInput>
{
    public BookingInputValidator()
    {
        RuleFor(b => b.SpaceId).NotNull().NotEqual(Guid.Empty).WithMessage(_ => Texts.Get("booking.spaceRequired"));
        RuleFor(b => b.MemberId).NotNull().NotEqual(Guid.Empty).When(b => b.Kind != BookingKind.Block)
            .WithMessage(_ => Texts.Get("booking.memberRequired"));
        RuleFor(b => b.MemberId).Null().When(b => b.Kind == BookingKind.Block).WithMessage(_ => Texts.Get("booking.blockNoMember"));
        RuleFor(b => b.StartsAt).NotNull().WithMessage(_ => Texts.Get("booking.startsAtRequired"));
        RuleFor(b => b.EndsAt).NotNull().WithMessage(_ => Texts.Get("booking.endsAtRequired"));
        RuleFor(b => b.EndsAt).GreaterThan(b => b.StartsAt).When(b => b.StartsAt is not null && b.EndsAt is not null)
            .WithMessage(_ => Texts.Get("booking.endAfterStart"));
        RuleFor(b => b.Purpose).MaximumLength(500);
        RuleFor(b => b.Attendees).InclusiveBetween(1, 100_000).When(b => b.Attendees is not null);
        RuleFor(b => b.OverrideReason).MaximumLength(1000);
    }
}

public sealed class BookingSeriesInputValidator : AbstractValidator<BookingSeriesInput>
{
    public const int MaxOccurrences = 120;

    public BookingSeriesInputValidator()
    {
        RuleFor(b => b.SpaceId).NotNull().NotEqual(Guid.Empty).WithMessage(_ => Texts.Get("booking.spaceRequired"));
        RuleFor(b => b.MemberId).NotNull().NotEqual(Guid.Empty).WithMessage(_ => Texts.Get("booking.memberRequired"));
        RuleFor(b => b.StartsAt).NotNull().WithMessage(_ => Texts.Get("booking.startsAtRequired"));
        RuleFor(b => b.EndsAt).NotNull().WithMessage(_ => Texts.Get("booking.endsAtRequired"));
        RuleFor(b => b.EndsAt).GreaterThan(b => b.StartsAt).When(b => b.StartsAt is not null && b.EndsAt is not null)
            .WithMessage(_ => Texts.Get("booking.endAfterStart"));
        RuleFor(b => b.Repeat).NotNull().WithMessage(_ => Texts.Get("booking.repeatRequired", EnumText.Allowed<BookingRepeat>()));
        RuleFor(b => b.Until).NotNull().WithMessage(_ => Texts.Get("booking.untilRequired"));
        RuleFor(b => b.Until)
            .Must((b, until) => b.StartsAt is null || (until!.Value.DayNumber - Infrastructure.Time.Helsinki.DateAt(b.StartsAt.Value).DayNumber) is >= 0 and <= MaxOccurrences * 7)
            .When(b => b.Until is not null).WithMessage(_ => Texts.Get("booking.untilRange", MaxOccurrences));
        RuleFor(b => b.Purpose).MaximumLength(500);
        RuleFor(b => b.Attendees).InclusiveBetween(1, 100_000).When(b => b.Attendees is not null);
    }
}

/// <summary>The booking bodies openapi.yaml shows (times are examples; the space and member must exist).</summary>
internal static class BookingExamples
{
    public static readonly Guid SpaceId = Guid.Parse("0193a4c9-1a20-7b11-9c0d-4e5f6a7b8c9d");

    public static readonly BookingInput Booking = new(
        SpaceId, Members.MemberExamples.AssociationId, new DateTimeOffset(2027, 3, 15, 10, 0, 0, TimeSpan.FromHours(2)),
        new DateTimeOffset(2027, 3, 15, 12, 0, 0, TimeSpan.FromHours(2)), "Hallituksen kokous", 8, BookingKind.Booking, "Sovittu puhelimitse");

    public static readonly BookingTransitionInput Transition = new(BookingStatus.Cancelled, "Kokous siirtyi");

    public static readonly BookingSeriesInput Series = new(
        SpaceId, Members.MemberExamples.AssociationId, new DateTimeOffset(2027, 3, 16, 17, 0, 0, TimeSpan.FromHours(2)),
        new DateTimeOffset(2027, 3, 16, 19, 0, 0, TimeSpan.FromHours(2)), BookingRepeat.Weekly, new DateOnly(2027, 5, 25),
        "Vertaistukiryhmä", 10);
}
