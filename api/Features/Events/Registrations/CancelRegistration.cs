
namespace CommunityHub.Api.Features.Events.Registrations;

/// <summary>
/// Cancels a registration — anyone holding its cancel token, or staff / an organising member's editor without one —
/// and, in the same transaction, promotes the first on the waiting list into the freed seat and queues their "you have a
/// seat" message. A wrong token is a 404 (it reveals nothing about the registration). Cancelling twice is harmless.
/// </summary>
/// <remarks><paramref name="Input"/> is the registrant's body (<c>POST …/cancel</c>); null when staff cancel.</remarks>
public sealed record CancelRegistrationCommand(Guid EventId, Guid RegistrationId, CancelRegistrationInput? Input) : IRequest<Unit>
{
    public string? Token => Input?.CancelToken;
}

/// <summary>A token is the issued 43-character text; anything far longer is not one and gets a 400, not a lookup.</summary>
public sealed class CancelRegistrationInputValidator : AbstractValidator<CancelRegistrationInput>
{
    public CancelRegistrationInputValidator() => RuleFor(i => i.CancelToken).NotEmpty().MaximumLength(200);
}

public sealed class CancelRegistrationHandler(Db db, ChangeLog changes, TimeProvider clock, ICurrentUser user, RegistrationMails mails)
    : IRequestHandler<CancelRegistrationCommand, Unit>
{
    public async Task<Unit> Handle(CancelRegistrationCommand request, CancellationToken ct)
    {
        await using var scope = await db.BeginWriteAsync(ct);
        var current = await CommunityEventData.LockOrThrowAsync(scope, request.EventId, ct);
        var registration = (await scope.Connection.QueryAsync<(string Status, string TokenHash)>(new CommandDefinition(
            "SELECT status, cancel_token_hash FROM registrations WHERE id = @Id AND event_id = @EventId",
            new { Id = request.RegistrationId, request.EventId },
            scope.Transaction,
            cancellationToken: ct))).Select(r => ((string Status, string TokenHash)?)r).FirstOrDefault();
        if (request.Token is not null)
        {
            if (registration is null || !string.Equals(registration.Value.TokenHash, RegistrationTokens.Hash(request.Token), StringComparison.Ordinal))
            {
                throw new NotFoundException("Registration", request.RegistrationId);
            }
        }
        else
        {
            var organizers = (await CommunityEventData.OrganizersAsync(scope.Connection, scope.Transaction, [request.EventId], ct))[request.EventId];
            if (!EventAccess.SeesAll(user))
            {
                throw new NotFoundException("Registration", request.RegistrationId);
            }
            EventAccess.EnsureManages(user, organizers);
            if (registration is null)
            {
                throw new NotFoundException("Registration", request.RegistrationId);
            }
        }
        if (registration.Value.Status == EnumText.Name(RegistrationStatus.Cancelled))
        {
            return Unit.Value;
        }

        var now = clock.GetUtcNow();
        await scope.Connection.ExecuteAsync(new CommandDefinition(
            "UPDATE registrations SET status = 'cancelled', cancelled_at = @Now, updated_at = @Now WHERE id = @Id",
            new { Id = request.RegistrationId, Now = now },
            scope.Transaction,
            cancellationToken: ct));
        await RegistrationData.PromoteAsync(scope, mails, current, current.Capacity, now, ct);
        await RegistrationData.TouchAsync(scope, changes, current, ChangeOp.Update, now, ct);
        await scope.CommitAsync(ct);
        return Unit.Value;
    }
}
