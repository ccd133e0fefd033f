
namespace CommunityHub.Api.Features.Partnerships.Reviews;

public sealed class PartnershipReviewInputValidator : AbstractValidator<PartnershipReviewInput>
{
    public const int MaxGoalProgress = PartnershipInputValidator.MaxGoals;

    public PartnershipReviewInputValidator(TimeProvider clock)
    {
        RuleFor(r => r.ReviewedOn).Cascade(CascadeMode.Stop).NotNull().WithMessage(_ => Texts.Get("review.reviewedOnRequired"))
            .Must(d => d <= PartnershipDates.Today(clock)).WithMessage(_ => Texts.Get("review.future"));
        RuleFor(r => r.Summary).NotEmpty().MaximumLength(4000);
        RuleFor(r => r.NextSteps).MaximumLength(4000);
        RuleFor(r => r.GoalProgress).ItemCount(max: MaxGoalProgress).WithMessage(_ => Texts.Get("partnership.goalsMax", MaxGoalProgress));
        RuleForEach(r => r.GoalProgress).NotNull().WithMessage(_ => Texts.Get("review.entryNull"));
        RuleForEach(r => r.GoalProgress).ChildRules(progress =>
        {
            progress.RuleFor(x => x.GoalId).NotNull().WithMessage(_ => Texts.Get("review.entryGoal"));
            progress.RuleFor(x => x.Progress).Cascade(CascadeMode.Stop).NotNull().InclusiveBetween(0, 100).WithMessage(_ => Texts.Get("review.progress"));
            progress.RuleFor(x => x.Comment).MaximumLength(1000);
        });
        RuleFor(r => r.GoalProgress).Described(() => Texts.Get("review.goalDuplicate"), (entries, context, message) =>
            PartnershipInputValidator.Duplicates(entries?.Select(x => x?.GoalId), context, "goalProgress", "goalId", message));
    }
}

/// <summary>Records a review of a partnership and moves its nextReviewDue; honours If-Match on the partnership's version.</summary>
public sealed record CreatePartnershipReviewCommand(Guid PartnershipId, PartnershipReviewInput Input, long? ExpectedVersion)
    : IRequest<PartnershipReviewResponse>;

public sealed class CreatePartnershipReviewHandler(Db db, ChangeLog changes, PartnershipDocuments documents, TimeProvider clock, ICurrentUser user)
    : IRequestHandler<CreatePartnershipReviewCommand, PartnershipReviewResponse>
{
    public async Task<PartnershipReviewResponse> Handle(CreatePartnershipReviewCommand request, CancellationToken ct)
    {
        await using var scope = await db.BeginWriteAsync(ct);
        var partnership = await PartnershipData.GetForWriteAsync(scope, request.PartnershipId, user, request.ExpectedVersion, ct);
        if (partnership.StatusValue == PartnershipStatus.Cancelled)
        {
            throw new ConflictException(
                Texts.Get("review.cancelled"),
                new Dictionary<string, object?> { ["currentStatus"] = partnership.Status });
        }

        var input = request.Input;
        var entries = input.GoalProgress ?? [];
        var goals = await PartnershipGoals.IdsAsync(scope, request.PartnershipId, ct);
        FieldValidationException.ThrowForEntries(
            entries,
            entry => !goals.Contains(entry.GoalId!.Value),
            index => $"goalProgress[{index}].goalId",
            entry => Texts.Get("review.unknownGoal", entry.GoalId));

        var now = clock.GetUtcNow();
        var id = Guid.CreateVersion7(now);
        await scope.Connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO partnership_reviews (id, partnership_id, reviewed_on, summary, next_steps, reviewed_by, reviewed_by_id, created_at, updated_at, version)
            VALUES (@Id, @PartnershipId, @ReviewedOn, @Summary, @NextSteps, @ReviewedBy, @ReviewedById, @Now, @Now, 1)
            """,
            new
            {
                Id = id,
                request.PartnershipId,
                ReviewedOn = input.ReviewedOn!.Value,
                Summary = input.Summary!.Trim(),
                input.NextSteps,
                ReviewedBy = user.DisplayName,
                // The id lets erasing this user's personal data find the name copied here (ErasePersonalData).
                ReviewedById = user.Subject,
                Now = now,
            },
            scope.Transaction,
            cancellationToken: ct));
        if (entries.Count > 0)
        {
            await scope.Connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO partnership_review_goals (review_id, goal_id, progress, comment, position)
                VALUES (@ReviewId, @GoalId, @Progress, @Comment, @Position)
                """,
                entries.Select((e, i) => new { ReviewId = id, GoalId = e.GoalId!.Value, Progress = e.Progress!.Value, e.Comment, Position = i }).ToList(),
                scope.Transaction,
                cancellationToken: ct));
        }

        // The latest review counts, so a back-dated review entered late does not pull the due date backwards.
        var latest = await PartnershipData.LatestReviewAsync(scope, request.PartnershipId, ct);
        var version = partnership.Version + 1;
        var updated = await scope.Connection.ExecuteAsync(new CommandDefinition(
            "UPDATE partnerships SET next_review_due = @NextReviewDue, updated_at = @Now, version = @Version WHERE id = @Id AND version = @Version - 1",
            new
            {
                Id = request.PartnershipId,
                NextReviewDue = PartnershipDates.NextReviewDue(partnership.StartsOn, partnership.ReviewIntervalMonths, latest),
                Now = now,
                Version = version,
            },
            scope.Transaction,
            cancellationToken: ct));
        PreconditionFailedException.ThrowIfNoneChanged(updated, partnership.Version);
        await changes.RecordAsync(scope, PartnershipData.Type, request.PartnershipId, ChangeOp.Update, version, partnership.MunicipalityCode, ct);
        documents.RenderAfterCommit(scope, request.PartnershipId);
        var review = (await ReviewData.ReadAsync(scope.Connection, scope.Transaction, "r.id = @Id", new { Id = id }, ct)).Single();
        await scope.CommitAsync(ct);
        return review;
    }
}
