namespace CommunityHub.Api.Features.Partnerships;

/// <summary>
/// The partnership lifecycle: <c>draft → negotiation → active → ended</c>, and any state that is not final may be
/// <c>cancelled</c>. <c>ended</c> and <c>cancelled</c> are final: no moves out, no edits.
/// </summary>
public static class PartnershipLifecycle
{
    private static readonly IReadOnlyDictionary<PartnershipStatus, PartnershipStatus[]> Moves = new Dictionary<PartnershipStatus, PartnershipStatus[]>
    {
        [PartnershipStatus.Draft] = [PartnershipStatus.Negotiation, PartnershipStatus.Cancelled],
        [PartnershipStatus.Negotiation] = [PartnershipStatus.Active, PartnershipStatus.Cancelled],
        [PartnershipStatus.Active] = [PartnershipStatus.Ended, PartnershipStatus.Cancelled],
        [PartnershipStatus.Ended] = [],
        [PartnershipStatus.Cancelled] = [],
    };

    /// <summary>The statuses a partnership in <paramref name="from"/> may move to, in lifecycle order.</summary>
    public static IReadOnlyList<PartnershipStatus> Allowed(PartnershipStatus from) => Moves[from];

    public static bool CanMove(PartnershipStatus from, PartnershipStatus to) => Moves[from].Contains(to);

    public static bool IsFinal(PartnershipStatus status) => Moves[status].Length == 0;

    /// <summary>The statuses in which reviews are still due (every status that is not final).</summary>
    public static IReadOnlyList<PartnershipStatus> Open { get; } = Enum.GetValues<PartnershipStatus>().Where(s => !IsFinal(s)).ToArray();

    /// <summary>The moves from a new (draft) partnership to <paramref name="target"/>, e.g. draft → negotiation → active.</summary>
    public static IReadOnlyList<PartnershipStatus> PathTo(PartnershipStatus target) => target switch
    {
        PartnershipStatus.Draft => [],
        PartnershipStatus.Negotiation => [PartnershipStatus.Negotiation],
        PartnershipStatus.Active => [PartnershipStatus.Negotiation, PartnershipStatus.Active],
        PartnershipStatus.Ended => [PartnershipStatus.Negotiation, PartnershipStatus.Active, PartnershipStatus.Ended],
        _ => [PartnershipStatus.Cancelled],
    };
}
