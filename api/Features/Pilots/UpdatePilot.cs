
namespace CommunityHub.Api.Features.Pilots;

/// <summary>
/// Replaces a pilot's content; its stage is kept (only transitions move it). A pilot in a final stage is read-only.
/// A member editor may edit only pilots its member owns, and cannot hand one to another member.
/// </summary>
public sealed record UpdatePilotCommand(Guid Id, PilotInput Input, long? ExpectedVersion) : IRequest<PilotResponse>;

public sealed class UpdatePilotHandler(Db db, ChangeLog changes, TimeProvider clock, ICurrentUser user)
    : IRequestHandler<UpdatePilotCommand, PilotResponse>
{
    public async Task<PilotResponse> Handle(UpdatePilotCommand request, CancellationToken ct)
    {
        await using var scope = await db.BeginWriteAsync(ct);
        var current = await PilotData.GetForEditAsync(scope, request.Id, user, request.ExpectedVersion, ct);
        PilotData.EnsureCanEdit(user, request.Input.OwnerMemberId!.Value);
        var stage = current.ParsedStage;
        if (PilotStages.IsFinal(stage))
        {
            throw new ConflictException(
                Texts.Get("pilot.final", EnumText.Label(stage)),
                new Dictionary<string, object?> { ["stage"] = PilotStages.Name(stage) });
        }

        var input = request.Input;
        await PilotData.EnsureReferencesAsync(scope, input, ct);
        var version = current.Version + 1;
        var now = clock.GetUtcNow();
        var updated = await scope.Connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE pilots SET title = @Title, title_search = @TitleSearch, theme = @Theme, problem = @Problem, hypothesis = @Hypothesis,
                municipality_code = @MunicipalityCode, partnership_id = @PartnershipId, owner_member_id = @OwnerMemberId,
                planned_start = @PlannedStart, planned_end = @PlannedEnd, started_on = @StartedOn, ended_on = @EndedOn,
                budget_eur = @BudgetEur, evaluation_results = @EvaluationResults, evaluation_impact = @EvaluationImpact,
                evaluation_learnings = @EvaluationLearnings, evaluation_recommendation = @EvaluationRecommendation,
                updated_at = @Now, version = @Version
            WHERE id = @Id AND version = @Version - 1 AND stage = @Stage
            """,
            PilotData.ColumnValues(request.Id, input, stage, version, now),
            scope.Transaction,
            cancellationToken: ct));
        PreconditionFailedException.ThrowIfNoneChanged(updated, current.Version);
        await PilotData.ReplaceTeamAsync(scope, request.Id, input.Team, ct);
        await PilotData.SyncMetricsAsync(scope, request.Id, input.Metrics, isNew: false, now, ct);
        await changes.RecordAsync(scope, PilotData.Type, request.Id, ChangeOp.Update, version, input.MunicipalityCode, ct);
        var result = await PilotData.ReadBackAsync(scope, request.Id, ct);
        await scope.CommitAsync(ct);
        return result;
    }
}
