using CommunityHub.Api.Infrastructure.Time;

namespace CommunityHub.Api.Features.Pilots;

/// <summary>
/// What the pilots handlers share: the rows, the column list, reading back, and what create, update and transition
/// share (column values, reference checks, team and metric rows, access).
/// </summary>
public static class PilotData
{
    public static readonly EntityType Type = new("pilots", InFeed: true);

    public const string Columns =
        "p.id, p.title, p.theme, p.problem, p.hypothesis, p.municipality_code, p.partnership_id, p.owner_member_id, " +
        "p.planned_start, p.planned_end, p.started_on, p.ended_on, p.budget_eur, p.stage, p.evaluation_results, " +
        "p.evaluation_impact, p.evaluation_learnings, p.evaluation_recommendation, p.created_at, p.updated_at, p.version";

    /// <summary>Team rows (pilot id, member id, role) of the pilots whose ids are in <c>@Ids</c> (a JSON array), by pilot, then position.</summary>
    private static string TeamSql(SqlDialect dialect) =>
        $"SELECT pilot_id, member_id, role FROM pilot_team WHERE pilot_id IN ({dialect.IdsFromJson("@Ids")}) ORDER BY pilot_id, position";

    /// <summary>The live pilot, or 404. Municipality-bound API keys see only their municipality's pilots.</summary>
    internal static async Task<PilotRow> GetOrThrowAsync(DbConnection connection, DbTransaction? tx, Guid id, string? municipalityScope, CancellationToken ct) =>
        await connection.QuerySingleOrDefaultAsync<PilotRow>(new CommandDefinition(
            $"SELECT {Columns} FROM pilots p WHERE p.id = @Id AND p.deleted_at IS NULL AND (@Scope IS NULL OR p.municipality_code = @Scope)",
            new { Id = id, Scope = municipalityScope },
            tx,
            cancellationToken: ct)) ?? throw new NotFoundException("Pilot", id);

    /// <summary>
    /// Adds team and metrics to a page of rows: two queries whatever the page size, each with one parameter holding the
    /// ids as a JSON array (Dapper's <c>IN @Ids</c> would bind one parameter per id, and Microsoft.Data.Sqlite looks
    /// each name up by scanning).
    /// </summary>
    internal static async Task<IReadOnlyList<PilotResponse>> WithDetailsAsync(
        SqlDialect dialect, DbConnection connection, DbTransaction? tx, IReadOnlyList<PilotRow> rows, CancellationToken ct)
    {
        if (rows.Count == 0)
        {
            return [];
        }
        var ids = new { Ids = SqlDialect.IdsJson(rows.Select(r => r.Id)) };
        var team = (await connection.QueryAsync<PilotTeamRow>(new CommandDefinition(TeamSql(dialect), ids, tx, cancellationToken: ct)))
            .ToLookup(t => t.PilotId, t => new PilotTeamMember(t.MemberId, t.Role));
        var metrics = (await connection.QueryAsync<PilotMetricRow>(new CommandDefinition(
                $"""
                SELECT id, pilot_id, name, unit, baseline, target, actual FROM pilot_metrics
                WHERE pilot_id IN ({dialect.IdsFromJson("@Ids")}) ORDER BY pilot_id, position
                """,
                ids, tx, cancellationToken: ct)))
            .ToLookup(m => m.PilotId, m => new PilotMetric(m.Id, m.Name, m.Unit, m.Baseline, m.Target, m.Actual));
        var responses = new PilotResponse[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            responses[i] = rows[i].ToResponse([.. team[rows[i].Id]], [.. metrics[rows[i].Id]]);
        }
        return responses;
    }

    internal static async Task<PilotResponse> ReadBackAsync(WriteScope scope, Guid id, CancellationToken ct)
    {
        var row = await GetOrThrowAsync(scope.Connection, scope.Transaction, id, null, ct);
        return (await WithDetailsAsync(scope.Dialect, scope.Connection, scope.Transaction, [row], ct))[0];
    }

    /// <summary>Today's date in Finland: the date a transition fills into startedOn / endedOn.</summary>
    internal static DateOnly Today(TimeProvider clock) => Helsinki.Today(clock);

    /// <summary>The live pilot a write changes, if this user may edit it and it is still at the version the client read (else 404, 403, 412).</summary>
    internal static async Task<PilotRow> GetForEditAsync(WriteScope scope, Guid id, ICurrentUser user, long? expectedVersion, CancellationToken ct)
    {
        var current = await GetOrThrowAsync(scope.Connection, scope.Transaction, id, null, ct);
        EnsureCanEdit(user, current.OwnerMemberId);
        PreconditionFailedException.ThrowIfStale(expectedVersion, current.Version);
        return current;
    }

    /// <summary>Staff edit every pilot; a member editor only pilots its own member owns (before and after the edit).</summary>
    internal static void EnsureCanEdit(ICurrentUser user, Guid ownerMemberId)
    {
        if (!user.IsStaff() && !(user.Role == Role.MemberEditor && user.MemberId == ownerMemberId))
        {
            throw new ForbiddenException(Texts.Get("pilot.forbidden"));
        }
    }

    /// <summary>The column values create and update both write.</summary>
    internal static object ColumnValues(Guid id, PilotInput input, PilotStage stage, long version, DateTimeOffset now) => new
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
    internal static async Task EnsureReferencesAsync(WriteScope scope, PilotInput input, CancellationToken ct)
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
            errors["ownerMemberId"] = [Texts.Get("unknown.member")];
        }
        var team = input.Team ?? [];
        for (var i = 0; i < team.Count; i++)
        {
            if (!liveMembers.Contains(team[i].MemberId!.Value))
            {
                errors[$"team[{i}].memberId"] = [Texts.Get("unknown.member")];
            }
        }
        if (input.PartnershipId is { } partnershipId)
        {
            var exists = await scope.Connection.ExecuteScalarAsync<int>(new CommandDefinition(
                "SELECT COUNT(*) FROM partnerships WHERE id = @Id AND deleted_at IS NULL", new { Id = partnershipId }, scope.Transaction, cancellationToken: ct));
            if (exists == 0)
            {
                errors["partnershipId"] = [Texts.Get("unknown.partnership")];
            }
        }
        if (errors.Count > 0)
        {
            throw new FieldValidationException(errors);
        }
    }

    internal static async Task ReplaceTeamAsync(WriteScope scope, Guid pilotId, IReadOnlyList<PilotTeamInput>? team, CancellationToken ct)
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
    internal static async Task SyncMetricsAsync(WriteScope scope, Guid pilotId, IReadOnlyList<PilotMetricInput>? metrics, bool isNew, DateTimeOffset now, CancellationToken ct)
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
                errors[$"metrics[{i}].id"] = [Texts.Get("pilot.unknownMetric")];
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
}
