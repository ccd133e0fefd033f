
namespace CommunityHub.Api.Features.Pilots;

/// <summary>Creates a pilot in stage <c>idea</c>. A member editor may create only pilots its own member owns.</summary>
public sealed record CreatePilotCommand(PilotInput Input) : IRequest<PilotResponse>;

public sealed class CreatePilotHandler(Db db, ChangeLog changes, TimeProvider clock, ICurrentUser user) : IRequestHandler<CreatePilotCommand, PilotResponse>
{
    public async Task<PilotResponse> Handle(CreatePilotCommand request, CancellationToken ct)
    {
        var input = request.Input;
        PilotData.EnsureCanEdit(user, input.OwnerMemberId!.Value);
        var now = clock.GetUtcNow();
        var id = Guid.CreateVersion7(now);

        await using var scope = await db.BeginWriteAsync(ct);
        await PilotData.EnsureReferencesAsync(scope, input, ct);
        await scope.Connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO pilots (id, title, title_search, theme, problem, hypothesis, municipality_code, partnership_id, owner_member_id,
                planned_start, planned_end, started_on, ended_on, budget_eur, stage, evaluation_results, evaluation_impact,
                evaluation_learnings, evaluation_recommendation, created_at, updated_at, version)
            VALUES (@Id, @Title, @TitleSearch, @Theme, @Problem, @Hypothesis, @MunicipalityCode, @PartnershipId, @OwnerMemberId,
                @PlannedStart, @PlannedEnd, @StartedOn, @EndedOn, @BudgetEur, @Stage, @EvaluationResults, @EvaluationImpact,
                @EvaluationLearnings, @EvaluationRecommendation, @Now, @Now, @Version)
            """,
            PilotData.ColumnValues(id, input, PilotStage.Idea, 1, now),
            scope.Transaction,
            cancellationToken: ct));
        await PilotData.ReplaceTeamAsync(scope, id, input.Team, ct);
        await PilotData.SyncMetricsAsync(scope, id, input.Metrics, isNew: true, now, ct);
        await changes.RecordAsync(scope, PilotData.Type, id, ChangeOp.Create, 1, input.MunicipalityCode, ct);
        var created = await PilotData.ReadBackAsync(scope, id, ct);
        await scope.CommitAsync(ct);
        return created;
    }
}
