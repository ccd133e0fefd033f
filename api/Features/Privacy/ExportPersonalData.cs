
namespace CommunityHub.Api.Features.Privacy;

/// <summary>
/// Everything stored about one email address: registrations, member contacts, user accounts (deleted ones too), the
/// bookings those accounts made and the messages sent to it.
/// </summary>
public sealed record ExportPersonalDataQuery(PersonalDataExportRequest Input) : IRequest<PersonalDataExport>;

public sealed class ExportPersonalDataValidator : AbstractValidator<ExportPersonalDataQuery>
{
    public ExportPersonalDataValidator() =>
        RuleFor(q => q.Input.Email).NotEmpty().MaximumLength(254).EmailAddress().WithMessage(_ => Texts.Get("privacy.email")).OverridePropertyName("email");
}

public sealed class ExportPersonalDataHandler(Db db, ChangeLog changes, TimeProvider clock) : IRequestHandler<ExportPersonalDataQuery, PersonalDataExport>
{
    public async Task<PersonalDataExport> Handle(ExportPersonalDataQuery request, CancellationToken ct)
    {
        var email = EmailAddresses.Normalize(request.Input.Email!);
        // User accounts (and the sign-in throttle) keep their own key (upper case); the rest is matched in lower case.
        var userKey = Users.UserInputValidator.Normalize(request.Input.Email!);
        await using var scope = await db.BeginWriteAsync(ct);
        var registrations = (await scope.Connection.QueryAsync<PersonalRegistration>(new CommandDefinition(
            """
            SELECT r.id, r.event_id, e.title AS event_title, r.name, r.email, r.member_id, r.notes, r.status, r.created_at, r.cancelled_at
            FROM registrations r JOIN events e ON e.id = r.event_id
            WHERE r.email_normalized = @Email ORDER BY r.id
            """,
            new { Email = email }, scope.Transaction, cancellationToken: ct))).ToList();
        // Contact emails are stored normalised (EmailAddresses; migration 0024 and ContactEmailNormalization for older rows).
        var contacts = (await scope.Connection.QueryAsync<PersonalContact>(new CommandDefinition(
            "SELECT id, member_id, name, title, email, phone, created_at, deleted_at FROM contacts WHERE email = @Email ORDER BY id",
            new { Email = email }, scope.Transaction, cancellationToken: ct))).ToList();
        var users = (await scope.Connection.QueryAsync<PersonalUser>(new CommandDefinition(
            "SELECT id, email, display_name, role, member_id, created_at, deleted_at FROM users WHERE email_normalized = @Email ORDER BY id",
            new { Email = userKey }, scope.Transaction, cancellationToken: ct))).ToList();
        var external = (await scope.Connection.QueryAsync<PersonalExternalIdentity>(new CommandDefinition(
            "SELECT subject, display_name, last_seen_at FROM external_actors WHERE email_normalized = @Email ORDER BY subject",
            new { Email = email }, scope.Transaction, cancellationToken: ct))).ToList();
        var throttle = (await scope.Connection.QueryAsync<PersonalSignInThrottle>(new CommandDefinition(
            "SELECT failures, last_failure_at, blocked_until FROM sign_in_throttle WHERE account_key = @Email ORDER BY last_failure_at",
            new { Email = userKey }, scope.Transaction, cancellationToken: ct))).ToList();
        // Bookings carry the id of the account that made them (the token's subject), not an address.
        var bookings = users.Count == 0 ? [] : (await scope.Connection.QueryAsync<PersonalBooking>(new CommandDefinition(
            """
            SELECT b.id, b.space_id, s.name AS space_name, b.member_id, b.purpose, b.starts_at, b.ends_at, b.status, b.created_at
            FROM bookings b JOIN spaces s ON s.id = b.space_id WHERE b.booked_by_id IN @Ids ORDER BY b.id
            """,
            new { Ids = users.Select(u => u.Id.ToString()).ToList() }, scope.Transaction, cancellationToken: ct))).ToList();
        var messages = (await scope.Connection.QueryAsync<PersonalMessage>(new CommandDefinition(
            "SELECT id, kind, subject, status, text_body, created_at, sent_at FROM mail_outbox WHERE recipient_normalized = @Email ORDER BY id",
            new { Email = email }, scope.Transaction, cancellationToken: ct))).ToList();
        // Handing out personal data is audited; the entry names no address (a random id per request).
        await changes.RecordAsync(scope, PrivacyData.SubjectType, Guid.CreateVersion7(clock.GetUtcNow()), ChangeOp.Export, 1, null, ct);
        await scope.CommitAsync(ct);
        return new PersonalDataExport(
            email,
            registrations,
            contacts,
            users,
            external,
            throttle,
            bookings,
            messages);
    }
}
