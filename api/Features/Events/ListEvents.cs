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
    string? Cursor) : IRequest<JsonBody>;

public sealed class ListCommunityEventsValidator : AbstractValidator<ListCommunityEventsQuery>
{
    public const string CursorKind = "events";

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
        this.PagingRules(q => q.Limit, q => q.Cursor, CursorKind, 2);
    }
}

/// <summary>Answers the page already rendered (<see cref="CommunityEventPage"/> as JSON, with its ETag), written from the rows.</summary>
public sealed class ListCommunityEventsHandler(Db db, ICurrentUser user, IOptions<JsonOptions> json) : IRequestHandler<ListCommunityEventsQuery, JsonBody>
{
    public async Task<JsonBody> Handle(ListCommunityEventsQuery request, CancellationToken ct)
    {
        EventAccess.EnsureMayRead(user);
        var keyset = Keyset.From(ListCommunityEventsValidator.CursorKind, 2, request.Limit, request.Cursor);
        var sql = new StringBuilder($"SELECT {CommunityEventData.Columns} FROM events e WHERE e.deleted_at IS NULL");
        var parameters = new DynamicParameters();
        EventAccess.Restrict(user, sql, parameters);
        if (Rfc3339.TryParse(request.From, out var from))
        {
            sql.Append(" AND e.ends_at > @From");
            parameters.Add("From", from);
        }
        if (Rfc3339.TryParse(request.To, out var to))
        {
            sql.Append(" AND e.starts_at < @To");
            parameters.Add("To", to);
        }
        if (request.Municipality is not null)
        {
            sql.Append(" AND e.municipality_code = @Municipality");
            parameters.Add("Municipality", request.Municipality);
        }
        if (request.Organizer is { } organizer)
        {
            sql.Append(" AND EXISTS (SELECT 1 FROM event_organizers o WHERE o.event_id = e.id AND o.member_id = @Organizer)");
            parameters.Add("Organizer", organizer);
        }
        if (request.Status is not null)
        {
            sql.Append(" AND e.status = @Status");
            parameters.Add("Status", request.Status);
        }
        if (!string.IsNullOrWhiteSpace(request.Q))
        {
            sql.Append(" AND ").Append(db.Dialect.Contains("e.title_search", "@Q"));
            parameters.Add("Q", SqlDialect.LikePattern(FinnishText.SearchKey(request.Q)));
        }
        if (keyset.After is not null)
        {
            if (!DateTimeOffset.TryParse(keyset.AfterKey(0), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var afterStart)
                || !Guid.TryParse(keyset.AfterKey(1), out var afterId))
            {
                throw new FieldValidationException("cursor", Texts.Get("cursor.invalid"));
            }
            sql.Append(" AND (e.starts_at > @AfterStart OR (e.starts_at = @AfterStart AND e.id > @AfterId))");
            parameters.Add("AfterStart", afterStart);
            parameters.Add("AfterId", afterId);
        }
        sql.Append(" ORDER BY e.starts_at, e.id ").Append(db.Dialect.Limit("@Take"));
        parameters.Add("Take", keyset.Take);

        await using var connection = await db.OpenAsync(ct);
        using var rows = await db.Dialect.QueryRowsAsync(connection, new CommandDefinition(sql.ToString(), parameters, cancellationToken: ct));
        var (count, nextCursor) = keyset.Page(rows.Count, i => [StartKey(rows, i), rows.Id(i, CommunityEventData.IdColumn).ToString()]);
        using var organizers = await CommunityEventData.OrganizerRowsAsync(db.Dialect, connection, rows, count, ct);
        return EventJson.Page(rows, count, organizers, nextCursor, json.Value.SerializerOptions);
    }

    /// <summary>The cursor's start key in the stored instant form, whatever form the row holds it in.</summary>
    private static string StartKey(RowSet rows, int row) =>
        TypeHandlers.Format(DateTimeOffset.Parse(
            rows.Text(row, CommunityEventData.StartsAtColumn)!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal));
}
