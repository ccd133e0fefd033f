
namespace CommunityHub.Api.Features.Privacy;

/// <summary>
/// Everything stored about one email address: registrations, member contacts, user accounts (deleted ones too) and the
/// messages sent to it.
/// </summary>
public sealed record ExportPersonalDataQuery(string? Email) : IRequest<PersonalDataExport>;

public sealed class ExportPersonalDataValidator : AbstractValidator<ExportPersonalDataQuery>
{
    public ExportPersonalDataValidator() =>
        RuleFor(q => q.Email).NotEmpty().MaximumLength(254).EmailAddress().WithMessage(_ => Texts.Get("privacy.email"));
}

public sealed class ExportPersonalDataHandler(Db db, ChangeLog changes, TimeProvider clock) : IRequestHandler<ExportPersonalDataQuery, PersonalDataExport>
{
    public async Task<PersonalDataExport> Handle(ExportPersonalDataQuery request, CancellationToken ct)
    {
        var email = PrivacyData.Normalize(request.Email!);
        // User accounts keep their own key (upper case); registrations and contacts are matched in lower case.
        var userKey = Users.UserInputValidator.Normalize(request.Email!);
        await using var scope = await db.BeginWriteAsync(ct);
        var registrations = (await scope.Connection.QueryAsync<PersonalRegistration>(new CommandDefinition(
            """
            SELECT r.id, r.event_id, e.title AS event_title, r.name, r.email, r.member_id, r.notes, r.status, r.created_at, r.cancelled_at
            FROM registrations r JOIN events e ON e.id = r.event_id
            WHERE r.email_normalized = @Email ORDER BY r.id
            """,
            new { Email = email }, scope.Transaction, cancellationToken: ct))).ToList();
        // Contact emails are stored as typed; LOWER folds ASCII on SQLite, which is what addresses use in practice.
        var contacts = (await scope.Connection.QueryAsync<PersonalContact>(new CommandDefinition(
            "SELECT id, member_id, name, title, email, phone, created_at, deleted_at FROM contacts WHERE LOWER(email) = @Email ORDER BY id",
            new { Email = email }, scope.Transaction, cancellationToken: ct))).ToList();
        var users = (await scope.Connection.QueryAsync<PersonalUser>(new CommandDefinition(
            "SELECT id, email, display_name, role, member_id, created_at, deleted_at FROM users WHERE email_normalized = @Email ORDER BY id",
            new { Email = userKey }, scope.Transaction, cancellationToken: ct))).ToList();
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
            messages);
    }
}
