using CommunityHub.Api.Features.Members;

namespace CommunityHub.Api.Features.Spaces;

public enum SpaceKind
{
    MeetingRoom,
    Hall,
    Workspace,
}

public enum SpaceFeature
{
    Projector,
    Screen,
    VideoConference,
    Whiteboard,
    SoundSystem,
    Kitchen,
    Accessible,
    Other,
}

/// <summary>Whether a member's booking is confirmed at once or waits for staff.</summary>
public enum SpaceApproval
{
    Automatic,
    Staff,
}

/// <summary>Who may book: staff only, or member editors too (for their own member).</summary>
public enum SpaceBookableBy
{
    Staff,
    Members,
}

/// <summary>One opening window: ISO weekday (1 = Monday … 7 = Sunday), "HH:mm" to "HH:mm" in Europe/Helsinki ("24:00" closes at midnight).</summary>
public sealed record OpeningHours(int Weekday, string Opens, string Closes);

/// <summary>Dates (inclusive) when the space is closed, with the reason shown to those who book.</summary>
public sealed record SpaceClosure(DateOnly From, DateOnly To, string Reason);

/// <summary>An opening window as sent: ISO weekday, "HH:mm" to "HH:mm" (Europe/Helsinki; "24:00" closes at midnight).</summary>
public sealed record OpeningHoursInput(int Weekday, string? Opens, string? Closes);

/// <summary>A closure as sent: first and last date (inclusive) and the reason.</summary>
public sealed record SpaceClosureInput(DateOnly? From, DateOnly? To, string? Reason);

/// <summary>
/// The booking rules of a space. Lengths, interval and buffers in minutes; <c>maxMinutes</c> and <c>maxActivePerMember</c>
/// null for no limit. The start of a booking falls on a multiple of <c>intervalMinutes</c> from midnight (Finnish time).
/// </summary>
public sealed record SpaceRules(
    int MinMinutes,
    int? MaxMinutes,
    int IntervalMinutes,
    int BufferBeforeMinutes,
    int BufferAfterMinutes,
    int BookAheadDays,
    int? MaxActivePerMember,
    SpaceApproval Approval,
    int CancelHoursBefore,
    SpaceBookableBy BookableBy);

public sealed record SpaceRulesInput(
    int? MinMinutes,
    int? MaxMinutes,
    int? IntervalMinutes,
    int? BufferBeforeMinutes,
    int? BufferAfterMinutes,
    int? BookAheadDays,
    int? MaxActivePerMember,
    SpaceApproval? Approval,
    int? CancelHoursBefore,
    SpaceBookableBy? BookableBy);

/// <summary>What a client sends to create or replace a space. Rules left out take their defaults (see the schema).</summary>
public sealed record SpaceInput(
    string? Name,
    SpaceKind? Kind,
    string? Description,
    int? Capacity,
    IReadOnlyList<SpaceFeature>? Features,
    MemberAddressInput? Address,
    string? MunicipalityCode,
    IReadOnlyList<OpeningHoursInput>? OpeningHours,
    IReadOnlyList<SpaceClosureInput>? Closures,
    SpaceRulesInput? Rules);

public sealed record SpaceResponse(
    Guid Id,
    string Name,
    SpaceKind Kind,
    string? Description,
    int? Capacity,
    IReadOnlyList<SpaceFeature> Features,
    MemberAddress Address,
    string MunicipalityCode,
    IReadOnlyList<OpeningHours> OpeningHours,
    IReadOnlyList<SpaceClosure> Closures,
    SpaceRules Rules,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    long Version) : IVersionedResource;

public sealed record SpacePage(IReadOnlyList<SpaceResponse> Items, string? NextCursor);

/// <summary>One interval of time (instants, UTC).</summary>
public sealed record TimeInterval(DateTimeOffset StartsAt, DateTimeOffset EndsAt);

/// <summary>When the space is open and when it is taken (bookings and blocks with their buffers), never by whom.</summary>
public sealed record SpaceAvailability(Guid SpaceId, IReadOnlyList<TimeInterval> Open, IReadOnlyList<TimeInterval> Busy);

public sealed class SpaceInputValidator : AbstractValidator<SpaceInput>
{
    public const int MaxMinutesLimit = 366 * 24 * 60;

