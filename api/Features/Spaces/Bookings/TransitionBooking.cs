
namespace CommunityHub.Api.Features.Spaces.Bookings;

/// <summary>
/// Confirms, denies or cancels a booking (rules: <see cref="BookingLifecycle"/>) and keeps the move in its history. Every
/// status change of a booking a person asks for comes through here (DELETE too); the write itself is
/// <see cref="BookingData.MoveAsync"/>.
/// </summary>
public sealed record TransitionBookingCommand(Guid Id, BookingTransitionInput Input, long? ExpectedVersion) : IRequest<BookingResponse>;

public sealed class TransitionBookingValidator : AbstractValidator<TransitionBookingCommand>
{
    public TransitionBookingValidator()
    {
        RuleFor(c => c.Input.To).NotNull().WithMessage(_ => Texts.Get("transition.toRequired", EnumText.Labels<BookingStatus>())).OverridePropertyName("to");
        RuleFor(c => c.Input.Reason).MaximumLength(1000).OverridePropertyName("reason");
    }
}

public sealed class TransitionBookingHandler(Db db, ChangeLog changes, TimeProvider clock, ICurrentUser user, BookingMails mails)
    : IRequestHandler<TransitionBookingCommand, BookingResponse>
{
    public async Task<BookingResponse> Handle(TransitionBookingCommand request, CancellationToken ct)
    {
        await using var scope = await db.BeginWriteAsync(ct);
        var peek = await BookingData.GetOrThrowAsync(scope.Connection, scope.Transaction, request.Id, null, ct);
        BookingData.EnsureMayAct(user, peek.MemberId);
        var space = await SpaceData.LockAsync(scope, peek.SpaceId, ct);
        var current = await BookingData.GetOrThrowAsync(scope.Connection, scope.Transaction, request.Id, null, ct);
        PreconditionFailedException.ThrowIfStale(request.ExpectedVersion, current.Version);
        var now = clock.GetUtcNow();
        var to = request.Input.To!.Value;
        if (BookingLifecycle.Refuse(current.ParsedStatus, to, user.IsStaff(), request.Input.Reason, current.StartsAt, space.CancelHoursBefore, now) is { } refusal)
        {
            throw refusal;
        }
        await BookingData.MoveAsync(scope, changes, user, current, to, request.Input.Reason, now, ct);
        var result = await BookingData.GetOrThrowAsync(scope.Connection, scope.Transaction, request.Id, null, ct);
        await mails.StatusAsync(scope, result, to, space, request.Input.Reason, ct);
        await scope.CommitAsync(ct);
        return result.Shown(user);
    }
}
