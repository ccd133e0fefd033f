namespace CommunityHub.Api.Features.Spaces.Bookings;

/// <summary>Who may book what, and the references inside a booking body (a missing space or member is a 400 on its field).</summary>
internal static class BookingAccess
{
    /// <summary>Blocks and overrides are staff's; a member editor books for its own member only; viewers do not book.</summary>
    public static void EnsureMayBook(ICurrentUser user, BookingKind kind, Guid? memberId, string? overrideReason)
    {
        if (user.IsStaff())
        {
            return;
        }
        if (kind == BookingKind.Block || overrideReason is not null)
        {
            throw new ForbiddenException(Texts.Get("booking.staffOnlyAction"));
        }
        BookingData.EnsureMayAct(user, memberId);
    }

    /// <summary>The space's row lock and the space; a space only staff may book refuses a member editor (403).</summary>
    public static async Task<SpaceRow> LockSpaceAsync(WriteScope scope, ICurrentUser user, Guid spaceId, CancellationToken ct)
    {
        SpaceRow space;
        try
        {
            space = await SpaceData.LockAsync(scope, spaceId, ct);
        }
        catch (NotFoundException)
        {
            throw new FieldValidationException("spaceId", Texts.Get("unknown.space"));
        }
        if (space.Rules.BookableBy == SpaceBookableBy.Staff && !user.IsStaff())
        {
            throw new ForbiddenException(Texts.Get("booking.staffOnlySpace"));
        }
        return space;
    }

    public static async Task EnsureMemberAsync(WriteScope scope, Guid? memberId, CancellationToken ct)
    {
        if (memberId is null)
        {
            return;
        }
        var live = await scope.Connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COUNT(*) FROM members WHERE id = @Id AND deleted_at IS NULL", new { Id = memberId }, scope.Transaction, cancellationToken: ct));
        if (live == 0)
        {
            throw new FieldValidationException("memberId", Texts.Get("unknown.member"));
        }
    }
}