    public SpaceInputValidator()
    {
        RuleFor(s => s.Name).NotEmpty().Must(n => n!.Trim().Length >= 2).WithMessage(_ => Texts.Get("title.minLength", 2)).MaximumLength(200);
        RuleFor(s => s.Kind).NotNull().WithMessage(_ => Texts.Get("space.kindRequired", EnumText.Labels<SpaceKind>()));
        RuleFor(s => s.Description).MaximumLength(4000);
        RuleFor(s => s.Capacity).InclusiveBetween(1, 100_000).When(s => s.Capacity is not null);
        RuleFor(s => s.Features).ItemCount(max: 20);
        RuleFor(s => s.MunicipalityCode).NotEmpty().MunicipalityCode();
        RuleFor(s => s.Address!).ChildRules(MemberAddressRules.Apply);
        RuleFor(s => s.OpeningHours).ItemCount(max: 50);
        RuleForEach(s => s.OpeningHours).NotNull().ChildRules(hours =>
        {
            hours.RuleFor(h => h.Weekday).InclusiveBetween(1, 7).WithMessage(_ => Texts.Get("space.weekday"));
            hours.RuleFor(h => h.Opens).Must(t => SpaceClock.TryParse(t, allowMidnightEnd: false, out _)).WithMessage(_ => Texts.Get("space.time"));
            hours.RuleFor(h => h.Closes).Must(t => SpaceClock.TryParse(t, allowMidnightEnd: true, out _)).WithMessage(_ => Texts.Get("space.time"));
            hours.RuleFor(h => h.Closes)
                .Must((h, closes) => !SpaceClock.TryParse(h.Opens, false, out var o) || !SpaceClock.TryParse(closes, true, out var c) || c > o)
                .WithMessage(_ => Texts.Get("space.closesAfterOpens"));
        });
        RuleFor(s => s.Closures).ItemCount(max: 200);
        RuleForEach(s => s.Closures).NotNull().ChildRules(closure =>
        {
            closure.RuleFor(c => c.From).NotNull();
            closure.RuleFor(c => c.To).NotNull().GreaterThanOrEqualTo(c => c.From).WithMessage(_ => Texts.Get("space.closureOrder"));
            closure.RuleFor(c => c.Reason).NotEmpty().MaximumLength(500);
        });
        RuleFor(s => s.Rules!.MinMinutes).InclusiveBetween(5, MaxMinutesLimit).When(s => s.Rules?.MinMinutes is not null).OverridePropertyName("rules.minMinutes");
        RuleFor(s => s.Rules!.MaxMinutes).InclusiveBetween(5, MaxMinutesLimit).When(s => s.Rules?.MaxMinutes is not null).OverridePropertyName("rules.maxMinutes");
        RuleFor(s => s.Rules!.MaxMinutes).GreaterThanOrEqualTo(s => s.Rules!.MinMinutes ?? SpaceData.DefaultRules.MinMinutes)
            .When(s => s.Rules?.MaxMinutes is not null).WithMessage(_ => Texts.Get("space.maxAtLeastMin")).OverridePropertyName("rules.maxMinutes");
        RuleFor(s => s.Rules!.IntervalMinutes).InclusiveBetween(5, 1440).Must(i => 1440 % i!.Value == 0)
            .When(s => s.Rules?.IntervalMinutes is not null).WithMessage(_ => Texts.Get("space.interval")).OverridePropertyName("rules.intervalMinutes");
        RuleFor(s => s.Rules!.BufferBeforeMinutes).InclusiveBetween(0, 1440).When(s => s.Rules?.BufferBeforeMinutes is not null).OverridePropertyName("rules.bufferBeforeMinutes");
        RuleFor(s => s.Rules!.BufferAfterMinutes).InclusiveBetween(0, 1440).When(s => s.Rules?.BufferAfterMinutes is not null).OverridePropertyName("rules.bufferAfterMinutes");
        RuleFor(s => s.Rules!.BookAheadDays).InclusiveBetween(1, 3 * 366).When(s => s.Rules?.BookAheadDays is not null).OverridePropertyName("rules.bookAheadDays");
        RuleFor(s => s.Rules!.MaxActivePerMember).InclusiveBetween(1, 10_000).When(s => s.Rules?.MaxActivePerMember is not null).OverridePropertyName("rules.maxActivePerMember");
        RuleFor(s => s.Rules!.CancelHoursBefore).InclusiveBetween(0, 24 * 366).When(s => s.Rules?.CancelHoursBefore is not null).OverridePropertyName("rules.cancelHoursBefore");
    }
}

/// <summary>"HH:mm" wall-clock times of opening hours, as minutes from midnight.</summary>
public static class SpaceClock
{
    public static bool TryParse(string? text, bool allowMidnightEnd, out int minutes)
    {
        minutes = 0;
        if (text is not { Length: 5 } || text[2] != ':' || !int.TryParse(text.AsSpan(0, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var h)
            || !int.TryParse(text.AsSpan(3, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var m) || m > 59)
        {
            return false;
        }
        minutes = h * 60 + m;
        return h < 24 || (allowMidnightEnd && h == 24 && m == 0);
    }

    public static int Minutes(string text, bool end) => TryParse(text, end, out var minutes) ? minutes : throw new InvalidOperationException(text);
}

/// <summary>The space body openapi.yaml shows: the Kumppanuuskeskus's meeting room.</summary>
internal static class SpaceExamples
{
    public static readonly SpaceInput Space = new(
        Name: "Kokoushuone Kumppari",
        Kind: SpaceKind.MeetingRoom,
        Description: "Kahdentoista hengen kokoushuone toisessa kerroksessa. Näyttö ja videoneuvontalaitteet.",
        Capacity: 12,
        Features: [SpaceFeature.Screen, SpaceFeature.VideoConference, SpaceFeature.Whiteboard, SpaceFeature.Accessible],
        Address: new MemberAddressInput("Kansankatu 53", "90100", "Oulu"),
        MunicipalityCode: "564",
        OpeningHours: [.. Enumerable.Range(1, 5).Select(d => new OpeningHoursInput(d, "08:00", "20:00"))],
        Closures: [new SpaceClosureInput(new DateOnly(2027, 12, 24), new DateOnly(2027, 12, 26), "Joulu")],
        Rules: new SpaceRulesInput(30, 240, 30, 0, 15, 90, 4, SpaceApproval.Automatic, 24, SpaceBookableBy.Members));
}
