using CommunityHub.Api.Features.Events.Registrations;

namespace CommunityHub.Api.Features.Events;

/// <summary>
/// Moves an event along <see cref="EventLifecycle"/>; an illegal move is a 409 listing the allowed ones. Publishing an
/// event that names a space books it by the space's rules (a clash is a 409); cancelling it cancels that booking and mails
/// every registrant still in.
/// </summary>
public sealed record TransitionCommunityEventCommand(Guid Id, EventTransitionInput Input, long? ExpectedVersion) : IRequest<CommunityEventResponse>;

public sealed class TransitionCommunityEventValidator : AbstractValidator<TransitionCommunityEventCommand>
{
    public TransitionCommunityEventValidator() =>
        RuleFor(c => c.Input.To).NotNull().WithMessage(_ => Texts.Get("transition.toRequired", EnumText.Labels<EventStatus>())).OverridePropertyName("to");
}

public sealed class TransitionCommunityEventHandler(Db db, ChangeLog changes, TimeProvider clock, ICurrentUser user, RegistrationMails mails)
    : IRequestHandler<TransitionCommunityEventCommand, CommunityEventResponse>
{
    public async Task<CommunityEventResponse> Handle(TransitionCommunityEventCommand request, CancellationToken ct)
    {
        await using var scope = await db.BeginWriteAsync(ct);
        var current = await CommunityEventData.LockManagedAsync(scope, user, request.Id, request.ExpectedVersion, ct);
        var from = current.StatusValue;
        var to = request.Input.To!.Value;
        if (!EventLifecycle.CanMove(from, to))
        {
            throw new ConflictException(
                Texts.Get("event.transitionNotAllowed", EnumText.Label(from), EnumText.Label(to)),
                new Dictionary<string, object?> { ["allowed"] = EventLifecycle.Allowed(from).Select(EnumText.Name).ToArray() });
        }
        var now = clock.GetUtcNow();
        var version = current.Version + 1;
        await scope.Connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE events SET status = @Status, updated_at = @Now, version = @Version,
                ever_published = CASE WHEN @Status = 'published' THEN 1 ELSE ever_published END,
                published_at = CASE WHEN @Status = 'published' AND published_at IS NULL THEN @Now ELSE published_at END
            WHERE id = @Id
            """,
            new { request.Id, Status = EnumText.Name(to), Now = now, Version = version },
            scope.Transaction,
            cancellationToken: ct));
        await EventSpaceBooking.SyncAsync(scope, changes, user, request.Id, archived: false, now, ct);
        if (to == EventStatus.Cancelled)
        {
            // Everyone still registered hears of it, with METHOD:CANCEL for their calendar.
            await mails.CancelledAsync(scope, (await CommunityEventData.FindAsync(scope.Connection, scope.Transaction, request.Id, ct))!, ct);
        }
        await changes.RecordAsync(scope, CommunityEventData.Type, request.Id, ChangeOp.Transition, version, current.MunicipalityCode, ct);
        var result = await CommunityEventData.ReadBackAsync(scope, request.Id, ct);
        await scope.CommitAsync(ct);
        return result;
    }
}
