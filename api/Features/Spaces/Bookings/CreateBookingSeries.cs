using CommunityHub.Api.Infrastructure.Time;

namespace CommunityHub.Api.Features.Spaces.Bookings;

/// <summary>
/// Books the same wall-clock time weekly or every other week until a date, in one locked write of the space: each date
/// passes the same rules and overlap check as a single booking, and the answer lists every date as created or refused
/// with the reason. Refused dates do not stop the others.
/// </summary>
public sealed record CreateBookingSeriesCommand(BookingSeriesInput Input) : IRequest<BookingSeriesResponse>;

public sealed class CreateBookingSeriesHandler(Db db, ChangeLog changes, TimeProvider clock, ICurrentUser user)
    : IRequestHandler<CreateBookingSeriesCommand, BookingSeriesResponse>
{
    public static readonly EntityType SeriesType = new("booking_series");

    public async Task<BookingSeriesResponse> Handle(CreateBookingSeriesCommand request, CancellationToken ct)
    {
        var input = request.Input;
        BookingAccess.EnsureMayBook(user, BookingKind.Booking, input.MemberId, null);
        var now = clock.GetUtcNow();
        var id = Guid.CreateVersion7(now);
        var repeat = input.Repeat!.Value;
        var step = repeat == BookingRepeat.Weekly ? 7 : 14;

        await using var scope = await db.BeginWriteAsync(ct);
        var space = await BookingAccess.LockSpaceAsync(scope, user, input.SpaceId!.Value, ct);
        await BookingAccess.EnsureMemberAsync(scope, input.MemberId, ct);
        await scope.Connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO booking_series (id, space_id, member_id, repeat, until_date, purpose, booked_by_id, booked_by_name, created_at)
            VALUES (@Id, @SpaceId, @MemberId, @Repeat, @Until, @Purpose, @ById, @ByName, @Now)
            """,
            new
            {
                Id = id,
                SpaceId = space.Id,
                input.MemberId,
                Repeat = EnumText.Name(repeat),
                Until = input.Until!.Value,
                Purpose = string.IsNullOrWhiteSpace(input.Purpose) ? null : input.Purpose.Trim(),
                ById = user.Subject,
                ByName = user.DisplayName,
                Now = now,
            },
            scope.Transaction,
            cancellationToken: ct));
        await changes.RecordAsync(scope, SeriesType, id, ChangeOp.Create, 1, space.MunicipalityCode, ct);

        var firstStart = Helsinki.Local(input.StartsAt!.Value).DateTime;
        var length = input.EndsAt!.Value - input.StartsAt.Value;
        var occurrences = new List<BookingOccurrence>();
        var status = user.IsStaff() || space.Rules.Approval == SpaceApproval.Automatic ? BookingStatus.Confirmed : BookingStatus.Requested;
        for (var localStart = firstStart; DateOnly.FromDateTime(localStart) <= input.Until.Value; localStart = localStart.AddDays(step))
        {
            var date = DateOnly.FromDateTime(localStart);
            var startsAt = Helsinki.FromLocal(localStart);
            var endsAt = startsAt + length;
            if (await BookingData.CheckRulesAsync(scope, space, input.MemberId, startsAt, endsAt, rulesApply: true, null, now, ct) is { } breach)
            {
                occurrences.Add(BookingOccurrence.Refused(date, breach.Reason));
                continue;
            }
            var busy = BookingData.Busy(space, BookingKind.Booking, startsAt, endsAt);
            if ((await BookingData.ConflictsAsync(scope, space.Id, new TimeInterval(startsAt, endsAt), busy, null, ct)).Count > 0)
            {
                occurrences.Add(BookingOccurrence.Refused(date, BookingRefusal.Overlap));
                continue;
            }
            var bookingId = Guid.CreateVersion7(now);
            await BookingData.InsertAsync(scope, changes, user, new BookingData.NewBooking(
                bookingId, space, input.MemberId, id, BookingKind.Booking, status, input.Purpose, input.Attendees, startsAt, endsAt, null), now, ct);
            occurrences.Add(BookingOccurrence.Created(date, bookingId));
        }
        await scope.CommitAsync(ct);
        return new BookingSeriesResponse(id, space.Id, input.MemberId, repeat, input.Until.Value, occurrences);
    }
}

/// <summary>
/// Cancels a series: its bookings that have not started are cancelled (a member editor's only those still before the
/// space's cancellation deadline), each with its history entry. Past dates stay as they were.
/// </summary>
public sealed record CancelBookingSeriesCommand(Guid Id) : IRequest<Unit>;

public sealed class CancelBookingSeriesHandler(Db db, ChangeLog changes, TimeProvider clock, ICurrentUser user) : IRequestHandler<CancelBookingSeriesCommand, Unit>
{
    public async Task<Unit> Handle(CancelBookingSeriesCommand request, CancellationToken ct)
    {
        await using var scope = await db.BeginWriteAsync(ct);
        var series = await scope.Connection.QuerySingleOrDefaultAsync<SeriesRow>(new CommandDefinition(
            "SELECT space_id AS SpaceId, member_id AS MemberId, cancelled_at AS CancelledAt FROM booking_series WHERE id = @Id",
            new { request.Id },
            scope.Transaction,
            cancellationToken: ct)) ?? throw new NotFoundException("BookingSeries", request.Id);
        BookingData.EnsureMayAct(user, series.MemberId);
        var space = await SpaceData.LockAsync(scope, series.SpaceId, ct);
        var now = clock.GetUtcNow();
        var cutoff = user.IsStaff() ? now : now.AddHours(space.CancelHoursBefore);
        await BookingData.CancelFutureAsync(
            scope, changes, user, "series_id = @SeriesId AND b.starts_at > @Cutoff", new { SeriesId = request.Id, Cutoff = cutoff },
            Texts.Get("booking.seriesCancelled"), now, ct);
        await scope.Connection.ExecuteAsync(new CommandDefinition(
            "UPDATE booking_series SET cancelled_at = @Now WHERE id = @Id AND cancelled_at IS NULL",
            new { request.Id, Now = now },
            scope.Transaction,
            cancellationToken: ct));
        await changes.RecordAsync(scope, CreateBookingSeriesHandler.SeriesType, request.Id, ChangeOp.Delete, 2, space.MunicipalityCode, ct);
        await scope.CommitAsync(ct);
        return Unit.Value;
    }

    private sealed class SeriesRow
    {
        public Guid SpaceId { get; init; }
        public Guid? MemberId { get; init; }
        public DateTimeOffset? CancelledAt { get; init; }
    }
}
