
namespace CommunityHub.Api.Features.Privacy;

/// <summary>
/// Erases one email address's personal data in one transaction: its registrations are anonymised (the rows stay for
/// counts and feedback), its member contacts are blanked and removed, its user accounts are blanked and removed (the
/// audit trail keeps their ids, not their names). An admin cannot erase their own account this way.
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
        var email = PrivacyData.Normalize(request.Input.Email!);
        // User accounts keep their own key (upper case); registrations and contacts are matched in lower case.
        var userKey = Users.UserInputValidator.Normalize(request.Input.Email!);
        var now = clock.GetUtcNow();
        await using var scope = await db.BeginWriteAsync(ct);
        var userIds = (await scope.Connection.QueryAsync<Guid>(new CommandDefinition(
            "SELECT id FROM users WHERE email_normalized = @Email", new { Email = userKey }, scope.Transaction, cancellationToken: ct))).ToList();
        if (userIds.Any(id => id.ToString() == user.Subject))
        {
            throw new ConflictException("An admin cannot erase their own account; another admin can.");
        }

        var registrations = await PrivacyData.EraseRegistrationsByEmailAsync(scope, email, now, ct);
        var contacts = await scope.Connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE contacts SET name = '', title = NULL, email = NULL, phone = NULL,
                deleted_at = COALESCE(deleted_at, @Now), updated_at = @Now, version = version + 1
            WHERE LOWER(email) = @Email
            """,
            new { Email = email, Now = now }, scope.Transaction, cancellationToken: ct));
        var users = 0;
        foreach (var id in userIds)
        {
            // The email key becomes the row's id: unique, and no longer anyone's address. No password opens it again.
            users += await scope.Connection.ExecuteAsync(new CommandDefinition(
                """
                UPDATE users SET email = id, email_normalized = id, display_name = '', password_hash = '',
                    deleted_at = COALESCE(deleted_at, @Now), updated_at = @Now, version = version + 1
                WHERE id = @Id
                """,
                new { Id = id, Now = now }, scope.Transaction, cancellationToken: ct));
            await scope.Connection.ExecuteAsync(new CommandDefinition(
                "UPDATE audit SET actor_name = NULL WHERE actor_id = @Subject",
                new { Subject = id.ToString() }, scope.Transaction, cancellationToken: ct));
        }
        await changes.RecordAsync(scope, PrivacyData.SubjectType, Guid.CreateVersion7(now), ChangeOp.Delete, 1, null, ct);
        await scope.CommitAsync(ct);
        return new PersonalDataErasure(registrations, contacts, users);
    }
}
