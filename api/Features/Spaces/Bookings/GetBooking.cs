
namespace CommunityHub.Api.Features.Spaces.Bookings;

public sealed record GetBookingQuery(Guid Id) : IRequest<BookingResponse>;

public sealed class GetBookingHandler(Db db, ICurrentUser user) : IRequestHandler<GetBookingQuery, BookingResponse>
{
    public async Task<BookingResponse> Handle(GetBookingQuery request, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var row = await BookingData.GetOrThrowAsync(connection, null, request.Id, user.MunicipalityScope, ct);
        BookingData.EnsureMayRead(user, row);
        return row.Shown(user);
    }
}

public sealed record GetBookingHistoryQuery(Guid Id) : IRequest<BookingHistory>;

public sealed class GetBookingHistoryHandler(Db db, ICurrentUser user) : IRequestHandler<GetBookingHistoryQuery, BookingHistory>
{
    public async Task<BookingHistory> Handle(GetBookingHistoryQuery request, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var row = await BookingData.GetOrThrowAsync(connection, null, request.Id, user.MunicipalityScope, ct);
        BookingData.EnsureMayRead(user, row);
        var rows = await connection.QueryAsync<BookingTransitionRow>(new CommandDefinition(
            "SELECT seq, at, actor_id, actor_name, from_status, to_status, reason FROM booking_transitions WHERE booking_id = @Id ORDER BY seq",
            new { request.Id },
            cancellationToken: ct));
        // Who made a change is personal data a machine does not need.
        var showActor = !user.IsApiKey;
        return new BookingHistory(request.Id, rows.Select(r => new BookingTransitionEntry(
            r.Seq, r.At, showActor ? r.ActorId : null, showActor ? r.ActorName : null,
            r.FromStatus is null ? null : EnumText.Parse<BookingStatus>(r.FromStatus), EnumText.Parse<BookingStatus>(r.ToStatus),
            showActor ? r.Reason : null)).ToList());
    }
}
