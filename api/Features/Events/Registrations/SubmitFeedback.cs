using CommunityHub.Api.Infrastructure.Time;

namespace CommunityHub.Api.Features.Events.Registrations;

/// <summary>
/// Participant feedback (the "mobile survey") once the event has started, from its participants: the registration's
/// <c>cancelToken</c> is required, ties the feedback to that registration, and each registration answers at most once —
/// so one client cannot stuff the average.
/// </summary>
public sealed record SubmitFeedbackCommand(Guid EventId, FeedbackInput Input) : IRequest<FeedbackResponse>;

public sealed class SubmitFeedbackValidator : AbstractValidator<SubmitFeedbackCommand>
{
    public SubmitFeedbackValidator()
    {
        RuleFor(c => c.Input.Rating).NotNull().InclusiveBetween(1, 5).WithMessage(_ => Texts.Get("feedback.rating"))
            .OverridePropertyName("rating");
        RuleFor(c => c.Input.Comment).MaximumLength(2000).OverridePropertyName("comment");
        RuleFor(c => c.Input.CancelToken).NotEmpty().MaximumLength(200).OverridePropertyName("cancelToken")
            .WithMessage("Feedback needs the cancelToken of your registration for this event (from the registration answer).");
    }
}

public sealed class SubmitFeedbackHandler(Db db, ChangeLog changes, TimeProvider clock, ICurrentUser user)
    : IRequestHandler<SubmitFeedbackCommand, FeedbackResponse>
{
    public async Task<FeedbackResponse> Handle(SubmitFeedbackCommand request, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var scope = await db.BeginWriteAsync(ct);
        var current = await CommunityEventData.FindAsync(scope.Connection, scope.Transaction, request.EventId, ct);
        if (current is null || !EventAccess.CanRead(user, current))
        {
            throw new NotFoundException("Event", request.EventId);
        }
        if (current.StatusValue is EventStatus.Draft or EventStatus.Cancelled)
        {
            throw new ConflictException(Texts.Get("feedback.notTaking", EnumText.Label(current.StatusValue)));
        }
        if (now < current.StartsAt)
        {
            throw new ConflictException(Texts.Get("feedback.notStarted", Helsinki.Describe(current.StartsAt)));
        }

        var registrationId = (await scope.Connection.QueryAsync<Guid>(new CommandDefinition(
            "SELECT id FROM registrations WHERE event_id = @EventId AND cancel_token_hash = @Hash",
            new { request.EventId, Hash = RegistrationTokens.Hash(request.Input.CancelToken!) },
            scope.Transaction,
            cancellationToken: ct))).Select(id => (Guid?)id).FirstOrDefault()
            ?? throw new FieldValidationException("cancelToken", Texts.Get("feedback.unknownToken"));
        var answered = await scope.Connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COUNT(*) FROM feedback WHERE event_id = @EventId AND registration_id = @RegistrationId",
            new { request.EventId, RegistrationId = registrationId },
            scope.Transaction,
            cancellationToken: ct));
        if (answered > 0)
        {
            throw new ConflictException(Texts.Get("feedback.duplicate"));
        }

        var id = Guid.CreateVersion7(now);
        var comment = string.IsNullOrWhiteSpace(request.Input.Comment) ? null : request.Input.Comment.Trim();
        await scope.Connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO feedback (id, event_id, registration_id, rating, comment, created_at) VALUES (@Id, @EventId, @RegistrationId, @Rating, @Comment, @Now)",
            new { Id = id, request.EventId, RegistrationId = registrationId, request.Input.Rating, Comment = comment, Now = now },
            scope.Transaction,
            cancellationToken: ct));
        // Feedback is not part of the event's representation, so it is audited without a change-feed entry.
        await changes.RecordAsync(scope, RegistrationData.FeedbackType, id, ChangeOp.Create, 1, current.MunicipalityCode, ct);
        await scope.CommitAsync(ct);
        return new FeedbackResponse(id, request.Input.Rating!.Value, comment, now);
    }
}
