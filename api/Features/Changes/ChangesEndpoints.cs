
namespace CommunityHub.Api.Features.Changes;

public static class ChangesEndpoints
{
    public static IEndpointRouteBuilder MapChanges(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/v1/changes", Read).WithTag("Changes", "The change feed: every committed content write in commit order, for incremental sync.").WithName("listChanges")
            .WithSummary("Read the change feed (incremental sync)")
            .WithDescription(
                "Every committed write to members, partnerships, pilots and events, in commit order, as " +
                "`{seq, type, id, op: upsert|delete, version, changedAt, municipalityCode}`; `/api/v1/{type}/{id}` fetches the entity. " +
                "Read from `nextCursor` (never null) until `hasMore` is false, then poll from the last `nextCursor`: nothing is missed, " +
                "deletions included. Shows only what the caller may read: API keys see the types of their scopes and, when bound, " +
                "their municipality's entries (all member entries) and only public, published events. A write that takes a record out of " +
                "the caller's view (moved to another municipality, an event turned members-only) is a `delete` for that caller, so a copy " +
                "built from the feed always equals a full pull. A poll that finds nothing new answers 304 to `If-None-Match`. See docs/sync.md.")
            .ProducesTagged<ChangePage>().WithProblems(401, 403, 429);
        return routes;
    }

    private static async Task<IResult> Read(HttpContext http, IMediator mediator, string? cursor, string? types, int? limit, CancellationToken ct)
    {
        var page = await mediator.Send(new ReadChangesQuery(cursor, types, limit), ct);
        // hasMore is part of the tag: the same entries may be a full page now and have more behind them later.
        return Tagged.Page(http, page, page.Items.Select(c => (c.Id, c.Version)), $"{page.NextCursor}|{page.HasMore}");
    }
}
