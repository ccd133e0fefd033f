using CommunityHub.Api.Infrastructure.Data;
using CommunityHub.Api.Infrastructure.Http;
using Dapper;

namespace CommunityHub.Api.Features.Partnerships;

/// <summary>The column values, parties and goals that create and update both write.</summary>
internal static class PartnershipWrites
{
    public static object Columns(Guid id, PartnershipInput input, DateOnly? nextReviewDue, long version, DateTimeOffset now) => new
    {
        Id = id,
        Title = input.Title!.Trim(),
        TitleSearch = FinnishText.SearchKey(input.Title),
        input.Description,
        input.MunicipalityCode,
        ServiceArea = EnumText.Name(input.ServiceArea!.Value),
        input.StartsOn,
        input.EndsOn,
        input.AgreementRef,
        input.ReviewIntervalMonths,
        NextReviewDue = nextReviewDue,
        Version = version,
        Now = now,
    };

    /// <summary>Every party must be an existing (not archived) member: a missing one is a 400 naming <c>parties[i].memberId</c>.</summary>
    public static async Task EnsureMembersExistAsync(WriteScope scope, IReadOnlyList<PartyInput> parties, CancellationToken ct)
    {
        var existing = (await scope.Connection.QueryAsync<Guid>(new CommandDefinition(
                "SELECT id FROM members WHERE id IN @Ids AND deleted_at IS NULL",
                new { Ids = parties.Select(p => p.MemberId!.Value.ToString()).ToList() },
                scope.Transaction,
                cancellationToken: ct)))
            .ToHashSet();
        var errors = parties
            .Select((party, index) => (party, index))
            .Where(x => !existing.Contains(x.party.MemberId!.Value))
            .ToDictionary(x => $"parties[{x.index}].memberId", x => new[] { $"Member '{x.party.MemberId}' does not exist." });
        if (errors.Count > 0)
        {
            throw new FieldValidationException(errors);
        }
    }

    public static async Task ReplacePartiesAsync(WriteScope scope, Guid id, IReadOnlyList<PartyInput> parties, CancellationToken ct)
    {
        await scope.Connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM partnership_parties WHERE partnership_id = @Id", new { Id = id }, scope.Transaction, cancellationToken: ct));
        await scope.Connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO partnership_parties (partnership_id, member_id, role, responsibilities, position)
            VALUES (@PartnershipId, @MemberId, @Role, @Responsibilities, @Position)
            """,
            parties.Select((p, i) => new
            {
                PartnershipId = id,
                MemberId = p.MemberId!.Value,
                Role = EnumText.Name(p.Role!.Value),
                p.Responsibilities,
                Position = i,
            }).ToList(),
            scope.Transaction,
            cancellationToken: ct));
    }

    /// <summary>
    /// Goals sent with an id keep it (an id that is not one of this partnership's goals is a 400); goals without one
    /// are new; goals left out are removed, unless a review records progress on them (409: the review would lose it).
    /// </summary>
    public static async Task SaveGoalsAsync(WriteScope scope, Guid id, IReadOnlyList<GoalInput> goals, DateTimeOffset now, CancellationToken ct)
    {
        var current = (await scope.Connection.QueryAsync<Guid>(new CommandDefinition(
            "SELECT id FROM partnership_goals WHERE partnership_id = @Id", new { Id = id }, scope.Transaction, cancellationToken: ct))).ToHashSet();
        var unknown = goals
            .Select((goal, index) => (goal, index))
            .Where(x => x.goal.Id is { } goalId && !current.Contains(goalId))
            .ToDictionary(x => $"goals[{x.index}].id", x => new[] { $"Goal '{x.goal.Id}' is not a goal of this partnership; leave id out for a new goal." });
        if (unknown.Count > 0)
        {
            throw new FieldValidationException(unknown);
        }

        var removed = current.Except(goals.Where(g => g.Id is not null).Select(g => g.Id!.Value)).Select(g => g.ToString()).ToList();
        if (removed.Count > 0)
        {
            var reviewed = (await scope.Connection.QueryAsync<Guid>(new CommandDefinition(
                "SELECT DISTINCT goal_id FROM partnership_review_goals WHERE goal_id IN @Ids",
                new { Ids = removed },
                scope.Transaction,
                cancellationToken: ct))).ToList();
            if (reviewed.Count > 0)
            {
                throw new ConflictException(
                    "Reviews record progress on goals this update would remove; keep them (with their id) in goals.",
                    new Dictionary<string, object?> { ["goalIds"] = reviewed });
            }
            await scope.Connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM partnership_goals WHERE id IN @Ids", new { Ids = removed }, scope.Transaction, cancellationToken: ct));
        }

        var rows = goals.Select((g, i) => new
        {
            Id = g.Id ?? Guid.CreateVersion7(now),
            PartnershipId = id,
            Title = g.Title!.Trim(),
            g.Indicator,
            g.Target,
            Position = i,
            IsNew = g.Id is null,
        }).ToList();
        var updates = rows.Where(r => !r.IsNew).ToList();
        if (updates.Count > 0)
        {
            await scope.Connection.ExecuteAsync(new CommandDefinition(
                "UPDATE partnership_goals SET title = @Title, indicator = @Indicator, target = @Target, position = @Position WHERE id = @Id",
                updates,
                scope.Transaction,
                cancellationToken: ct));
        }
        var inserts = rows.Where(r => r.IsNew).ToList();
        if (inserts.Count > 0)
        {
            await scope.Connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO partnership_goals (id, partnership_id, title, indicator, target, position)
                VALUES (@Id, @PartnershipId, @Title, @Indicator, @Target, @Position)
                """,
                inserts,
                scope.Transaction,
                cancellationToken: ct));
        }
    }
}
