using CommunityHub.Api.Features.Mail;

namespace CommunityHub.Api.Features.Spaces.Bookings;

/// <summary>
/// The messages the person who booked gets, queued in the write that causes them (see <see cref="MailOutbox"/>): the
/// booking received (confirmed at once, or waiting for staff), and later confirmed, denied or cancelled (with the reason
/// staff gave). Blocks and bookings made by someone without a local account (an external sign-in, the demo data) get
/// none. The language is the booker's own when they act themselves, else Finnish (users keep no language yet).
/// </summary>
public sealed class BookingMails(MailOutbox outbox, MailLinks links, ICurrentUser user)
{
    internal async Task StatusAsync(WriteScope scope, BookingRow booking, BookingStatus moved, SpaceRow space, string? reason, CancellationToken ct)
    {
        if (!outbox.Enabled || booking.Kind != EnumText.Name(BookingKind.Booking) || !Guid.TryParse(booking.BookedById, out var bookerId))
        {
            return;
        }
        var booker = await scope.Connection.QuerySingleOrDefaultAsync<Booker>(new CommandDefinition(
            "SELECT email, display_name FROM users WHERE id = @Id AND deleted_at IS NULL",
            new { Id = bookerId }, scope.Transaction, cancellationToken: ct));
        if (booker is null)
        {
            return;
        }
        var status = EnumText.Name(moved);
        var language = booking.BookedById == user.Subject && Texts.IsEnglish ? Texts.EnglishCode : Texts.FinnishCode;
        string T(string key, params object?[] args) => Texts.In(language, key, args);
        var key = $"mail.booking.{status}";
        var place = string.Join(", ", new[] { space.Name, space.Street, space.City }.Where(p => !string.IsNullOrWhiteSpace(p)));
        var body = new MailBody()
            .Paragraph(T("mail.greeting", booker.DisplayName))
            .Paragraph(T(key + ".body", space.Name))
            .Facts(
                (T("mail.fact.space"), place),
                (T("mail.fact.when"), MailDates.Span(booking.StartsAt, booking.EndsAt, language)),
                (T("mail.fact.member"), booking.MemberName),
                (T("mail.fact.purpose"), booking.Purpose),
                (T("mail.fact.reason"), string.IsNullOrWhiteSpace(reason) ? null : reason))
            .Link(T("mail.link.space"), links.Space(space.Id));
        await outbox.EnqueueAsync(
            scope, new MailDraft($"booking_{status}", booker.Email, language, T(key + ".subject", space.Name), body, booking.Id), ct);
    }

    private sealed record Booker(string Email, string DisplayName);
}
