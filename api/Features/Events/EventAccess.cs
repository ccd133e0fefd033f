using CommunityHub.Api.Features.ApiKeys;

namespace CommunityHub.Api.Features.Events;

/// <summary>
/// Who sees and manages which events. Signed-in roles see every event. Anonymous callers and API keys see only public
/// events that have been published — published, completed, or cancelled after publishing (so subscribers and synced
/// systems learn of the cancellation); a municipality-bound key only its municipality's. Everything else is a 404 to them.
/// Staff manage every event; a member editor manages the events its member organises.
/// </summary>
public static class EventAccess
{
    public static readonly string EventsReadScope = ApiKeyScopes.EventsRead;

    /// <summary>The SQL condition for events an anonymous caller or API key may read (alias <c>e</c>).</summary>
    public const string PublicPredicate = "e.visibility = 'public' AND e.ever_published = 1 AND e.status <> 'draft'";

    public static bool SeesAll(ICurrentUser user) => user.Role is not null;

    /// <summary>A key without <c>events:read</c> may not read events at all (anonymous callers may read public ones).</summary>
    public static void EnsureMayRead(ICurrentUser user)
    {
        if (user.IsApiKey && !user.HasScope(EventsReadScope))
        {
            throw new ForbiddenException(Texts.Get("apiKey.missingScope", EventsReadScope));
        }
    }

    /// <summary>Adds the caller's visibility conditions to a query over <c>events e</c>.</summary>
    public static ListQuery Restrict(ICurrentUser user, ListQuery query) =>
        SeesAll(user) ? query : PublicOnly(user, query);

    /// <summary>Only events anyone may read (<see cref="PublicPredicate"/>), within a municipality-bound key's municipality.</summary>
    public static ListQuery PublicOnly(ICurrentUser user, ListQuery query) =>
        query.Where(PublicPredicate).Where("e.municipality_code = @ScopeMunicipality", "ScopeMunicipality", user.MunicipalityScope);

    internal static bool CanRead(ICurrentUser user, EventRow row) =>
        SeesAll(user)
        || (row.VisibilityValue == EventVisibility.Public && row.EverPublished == 1 && row.StatusValue != EventStatus.Draft
            && (user.MunicipalityScope is null || user.MunicipalityScope == row.MunicipalityCode));

    /// <summary>Staff, or a member editor whose member is among the organisers.</summary>
    public static bool Manages(ICurrentUser user, IEnumerable<Guid> organizerIds) =>
        user.IsStaff() || (user.Role == Role.MemberEditor && user.MemberId is { } member && organizerIds.Contains(member));

    public static void EnsureManages(ICurrentUser user, IEnumerable<Guid> organizerIds)
    {
        if (!Manages(user, organizerIds))
        {
            throw new ForbiddenException(Texts.Get("event.forbidden"));
        }
    }

    /// <summary>
    /// Whether the caller may change an event's organisers from <paramref name="before"/> (empty on create) to
    /// <paramref name="after"/>: staff change anyone; a member editor may add or remove only its own member, because
    /// naming another member as organiser speaks for that member (and hands it the event), and removing one takes the
    /// event away from it. Everyone else: no.
    /// </summary>
    public static bool MayChangeOrganizers(ICurrentUser user, IReadOnlyCollection<Guid> before, IReadOnlyCollection<Guid> after)
    {
        if (user.IsStaff())
        {
            return true;
        }
        if (user.Role != Role.MemberEditor || user.MemberId is not { } member)
        {
            return false;
        }
        var changed = new HashSet<Guid>(before);
        changed.SymmetricExceptWith(after);
        return changed.All(id => id == member);
    }

    public static void EnsureMayChangeOrganizers(ICurrentUser user, IReadOnlyCollection<Guid> before, IReadOnlyCollection<Guid> after)
    {
        if (!MayChangeOrganizers(user, before, after))
        {
            throw new ForbiddenException(
                "A member editor may add or remove only its own member as an organiser; changing other organisers takes staff.");
        }
    }
}
