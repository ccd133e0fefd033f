using CommunityHub.Api.Features.Spaces;
using CommunityHub.Api.Features.Spaces.Bookings;

namespace CommunityHub.Api.Features.Events;

/// <summary>
/// An event that names a space holds a booking of it while it is published: the booking is for its first organiser,
/// made by the same rules and overlap check as any booking (a breach is a 400 naming the field, a clash a 409 with the
/// other booking's time), and it follows the event: moved when the event's space or times change, cancelled when the
/// event is completed, cancelled or archived, or names no space any more.
/// </summary>
internal static class EventSpaceBooking
{
    public static async Task SyncAsync(WriteScope scope, ChangeLog changes, ICurrentUser user, Guid eventId, bool archived, DateTimeOffset now, CancellationToken ct)
    {
        var row = await CommunityEventData.GetOrThrowAsync(scope.Connection, scope.Transaction, eventId, ct);
        var wanted = !archived && row.StatusValue == EventStatus.Published && row.SpaceId is not null;
        var held = row.SpaceBookingId is { } bookingId ? await BookingData.GetOrThrowAsync(scope.Connection, scope.Transaction, bookingId, null, ct) : null;
        var live = held is not null && held.ParsedStatus is BookingStatus.Requested or BookingStatus.Confirmed;
        if (live && wanted && held!.SpaceId == row.SpaceId && held.StartsAt == row.StartsAt && held.EndsAt == row.EndsAt)
        {
            return;
        }
        if (live)
        {
            await BookingData.MoveAsync(scope, changes, user, held!, BookingStatus.Cancelled, Texts.Get("booking.eventChanged"), now, ct);
        }
        Guid? booked = null;
        if (wanted)
        {
            var space = await BookingAccess.LockSpaceAsync(scope, user, row.SpaceId!.Value, ct);
            var organizer = (await CommunityEventData.OrganizersAsync(scope.Connection, scope.Transaction, [eventId], ct))[eventId].First();
            if (await BookingData.CheckRulesAsync(scope, space, organizer, row.StartsAt, row.EndsAt, rulesApply: true, null, now, ct) is { } breach)
            {
                throw new FieldValidationException(breach.Field, breach.Message);
            }
            var conflicts = await BookingData.ConflictsAsync(
                scope, space.Id, new TimeInterval(row.StartsAt, row.EndsAt), BookingData.Busy(space, BookingKind.Booking, row.StartsAt, row.EndsAt), null, ct);
            if (conflicts.Count > 0)
            {
                throw BookingData.Clash(conflicts);
            }
            booked = Guid.CreateVersion7(now);
            var status = user.IsStaff() || space.Rules.Approval == SpaceApproval.Automatic ? BookingStatus.Confirmed : BookingStatus.Requested;
            await BookingData.InsertAsync(scope, changes, user, new BookingData.NewBooking(
                booked.Value, space, organizer, null, BookingKind.Booking, status, row.Title, row.Capacity, row.StartsAt, row.EndsAt, null), now, ct);
        }
        if (booked is not null || row.SpaceBookingId is not null)
        {
            await scope.Connection.ExecuteAsync(new CommandDefinition(
                "UPDATE events SET space_booking_id = @Booking WHERE id = @Id", new { Id = eventId, Booking = booked }, scope.Transaction, cancellationToken: ct));
        }
    }
}
