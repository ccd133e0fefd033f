
namespace CommunityHub.Api.Features.Pilots;

/// <summary>Moves a pilot along its lifecycle (the rules are <see cref="PilotStages"/>) and keeps the move in its history.</summary>
public sealed record TransitionPilotCommand(Guid Id, PilotTransitionInput Input, long? ExpectedVersion) : IRequest<PilotResponse>;

public sealed class TransitionPilotValidator : AbstractValidator<TransitionPilotCommand>
{
    public TransitionPilotValidator()
    {
        RuleFor(c => c.Input.To).NotNull().WithMessage(_ => Texts.Get("transition.toRequired", EnumText.Labels<PilotStage>())).OverridePropertyName("to");
        RuleFor(c => c.Input.Note).MaximumLength(2000).OverridePropertyName("note");
    }
}

public sealed class TransitionPilotHandler(Db db, ChangeLog changes, TimeProvider clock, ICurrentUser user)
    : IRequestHandler<TransitionPilotCommand, PilotResponse>
{
    public async Task<PilotResponse> Handle(TransitionPilotCommand request, CancellationToken ct)
    {
        await using var scope = await db.BeginWriteAsync(ct);
        var current = await PilotData.GetForEditAsync(scope, request.Id, user, request.ExpectedVersion, ct);

        var from = current.ParsedStage;
        var to = request.Input.To!.Value;
        var note = string.IsNullOrWhiteSpace(request.Input.Note) ? null : request.Input.Note.Trim();
        var decision = PilotStages.Decide(
            from, to, note, current.StartedOn, current.EndedOn, !string.IsNullOrWhiteSpace(current.EvaluationResults), PilotData.Today(clock));
        switch (decision.Refusal)
        {
            case StageRefusal.None:
                break;
            case StageRefusal.NeedsNote:
                throw new FieldValidationException("note", decision.Message!);
            default:
                throw new ConflictException(decision.Message!, new Dictionary<string, object?>
                {
                    ["stage"] = PilotStages.Name(from),
                    ["allowed"] = decision.Allowed.Select(PilotStages.Name).ToArray(),
                });
        }

        var now = clock.GetUtcNow();
        var version = current.Version + 1;
        var updated = await scope.Connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE pilots SET stage = @To, started_on = @StartedOn, ended_on = @EndedOn, updated_at = @Now, version = @Version
            WHERE id = @Id AND version = @Version - 1
            """,
            new { request.Id, To = PilotStages.Name(to), decision.StartedOn, decision.EndedOn, Now = now, Version = version },
            scope.Transaction,
            cancellationToken: ct));
        PreconditionFailedException.ThrowIfNoneChanged(updated, current.Version);
        await scope.Connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO pilot_transitions (pilot_id, seq, at, actor_id, actor_name, from_stage, to_stage, note)
            SELECT @Id, COALESCE(MAX(seq), 0) + 1, @Now, @ActorId, @ActorName, @From, @To, @Note FROM pilot_transitions WHERE pilot_id = @Id
            """,
            new
            {
                request.Id,
                Now = now,
                ActorId = user.Subject,
                ActorName = user.DisplayName,
                From = PilotStages.Name(from),
                To = PilotStages.Name(to),
                Note = note,
            },
            scope.Transaction,
            cancellationToken: ct));
        await changes.RecordAsync(scope, PilotData.Type, request.Id, ChangeOp.Transition, version, current.MunicipalityCode, ct);
        var result = await PilotData.ReadBackAsync(scope, request.Id, ct);
        await scope.CommitAsync(ct);
        return result;
    }
}
