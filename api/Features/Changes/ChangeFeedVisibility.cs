using CommunityHub.Api.Features.ApiKeys;
using CommunityHub.Api.Features.Events;
using CommunityHub.Api.Features.Members;

namespace CommunityHub.Api.Features.Changes;

/// <summary>
/// Which feed entries a caller may see now: the feed never shows an entry for something the caller could not read.
/// People with any role read everything. An API key sees only the types its scopes cover; a municipality-bound key
/// only that municipality's entries — except members, which are a public directory, so <c>members:read</c> shows
/// every member entry — and of events only public, published ones.
/// </summary>
/// <remarks>
/// Each entry is tagged with who could read the record as of its write (ChangeLog): its municipality and whether keys
/// may read it. A write that takes a record out of some reader's view also writes a delete (a view exit) tagged with
/// the view before and after, shown only to readers who could read the record before and cannot after. So a mirror
/// that applies a reader's entries in order (upsert: fetch; delete: remove) always equals a full pull by that reader.
/// </remarks>
public static class ChangeFeedVisibility
{
    /// <summary>
    /// Judges an event entry written before entries recorded their views (migration 0008) by the event as it is now, as
    /// every event entry was judged then.
    /// </summary>
    private static readonly string LegacyEventCondition =
        $"EXISTS (SELECT 1 FROM events e WHERE e.id = c.entity_id AND {Events.EventAccess.PublicPredicate})";

    public static IReadOnlyList<FeedTypeFilter> For(ICurrentUser user, IReadOnlyList<string> types)
    {
        if (user.IsApiKey)
        {
            return types.Where(type => user.HasScope(ApiKeyScopes.ReadScopeOf(type)))
                .Select(type => KeyView(type, type == MemberData.Type.Name ? null : user.MunicipalityScope))
                .ToList();
        }
        if (user.IsReader())
        {
            return types.Select(type => new FeedTypeFilter(type)).ToList();
        }
        throw new ForbiddenException(Texts.Get("changes.forbidden"));
    }

    /// <summary>
    /// A webhook subscription sees what keys may read (no drafts, no members-only events) of its types, and when bound to
    /// a municipality only that municipality's entries, of every type (members included).
    /// </summary>
    public static IReadOnlyList<FeedTypeFilter> ForSubscription(IEnumerable<string> types, string? municipalityCode) =>
        types.Select(type => KeyView(type, municipalityCode)).ToList();

    private static FeedTypeFilter KeyView(string type, string? municipalityCode) =>
        new(type, KeyView: true, municipalityCode, type == CommunityEventData.Type.Name ? LegacyEventCondition : null);
}
