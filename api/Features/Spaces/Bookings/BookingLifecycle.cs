namespace CommunityHub.Api.Features.Spaces.Bookings;

/// <summary>What a transition needs, decided without I/O: the legal targets, and who may make the move when.</summary>
public static class BookingLifecycle
{
    public static IReadOnlyList<BookingStatus> Allowed(BookingStatus from) => from switch
    {
        BookingStatus.Requested => [BookingStatus.Confirmed, BookingStatus.Denied, BookingStatus.Cancelled],
        BookingStatus.Confirmed => [BookingStatus.Cancelled],
        BookingStatus.Blocked => [BookingStatus.Cancelled],
        _ => [],
    };

    /// <summary>
    /// Null when the move may go ahead, else the failure to throw: a move that is not legal (409 with <c>allowed</c>),
    /// confirm or deny by a non-staff caller or cancelling a block (403), a member's cancel past the space's deadline (409),
    /// staff cancelling without a reason (400 naming <c>reason</c>).
    /// </summary>
    public static Exception? Refuse(
        BookingStatus from, BookingStatus to, bool isStaff, string? reason, DateTimeOffset startsAt, int cancelHoursBefore, DateTimeOffset now)
    {
        if (!Allowed(from).Contains(to))
        {
            return new ConflictException(
                Texts.Get("booking.illegalMove", EnumText.Label(from), EnumText.Label(to)),
                new Dictionary<string, object?>
                {
                    ["bookingStatus"] = EnumText.Name(from),
                    ["allowed"] = Allowed(from).Select(EnumText.Name).ToArray(),
                });
        }
        if (isStaff)
        {
            return to == BookingStatus.Cancelled && string.IsNullOrWhiteSpace(reason)
                ? new FieldValidationException("reason", Texts.Get("booking.staffCancelReason"))
                : null;
        }
        if (to != BookingStatus.Cancelled || from == BookingStatus.Blocked)
        {
            return new ForbiddenException(Texts.Get("booking.staffOnlyAction"));
        }
        var deadline = startsAt.AddHours(-cancelHoursBefore);
        return now > deadline
            ? new ConflictException(Texts.Get("booking.cancelDeadline", cancelHoursBefore, Infrastructure.Time.Helsinki.Describe(deadline)),
                new Dictionary<string, object?> { ["cancelDeadline"] = deadline })
            : null;
    }
}
