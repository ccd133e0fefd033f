using CommunityHub.Api.Features.ApiKeys;
using CommunityHub.Api.Infrastructure.Http;
using CommunityHub.Api.Infrastructure.Security;

namespace CommunityHub.Api.Features.Changes;

/// <summary>
/// Which feed entries a caller may see now: the feed never shows an entry for something the caller could not read.
/// People with any role read everything. An API key sees only the types its scopes cover; a municipality-bound key
/// only that municipality's entries — except members, which are a public directory, so <c>members:read</c> shows
/// every member entry.
/// </summary>
public static class ChangeFeedVisibility
{
    public static IReadOnlyList<FeedTypeFilter> For(ICurrentUser user, IReadOnlyList<string> types)
    {
        if (user.IsApiKey)
        {
            return types.Select(type => ForApiKey(user, type)).OfType<FeedTypeFilter>().ToList();
        }
        if (user.IsReader())
        {
            return types.Select(type => new FeedTypeFilter(type)).ToList();
        }
        throw new ForbiddenException("Reading the change feed needs a role or an API key.");
    }

    private static FeedTypeFilter? ForApiKey(ICurrentUser key, string type)
    {
        if (!key.HasScope(ApiKeyScopes.ReadScopeOf(type)))
        {
            return null;
        }
        return type switch
        {
            "members" => new FeedTypeFilter(type),
            "events" => EventsVisibleToApiKey(key.MunicipalityScope),
            _ => new FeedTypeFilter(type, key.MunicipalityScope),
        };
    }

    /// <summary>
    /// What a webhook subscription receives: what an API key with every read scope and the subscription's municipality
    /// would see (so no drafts, no members-only events). The subscription's municipality is also the subscriber's own
    /// filter, so it narrows members too (a key sees every member: the directory is public).
    /// </summary>
    public static IReadOnlyList<FeedTypeFilter> ForSubscription(IReadOnlyList<string> types, string? municipalityCode) =>
        types.Select(type => type == "events" ? EventsVisibleToApiKey(municipalityCode) : new FeedTypeFilter(type, municipalityCode))
            .ToList();

    /// <summary>
    /// Keys see events that are public and were published (API.md § Authentication), judged by the event as it is
    /// now, and within the key's municipality when it is bound to one.
    /// </summary>
    private static FeedTypeFilter EventsVisibleToApiKey(string? municipalityScope) => new(
        "events",
        municipalityScope,
        $"EXISTS (SELECT 1 FROM events e WHERE e.id = c.entity_id AND {Events.EventAccess.PublicPredicate})");
}
