using System.Data.Common;
using CommunityHub.Api.Infrastructure.Http;
using Dapper;

namespace CommunityHub.Api.Features.Pilots;

/// <summary>The pilot row as stored, shared by the handlers that read pilots back, with its team and metrics.</summary>
internal sealed class PilotRow
{
    public const string Columns =
        "p.id, p.title, p.theme, p.problem, p.hypothesis, p.municipality_code, p.partnership_id, p.owner_member_id, " +
        "p.planned_start, p.planned_end, p.started_on, p.ended_on, p.budget_eur, p.stage, p.evaluation_results, " +
        "p.evaluation_impact, p.evaluation_learnings, p.evaluation_recommendation, p.created_at, p.updated_at, p.version";

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

    /// <summary>The live pilot, or 404. Municipality-bound API keys see only their municipality's pilots.</summary>
    public static async Task<PilotRow> GetAsync(DbConnection connection, DbTransaction? tx, Guid id, string? municipalityScope, CancellationToken ct) =>
        await connection.QuerySingleOrDefaultAsync<PilotRow>(new CommandDefinition(
            $"SELECT {Columns} FROM pilots p WHERE p.id = @Id AND p.deleted_at IS NULL AND (@Scope IS NULL OR p.municipality_code = @Scope)",
            new { Id = id, Scope = municipalityScope },
            tx,
            cancellationToken: ct)) ?? throw new NotFoundException("Pilot", id);

    public static async Task<IReadOnlyList<PilotResponse>> ToResponsesAsync(
        DbConnection connection, DbTransaction? tx, IReadOnlyList<PilotRow> rows, CancellationToken ct)
    {
        if (rows.Count == 0)
        {
            return [];
        }
        var ids = new { Ids = rows.Select(r => r.Id.ToString()).ToList() };
        var team = (await connection.QueryAsync<TeamRow>(new CommandDefinition(
                "SELECT pilot_id, member_id, role FROM pilot_team WHERE pilot_id IN @Ids ORDER BY pilot_id, position", ids, tx, cancellationToken: ct)))
            .ToLookup(t => t.PilotId, t => new PilotTeamMember(t.MemberId, t.Role));
        var metrics = (await connection.QueryAsync<MetricRow>(new CommandDefinition(
                "SELECT id, pilot_id, name, unit, baseline, target, actual FROM pilot_metrics WHERE pilot_id IN @Ids ORDER BY pilot_id, position",
                ids, tx, cancellationToken: ct)))
            .ToLookup(m => m.PilotId, m => new PilotMetric(m.Id, m.Name, m.Unit, m.Baseline, m.Target, m.Actual));
        return rows.Select(r => r.ToResponse(team[r.Id].ToList(), metrics[r.Id].ToList())).ToList();
    }

    private PilotResponse ToResponse(IReadOnlyList<PilotTeamMember> team, IReadOnlyList<PilotMetric> metrics) => new(
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

    private sealed class TeamRow
    {
        public Guid PilotId { get; init; }
        public Guid MemberId { get; init; }
        public string? Role { get; init; }
    }

    private sealed class MetricRow
    {
        public Guid Id { get; init; }
        public Guid PilotId { get; init; }
        public string Name { get; init; } = "";
        public string? Unit { get; init; }
        public decimal? Baseline { get; init; }
        public decimal? Target { get; init; }
        public decimal? Actual { get; init; }
    }
}
