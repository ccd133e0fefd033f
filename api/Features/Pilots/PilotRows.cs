namespace CommunityHub.Api.Features.Pilots;

/// <summary>The pilot row as stored.</summary>
internal sealed class PilotRow
{
    public Guid Id { get; init; }
    public string Title { get; init; } = "";
    public string Theme { get; init; } = "";
    public string? Problem { get; init; }
    public string? Hypothesis { get; init; }
    public string MunicipalityCode { get; init; } = "";
    public Guid? PartnershipId { get; init; }
    public Guid OwnerMemberId { get; init; }
    public DateOnly? PlannedStart { get; init; }
    public DateOnly? PlannedEnd { get; init; }
    public DateOnly? StartedOn { get; init; }
    public DateOnly? EndedOn { get; init; }
    public decimal? BudgetEur { get; init; }
    public string Stage { get; init; } = "";
    public string? EvaluationResults { get; init; }
    public string? EvaluationImpact { get; init; }
    public string? EvaluationLearnings { get; init; }
    public string? EvaluationRecommendation { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public long Version { get; init; }

    public PilotStage ParsedStage => EnumText.Parse<PilotStage>(Stage);

    public PilotResponse ToResponse(IReadOnlyList<PilotTeamMember> team, IReadOnlyList<PilotMetric> metrics) => new(
        Id,
        Title,
        EnumText.Parse<PilotTheme>(Theme),
        Problem,
        Hypothesis,
        MunicipalityCode,
        PartnershipId,
        OwnerMemberId,
        team,
        PlannedStart,
        PlannedEnd,
        StartedOn,
        EndedOn,
        BudgetEur,
        ParsedStage,
        metrics,
        new PilotEvaluation(EvaluationResults, EvaluationImpact, EvaluationLearnings, EvaluationRecommendation),
        CreatedAt,
        UpdatedAt,
        Version);
}

internal sealed class PilotTeamRow
{
    public Guid PilotId { get; init; }
    public Guid MemberId { get; init; }
    public string? Role { get; init; }
}

internal sealed class PilotMetricRow
{
    public Guid Id { get; init; }
    public Guid PilotId { get; init; }
    public string Name { get; init; } = "";
    public string? Unit { get; init; }
    public decimal? Baseline { get; init; }
    public decimal? Target { get; init; }
    public decimal? Actual { get; init; }
}

/// <summary>One move in a pilot's history, as stored in <c>pilot_transitions</c>.</summary>
internal sealed class PilotTransitionRow
{
    public int Seq { get; init; }
    public DateTimeOffset At { get; init; }
    public string? ActorId { get; init; }
    public string? ActorName { get; init; }
    public string FromStage { get; init; } = "";
    public string ToStage { get; init; } = "";
    public string? Note { get; init; }
}
