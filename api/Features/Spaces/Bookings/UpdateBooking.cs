
namespace CommunityHub.Api.Features.Spaces.Bookings;

/// <summary>
/// Changes a live booking's time, purpose or attendees (its space, member and kind stay). The new time passes the same
/// checks as a new booking, the booking itself left out of the overlap; a member editor may change it until the space's
/// cancellation deadline.
/// </summary>
public sealed record UpdateBookingCommand(Guid Id, BookingInput Input, long? ExpectedVersion) : IRequest<BookingResponse>;

public sealed class UpdateBookingHandler(Db db, ChangeLog changes, TimeProvider clock, ICurrentUser user) : IRequestHandler<UpdateBookingCommand, BookingResponse>
{
    public async Task<BookingResponse> Handle(UpdateBookingCommand request, CancellationToken ct)
    {
        var input = request.Input;
        var overrideReason = string.IsNullOrWhiteSpace(input.OverrideReason) ? null : input.OverrideReason.Trim();
        await using var scope = await db.BeginWriteAsync(ct);
        var peek = await BookingData.GetOrThrowAsync(scope.Connection, scope.Transaction, request.Id, null, ct);
        var kind = EnumText.Parse<BookingKind>(peek.Kind);
        BookingAccess.EnsureMayBook(user, kind, peek.MemberId, overrideReason);
        var space = await BookingAccess.LockSpaceAsync(scope, user, peek.SpaceId, ct);
        var current = await BookingData.GetOrThrowAsync(scope.Connection, scope.Transaction, request.Id, null, ct);
        PreconditionFailedException.ThrowIfStale(request.ExpectedVersion, current.Version);
        var now = clock.GetUtcNow();
        if (current.ParsedStatus is not (BookingStatus.Requested or BookingStatus.Confirmed or BookingStatus.Blocked))
        {
            throw new ConflictException(Texts.Get("booking.notLive", EnumText.Label(current.ParsedStatus)),
                new Dictionary<string, object?> { ["bookingStatus"] = current.Status });
        }
        if (!user.IsStaff() && now > current.StartsAt.AddHours(-space.CancelHoursBefore))
        {
            throw new ConflictException(Texts.Get("booking.changeDeadline", space.CancelHoursBefore));
        }
        var startsAt = input.StartsAt!.Value;
        var endsAt = input.EndsAt!.Value;
        if (await BookingData.CheckRulesAsync(scope, space, current.MemberId, startsAt, endsAt, kind == BookingKind.Booking && overrideReason is null, current.Id, now, ct)
            is { } breach)
        {
            throw new FieldValidationException(breach.Field, breach.Message);
        }
        var busy = BookingData.Busy(space, kind, startsAt, endsAt);
        var conflicts = await BookingData.ConflictsAsync(scope, space.Id, new TimeInterval(startsAt, endsAt), busy, current.Id, ct);
        if (conflicts.Count > 0)
        {
            throw BookingData.Clash(conflicts);
        }
        var version = current.Version + 1;
        var updated = await scope.Connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE bookings SET purpose = @Purpose, attendees = @Attendees, starts_at = @StartsAt, ends_at = @EndsAt, busy_from = @BusyFrom,
                busy_to = @BusyTo, override_reason = COALESCE(@OverrideReason, override_reason), updated_at = @Now, version = @Version
            WHERE id = @Id AND version = @Version - 1
            """,
            new
            {
                current.Id,
                Purpose = string.IsNullOrWhiteSpace(input.Purpose) ? null : input.Purpose.Trim(),
                input.Attendees,
                StartsAt = startsAt,
                EndsAt = endsAt,
                BusyFrom = busy.StartsAt,
                BusyTo = busy.EndsAt,
                OverrideReason = overrideReason,
                Now = now,
                Version = version,
            },
            scope.Transaction,
            cancellationToken: ct));
        PreconditionFailedException.ThrowIfNoneChanged(updated, current.Version);
        await changes.RecordAsync(scope, BookingData.Type, current.Id, ChangeOp.Update, version, space.MunicipalityCode, ct);
        var result = await BookingData.GetOrThrowAsync(scope.Connection, scope.Transaction, current.Id, null, ct);
        await scope.CommitAsync(ct);
        return result.Shown(user);
    }
}
