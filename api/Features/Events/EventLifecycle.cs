namespace CommunityHub.Api.Features.Events;

/// <summary>
/// The event lifecycle: <c>draft → published → completed</c>, and <c>draft|published → cancelled</c>.
/// Completed and cancelled are final: no transition leaves them and the event can no longer be edited.
/// </summary>
public static class EventLifecycle
{
    private static readonly IReadOnlyDictionary<EventStatus, EventStatus[]> Transitions = new Dictionary<EventStatus, EventStatus[]>
    {
        [EventStatus.Draft] = [EventStatus.Published, EventStatus.Cancelled],
        [EventStatus.Published] = [EventStatus.Completed, EventStatus.Cancelled],
        [EventStatus.Completed] = [],
        [EventStatus.Cancelled] = [],
    };

    public static IReadOnlyList<EventStatus> Allowed(EventStatus from) => Transitions[from];

    public static bool CanMove(EventStatus from, EventStatus to) => Transitions[from].Contains(to);

    public static bool IsFinal(EventStatus status) => Transitions[status].Length == 0;

    /// <summary>Registrations are taken only while the event is published (not drafts, not finished or cancelled ones).</summary>
    public static bool TakesRegistrations(EventStatus status) => status == EventStatus.Published;
}
