
namespace CommunityHub.Api.Features.Partnerships;

/// <summary>A partnership's goals as create, update and reviews write and check them.</summary>
internal static class PartnershipGoals
{
    /// <summary>The ids of the partnership's goals.</summary>
    internal static async Task<HashSet<Guid>> IdsAsync(WriteScope scope, Guid id, CancellationToken ct) =>
        (await scope.Connection.QueryAsync<Guid>(new CommandDefinition(
            "SELECT id FROM partnership_goals WHERE partnership_id = @Id", new { Id = id }, scope.Transaction, cancellationToken: ct))).ToHashSet();

    /// <summary>
    /// Goals sent with an id keep it (an id that is not one of this partnership's goals is a 400); goals without one
    /// are new; goals left out are removed, unless a review records progress on them (409: the review would lose it).
    /// </summary>
    internal static async Task SaveAsync(WriteScope scope, Guid id, IReadOnlyList<GoalInput> goals, DateTimeOffset now, CancellationToken ct)
    {
        var current = (await scope.Connection.QueryAsync<(string Id, string Title)>(new CommandDefinition(
                "SELECT id, title FROM partnership_goals WHERE partnership_id = @Id", new { Id = id }, scope.Transaction, cancellationToken: ct)))
            .ToDictionary(g => Guid.Parse(g.Id), g => g.Title);
        FieldValidationException.ThrowForEntries(
            goals,
            goal => goal.Id is { } goalId && !current.ContainsKey(goalId),
            index => $"goals[{index}].id",
            goal => Texts.Get("partnership.unknownGoal", goal.Id));

        var removed = current.Keys.Except(goals.Where(g => g.Id is not null).Select(g => g.Id!.Value)).Select(g => g.ToString()).ToList();
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
                    Texts.Get("partnership.goalsReviewed"),
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
        // A review shows each goal's current title (goalTitle), so renaming a goal changes the reviews that record
        // progress on it: they get a new version, or a GET with the old ETag would answer 304 and keep the old title.
        var renamed = updates.Where(g => !string.Equals(current[g.Id], g.Title, StringComparison.Ordinal)).Select(g => g.Id.ToString()).ToList();
        if (renamed.Count > 0)
        {
            await scope.Connection.ExecuteAsync(new CommandDefinition(
                """
                UPDATE partnership_reviews SET version = version + 1, updated_at = @Now
                WHERE id IN (SELECT rg.review_id FROM partnership_review_goals rg WHERE rg.goal_id IN @Ids)
                """,
                new { Ids = renamed, Now = now },
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
