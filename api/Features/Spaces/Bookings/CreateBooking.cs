
namespace CommunityHub.Api.Features.Spaces.Bookings;

/// <summary>
/// Books a space. In the space's locked write: the rules (400 naming the field), the member's quota, then the overlap
/// with live bookings and blocks, buffers included (409 with <c>conflicts</c>); so of many requests for one slot exactly
/// one is created. Confirmed at once when the space approves automatically or staff book; otherwise requested.
/// </summary>
public sealed record CreateBookingCommand(BookingInput Input) : IRequest<BookingResponse>;

public sealed class CreateBookingHandler(Db db, ChangeLog changes, TimeProvider clock, ICurrentUser user, BookingMails mails) : IRequestHandler<CreateBookingCommand, BookingResponse>
{
    public async Task<BookingResponse> Handle(CreateBookingCommand request, CancellationToken ct)
    {
        var input = request.Input;
        var kind = input.Kind ?? BookingKind.Booking;
        var overrideReason = string.IsNullOrWhiteSpace(input.OverrideReason) ? null : input.OverrideReason.Trim();
        BookingAccess.EnsureMayBook(user, kind, input.MemberId, overrideReason);
        var now = clock.GetUtcNow();
        var id = Guid.CreateVersion7(now);

        await using var scope = await db.BeginWriteAsync(ct);
        var space = await BookingAccess.LockSpaceAsync(scope, user, input.SpaceId!.Value, ct);
        await BookingAccess.EnsureMemberAsync(scope, input.MemberId, ct);
        var startsAt = input.StartsAt!.Value;
        var endsAt = input.EndsAt!.Value;
        if (await BookingData.CheckRulesAsync(scope, space, input.MemberId, startsAt, endsAt, kind == BookingKind.Booking && overrideReason is null, null, now, ct)
            is { } breach)
        {
            throw new FieldValidationException(breach.Field, breach.Message);
        }
        var time = new TimeInterval(startsAt, endsAt);
        var conflicts = await BookingData.ConflictsAsync(scope, space.Id, time, BookingData.Busy(space, kind, startsAt, endsAt), null, ct);
        if (conflicts.Count > 0)
        {
            throw BookingData.Clash(conflicts);
        }
        var status = kind == BookingKind.Block ? BookingStatus.Blocked
            : user.IsStaff() || space.Rules.Approval == SpaceApproval.Automatic ? BookingStatus.Confirmed
            : BookingStatus.Requested;
        await BookingData.InsertAsync(scope, changes, user, new BookingData.NewBooking(
            id, space, input.MemberId, null, kind, status, input.Purpose, input.Attendees, startsAt, endsAt, overrideReason), now, ct);
        var created = await BookingData.GetOrThrowAsync(scope.Connection, scope.Transaction, id, null, ct);
        await mails.StatusAsync(scope, created, status, space, null, ct);
        await scope.CommitAsync(ct);
        return created.Shown(user);
    }
}
