using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace CommunityHub.Api.Features.Events;

/// <summary>
/// Events by start time, then id (keyset paged on both). <c>from</c>/<c>to</c> select events that overlap the
/// interval: starting before <c>to</c> and ending after <c>from</c>.
/// </summary>
public sealed record ListCommunityEventsQuery(
    string? From,
    string? To,
    string? Municipality,
    Guid? Organizer,
    string? Status,
    string? Q,
    int? Limit,
    string? Cursor) : IRequest<JsonBody>, IPagedQuery
{
    public static string CursorKind => "events";

    public static int CursorKeys => 2;
}

public sealed class ListCommunityEventsValidator : AbstractValidator<ListCommunityEventsQuery>
{
    public ListCommunityEventsValidator()
    {
        RuleFor(q => q.From).Must(f => Rfc3339.TryParse(f, out _)).When(q => q.From is not null)
            .WithMessage(_ => Texts.Get("rfc3339.field", "from"));
        RuleFor(q => q.To).Must(t => Rfc3339.TryParse(t, out _)).When(q => q.To is not null)
            .WithMessage(_ => Texts.Get("rfc3339.field", "to"));
        RuleFor(q => q.To).Must((q, to) => !Rfc3339.TryParse(q.From, out var from) || !Rfc3339.TryParse(to, out var until) || until > from)
            .When(q => q.From is not null && q.To is not null).WithMessage(_ => Texts.Get("event.toAfterFrom"));
        RuleFor(q => q.Municipality).MunicipalityFilter().When(q => q.Municipality is not null);
        RuleFor(q => q.Status).Must(s => EnumText.TryParse<EventStatus>(s, out _)).When(q => q.Status is not null)
            .WithMessage(_ => Texts.Get("filter.status", EnumText.Allowed<EventStatus>()));
        RuleFor(q => q.Q).MaximumLength(200);
    }
}

/// <summary>Answers the page rendered (<see cref="CommunityEventPage"/> as JSON, with its ETag).</summary>
public sealed class ListCommunityEventsHandler(Db db, ICurrentUser user, IOptions<JsonOptions> json) : IRequestHandler<ListCommunityEventsQuery, JsonBody>
{
    private static readonly KeyColumn[] Keys = [KeyColumn.Instant("e.starts_at"), KeyColumn.Id("e.id")];

    public async Task<JsonBody> Handle(ListCommunityEventsQuery request, CancellationToken ct)
    {
        EventAccess.EnsureMayRead(user);
        var keyset = Keyset.For(request);
        var query = EventFilter.Apply(EventAccess.Restrict(user, EventFilter.Live(db.Dialect)), request.Municipality, request.Organizer)
            .Where("e.ends_at > @From", "From", Rfc3339.TryParse(request.From, out var from) ? from : (DateTimeOffset?)null)
            .Where("e.starts_at < @To", "To", Rfc3339.TryParse(request.To, out var to) ? to : (DateTimeOffset?)null)
            .Where("e.status = @Status", "Status", request.Status)
            .Search("e.title_search", request.Q);

        await using var connection = await db.OpenAsync(ct);
        var rows = await query.PageAsync<EventRow>(
            connection, CommunityEventData.Columns, keyset, Keys, r => [TypeHandlers.Format(r.StartsAt), r.Id.ToString()], ct);
        var items = await CommunityEventData.WithOrganizersAsync(connection, null, rows.Items, ct);
        return JsonBody.Serialize(
            new CommunityEventPage(items, rows.NextCursor),
            ETags.ForPage(rows.Items.Select(r => (r.Id, r.Version)), rows.NextCursor),
            json.Value.SerializerOptions);
    }
}

/// <summary>The filters the events list and the iCalendar feed share.</summary>
internal static class EventFilter
{
    /// <summary>The live (not archived) events, alias <c>e</c>.</summary>
    public static ListQuery Live(SqlDialect dialect) => new(dialect, "events e", "e.deleted_at IS NULL");

    public static ListQuery Apply(ListQuery query, string? municipality, Guid? organizer) => query
        .Where("e.municipality_code = @Municipality", "Municipality", municipality)
        .Where("EXISTS (SELECT 1 FROM event_organizers o WHERE o.event_id = e.id AND o.member_id = @Organizer)", "Organizer", organizer);
}
