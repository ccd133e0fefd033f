using CommunityHub.Api.Infrastructure.Data;
using CommunityHub.Api.Infrastructure.Http;
using CommunityHub.Api.Infrastructure.Security;
using Dapper;

namespace CommunityHub.Api.Features.Pilots;

/// <summary>What create, update and transition share: column values, reference checks, team and metric rows, access.</summary>
internal static class PilotWrites
{
    public static DateOnly Today(TimeProvider clock) => PilotStages.FinnishDate(clock.GetUtcNow());

    /// <summary>Staff edit every pilot; a member editor only pilots its own member owns (before and after the edit).</summary>
    public static void EnsureCanEdit(ICurrentUser user, Guid ownerMemberId)
    {
        if (!user.IsStaff() && !(user.Role == Role.MemberEditor && user.MemberId == ownerMemberId))
        {
            throw new ForbiddenException("Only staff, or an editor of the member that owns the pilot, may create or change it.");
        }
    }

    public static object Columns(Guid id, PilotInput input, PilotStage stage, long version, DateTimeOffset now) => new
    {
        Id = id,
        Title = input.Title!.Trim(),
        TitleSearch = FinnishText.SearchKey(input.Title),
        Theme = EnumText.Name(input.Theme!.Value),
        input.Problem,
        input.Hypothesis,
        input.MunicipalityCode,
        input.PartnershipId,
        OwnerMemberId = input.OwnerMemberId!.Value,
        input.PlannedStart,
        input.PlannedEnd,
        input.StartedOn,
        input.EndedOn,
        input.BudgetEur,
        Stage = EnumText.Name(stage),
        EvaluationResults = input.Evaluation?.Results,
        EvaluationImpact = input.Evaluation?.Impact,
        EvaluationLearnings = input.Evaluation?.Learnings,
        EvaluationRecommendation = input.Evaluation?.Recommendation,
        Version = version,
        Now = now,
    };

    /// <summary>Ids inside the body must name live rows; a missing one is a 400 on that field, not a 404.</summary>
    public static async Task EnsureReferencesAsync(WriteScope scope, PilotInput input, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var memberIds = new[] { input.OwnerMemberId!.Value }.Concat((input.Team ?? []).Select(t => t.MemberId!.Value)).Distinct().ToList();
        var liveMembers = (await scope.Connection.QueryAsync<Guid>(new CommandDefinition(
            "SELECT id FROM members WHERE id IN @Ids AND deleted_at IS NULL",
            new { Ids = memberIds.Select(m => m.ToString()).ToList() },
            scope.Transaction,
            cancellationToken: ct))).ToHashSet();
        if (!liveMembers.Contains(input.OwnerMemberId.Value))
        {
            errors["ownerMemberId"] = ["No member has this id."];
        }
        var team = input.Team ?? [];
        for (var i = 0; i < team.Count; i++)
        {
            if (!liveMembers.Contains(team[i].MemberId!.Value))
            {
                errors[$"team[{i}].memberId"] = ["No member has this id."];
            }
        }
        if (input.PartnershipId is { } partnershipId)
        {
            var exists = await scope.Connection.ExecuteScalarAsync<int>(new CommandDefinition(
                "SELECT COUNT(*) FROM partnerships WHERE id = @Id AND deleted_at IS NULL", new { Id = partnershipId }, scope.Transaction, cancellationToken: ct));
            if (exists == 0)
            {
                errors["partnershipId"] = ["No partnership has this id."];
            }
        }
        if (errors.Count > 0)
        {
            throw new FieldValidationException(errors);
        }
    }

    public static async Task ReplaceTeamAsync(WriteScope scope, Guid pilotId, IReadOnlyList<PilotTeamInput>? team, CancellationToken ct)
    {
        await scope.Connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM pilot_team WHERE pilot_id = @Id", new { Id = pilotId }, scope.Transaction, cancellationToken: ct));
        var rows = (team ?? []).Select((t, i) => new { PilotId = pilotId, MemberId = t.MemberId!.Value, Role = t.Role?.Trim(), Position = i }).ToList();
        if (rows.Count > 0)
        {
            await scope.Connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO pilot_team (pilot_id, member_id, role, position) VALUES (@PilotId, @MemberId, @Role, @Position)",
                rows, scope.Transaction, cancellationToken: ct));
        }
    }

    /// <summary>
    /// Metrics sent with an id of this pilot are updated in place, those without one are added with a new id, and
    /// the pilot's metrics left out are removed. An id this pilot does not have is a 400 on that metric.
    /// </summary>
    public static async Task SyncMetricsAsync(WriteScope scope, Guid pilotId, IReadOnlyList<PilotMetricInput>? metrics, bool isNew, DateTimeOffset now, CancellationToken ct)
    {
        var existing = isNew
            ? []
            : (await scope.Connection.QueryAsync<Guid>(new CommandDefinition(
                "SELECT id FROM pilot_metrics WHERE pilot_id = @Id", new { Id = pilotId }, scope.Transaction, cancellationToken: ct))).ToHashSet();
        var list = metrics ?? [];
        var errors = new Dictionary<string, string[]>();
        var rows = new List<object>();
        var kept = new HashSet<Guid>();
        for (var i = 0; i < list.Count; i++)
        {
            var metric = list[i];
            // On create every metric is new: ids copied from another pilot's representation are not reused.
            var id = isNew || metric.Id is null ? Guid.CreateVersion7(now) : metric.Id.Value;
            if (!isNew && metric.Id is not null && !existing.Contains(id))
            {
                errors[$"metrics[{i}].id"] = ["This pilot has no metric with this id. Leave the id out to add a new metric."];
                continue;
            }
            kept.Add(id);
            rows.Add(new
            {
                Id = id,
                PilotId = pilotId,
                Position = i,
                Name = metric.Name!.Trim(),
                Unit = metric.Unit?.Trim(),
                metric.Baseline,
                metric.Target,
                metric.Actual,
            });
        }
        if (errors.Count > 0)
        {
            throw new FieldValidationException(errors);
        }
        var removed = existing.Where(id => !kept.Contains(id)).Select(id => id.ToString()).ToList();
        if (removed.Count > 0)
        {
            await scope.Connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM pilot_metrics WHERE id IN @Ids", new { Ids = removed }, scope.Transaction, cancellationToken: ct));
        }
        foreach (var row in rows)
        {
            var updated = isNew ? 0 : await scope.Connection.ExecuteAsync(new CommandDefinition(
                """
                UPDATE pilot_metrics SET position = @Position, name = @Name, unit = @Unit, baseline = @Baseline, target = @Target, actual = @Actual
                WHERE id = @Id AND pilot_id = @PilotId
                """,
                row, scope.Transaction, cancellationToken: ct));
            if (updated == 0)
            {
                await scope.Connection.ExecuteAsync(new CommandDefinition(
                    """
                    INSERT INTO pilot_metrics (id, pilot_id, position, name, unit, baseline, target, actual)
                    VALUES (@Id, @PilotId, @Position, @Name, @Unit, @Baseline, @Target, @Actual)
                    """,
                    row, scope.Transaction, cancellationToken: ct));
            }
        }
    }

    public static async Task<PilotResponse> ReadBackAsync(WriteScope scope, Guid id, CancellationToken ct)
    {
        var row = await PilotRow.GetAsync(scope.Connection, scope.Transaction, id, null, ct);
        return (await PilotRow.ToResponsesAsync(scope.Connection, scope.Transaction, [row], ct))[0];
    }
}
