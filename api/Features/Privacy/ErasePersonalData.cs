
namespace CommunityHub.Api.Features.Privacy;

/// <summary>
/// Erases one email address's personal data in one transaction: its registrations are anonymised (the rows stay for
/// counts and feedback), its member contacts are blanked and removed, its user accounts are blanked and removed, and
/// the accounts' names are cleared wherever writes copied them: the audit trail, partnership, pilot and booking histories,
/// partnership reviews and the bookings the accounts made keep the user id, not the name. The same names of people who
/// signed in through the external identity provider with that email are cleared too, and the sign-in throttle's rows of
/// the account are deleted. An admin cannot erase their own account this way.
/// </summary>
public sealed record ErasePersonalDataCommand(PersonalDataEraseRequest Input) : IRequest<PersonalDataErasure>;

public sealed class ErasePersonalDataValidator : AbstractValidator<ErasePersonalDataCommand>
{
    public ErasePersonalDataValidator() =>
        RuleFor(c => c.Input.Email).NotEmpty().MaximumLength(254).EmailAddress().WithMessage(_ => Texts.Get("privacy.email")).OverridePropertyName("email");
}

public sealed class ErasePersonalDataHandler(Db db, ChangeLog changes, TimeProvider clock, ICurrentUser user)
    : IRequestHandler<ErasePersonalDataCommand, PersonalDataErasure>
{
    public async Task<PersonalDataErasure> Handle(ErasePersonalDataCommand request, CancellationToken ct)
    {
        var email = EmailAddresses.Normalize(request.Input.Email!);
        // User accounts keep their own key (upper case); registrations and contacts are matched in lower case.
        var userKey = Users.UserInputValidator.Normalize(request.Input.Email!);
        var now = clock.GetUtcNow();
        await using var scope = await db.BeginWriteAsync(ct);
        // The display names are read before the rows are blanked: reviews from before migration 0018 are found by name.
        var accounts = (await scope.Connection.QueryAsync<ErasedUserRow>(new CommandDefinition(
            "SELECT id, display_name FROM users WHERE email_normalized = @Email", new { Email = userKey }, scope.Transaction, cancellationToken: ct)))
            .ToList();
        if (accounts.Any(a => a.Id.ToString() == user.Subject))
        {
            throw new ConflictException(Texts.Get("privacy.eraseSelf"));
        }

        var registrations = await PrivacyData.EraseRegistrationsByEmailAsync(scope, email, now, ct);
        var contacts = await scope.Connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE contacts SET name = '', title = NULL, email = NULL, phone = NULL,
                deleted_at = COALESCE(deleted_at, @Now), updated_at = @Now, version = version + 1
            WHERE email = @Email
            """,
            new { Email = email, Now = now }, scope.Transaction, cancellationToken: ct));
        var users = 0;
        var bookings = 0;
        foreach (var account in accounts)
        {
            // The email key becomes the row's id: unique, and no longer anyone's address. No password opens it again.
            users += await scope.Connection.ExecuteAsync(new CommandDefinition(
                """
                UPDATE users SET email = id, email_normalized = id, display_name = '', password_hash = '',
                    deleted_at = COALESCE(deleted_at, @Now), updated_at = @Now, version = version + 1
                WHERE id = @Id
                """,
                new { account.Id, Now = now }, scope.Transaction, cancellationToken: ct));
            await EraseCopiedNameAsync(scope, account.Id.ToString(), account.DisplayName, now, ct);
            bookings += await scope.Connection.ExecuteAsync(new CommandDefinition(
                """
                UPDATE bookings SET booked_by_name = NULL, version = version + 1, updated_at = @Now
                WHERE booked_by_id = @Subject AND booked_by_name IS NOT NULL
                """,
                new { Subject = account.Id.ToString(), Now = now }, scope.Transaction, cancellationToken: ct));
            await scope.Connection.ExecuteAsync(new CommandDefinition(
                "UPDATE booking_series SET booked_by_name = NULL WHERE booked_by_id = @Subject AND booked_by_name IS NOT NULL",
                new { Subject = account.Id.ToString() }, scope.Transaction, cancellationToken: ct));
        }
        // Someone who signed in through the external identity provider has no account here, only their name copied
        // beside their subject wherever they wrote.
        var external = (await scope.Connection.QueryAsync<ErasedExternalRow>(new CommandDefinition(
            "SELECT subject, display_name FROM external_actors WHERE email_normalized = @Email", new { Email = email }, scope.Transaction, cancellationToken: ct)))
            .ToList();
        foreach (var identity in external)
        {
            await EraseCopiedNameAsync(scope, identity.Subject, identity.DisplayName ?? "", now, ct);
            await scope.Connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM external_actors WHERE subject = @Subject", new { identity.Subject }, scope.Transaction, cancellationToken: ct));
        }
        var throttle = await scope.Connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM sign_in_throttle WHERE account_key = @Email", new { Email = userKey }, scope.Transaction, cancellationToken: ct));
        // Messages to the address go too, sent or not: they hold the name, the address and the personal links.
        var messages = await scope.Connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM mail_outbox WHERE recipient_normalized = @Email", new { Email = email }, scope.Transaction, cancellationToken: ct));
        await changes.RecordAsync(scope, PrivacyData.SubjectType, Guid.CreateVersion7(now), ChangeOp.Delete, 1, null, ct);
        await scope.CommitAsync(ct);
        return new PersonalDataErasure(registrations, contacts, users, external.Count, throttle, bookings, messages);
    }

    /// <summary>
    /// Clears a user's name where writes copied it beside their id (the subject of their token). The id stays: once the
    /// account is blanked it names nobody. Histories have no version or ETag of their own, and partnerships and pilots do
    /// not show who moved them; a review does have a version, so a review whose name is cleared gets a new one.
    /// </summary>
    private static async Task EraseCopiedNameAsync(WriteScope scope, string subject, string displayName, DateTimeOffset now, CancellationToken ct)
    {
        foreach (var table in (string[])["audit", "partnership_transitions", "pilot_transitions", "booking_transitions"])
        {
            await scope.Connection.ExecuteAsync(new CommandDefinition(
                $"UPDATE {table} SET actor_name = NULL WHERE actor_id = @Subject AND actor_name IS NOT NULL",
                new { Subject = subject }, scope.Transaction, cancellationToken: ct));
        }
        await scope.Connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE partnership_reviews SET reviewed_by = NULL, version = version + 1, updated_at = @Now
            WHERE reviewed_by_id = @Subject AND reviewed_by IS NOT NULL
            """,
            new { Subject = subject, Now = now }, scope.Transaction, cancellationToken: ct));

        // Reviews written before migration 0018 kept only the name. Best effort: they are matched by the exact display
        // name the account had when erased, so a name the account had before a rename is not found, and a namesake's
        // review from then is cleared too. Compared in C# as well, so SQL Server's case-insensitive collation (and its
        // trailing-space rule) cannot widen "exact".
        if (string.IsNullOrWhiteSpace(displayName))
        {
            return;
        }
        var byName = (await scope.Connection.QueryAsync<LegacyReviewRow>(new CommandDefinition(
                "SELECT id, reviewed_by FROM partnership_reviews WHERE reviewed_by_id IS NULL AND reviewed_by = @Name",
                new { Name = displayName }, scope.Transaction, cancellationToken: ct)))
            .Where(r => string.Equals(r.ReviewedBy, displayName, StringComparison.Ordinal))
            .Select(r => r.Id.ToString())
            .ToList();
        if (byName.Count > 0)
        {
            await scope.Connection.ExecuteAsync(new CommandDefinition(
                "UPDATE partnership_reviews SET reviewed_by = NULL, version = version + 1, updated_at = @Now WHERE id IN @Ids",
                new { Ids = byName, Now = now }, scope.Transaction, cancellationToken: ct));
        }
    }
}

internal sealed class ErasedUserRow
{
    public Guid Id { get; init; }
    public string DisplayName { get; init; } = "";
}

internal sealed class ErasedExternalRow
{
    public string Subject { get; init; } = "";
    public string? DisplayName { get; init; }
}

internal sealed class LegacyReviewRow
{
    public Guid Id { get; init; }
    public string? ReviewedBy { get; init; }
}
