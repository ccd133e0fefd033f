using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace CommunityHub.Api.Features.Spaces.Bookings;

/// <summary>
/// Bookings by start time, then id (keyset paged). <c>from</c>/<c>to</c> select bookings overlapping the interval. A member
/// editor sees its own member's bookings only (others' are busy time in the availability).
/// </summary>
public sealed record ListBookingsQuery(Guid? Space, Guid? Member, string? From, string? To, string? Status, int? Limit, string? Cursor) : IRequest<JsonBody>;

public sealed class ListBookingsValidator : AbstractValidator<ListBookingsQuery>
{
    public const string CursorKind = "bookings";

    public ListBookingsValidator()
    {
        RuleFor(q => q.From).Must(f => Rfc3339.TryParse(f, out _)).When(q => q.From is not null).WithMessage(_ => Texts.Get("rfc3339.field", "from"));
        RuleFor(q => q.To).Must(t => Rfc3339.TryParse(t, out _)).When(q => q.To is not null).WithMessage(_ => Texts.Get("rfc3339.field", "to"));
        RuleFor(q => q.Status).Must(s => EnumText.TryParse<BookingStatus>(s, out _)).When(q => q.Status is not null)
            .WithMessage(_ => Texts.Get("filter.status", EnumText.Allowed<BookingStatus>()));
        this.PagingRules(q => q.Limit, q => q.Cursor, CursorKind, 2);
    }
}

public sealed class ListBookingsHandler(Db db, ICurrentUser user, IOptions<JsonOptions> json) : IRequestHandler<ListBookingsQuery, JsonBody>
{
    private static readonly KeyColumn[] Keys = [KeyColumn.Instant("b.starts_at"), KeyColumn.Id("b.id")];

    public async Task<JsonBody> Handle(ListBookingsQuery request, CancellationToken ct)
    {
        var keyset = Keyset.From(ListBookingsValidator.CursorKind, 2, request.Limit, request.Cursor);
        var query = new ListQuery(db.Dialect, BookingData.From)
            .Where("s.municipality_code = @Scope", "Scope", user.MunicipalityScope)
            .Where("b.member_id = @Own", "Own", user.Role == Role.MemberEditor ? (user.MemberId ?? Guid.Empty).ToString() : null)
            .Where("b.space_id = @Space", "Space", request.Space?.ToString())
            .Where("b.member_id = @Member", "Member", request.Member?.ToString())
            .Where("b.ends_at > @From", "From", Rfc3339.TryParse(request.From, out var from) ? from : (DateTimeOffset?)null)
            .Where("b.starts_at < @To", "To", Rfc3339.TryParse(request.To, out var to) ? to : (DateTimeOffset?)null)
            .Where("b.status = @Status", "Status", request.Status);
        await using var connection = await db.OpenAsync(ct);
        var rows = await query.PageAsync<BookingRow>(
            connection, BookingData.Columns, keyset, Keys, r => [TypeHandlers.Format(r.StartsAt), r.Id.ToString()], ct);
        return JsonBody.Serialize(
            new BookingPage(rows.Items.Select(r => r.Shown(user)).ToList(), rows.NextCursor),
            ETags.ForPage(rows.Items.Select(r => (r.Id, r.Version)), rows.NextCursor),
            json.Value.SerializerOptions);
    }
}
