using System.Data.Common;
using System.Globalization;
using CommunityHub.Api.Infrastructure.Data;
using CommunityHub.Api.Infrastructure.Http;
using CommunityHub.Api.Infrastructure.Security;
using Dapper;
using FluentValidation;
using MediatR;

namespace CommunityHub.Api.Features.Partnerships;

// Reviews are the periodic follow-up of a partnership: progress per goal and the next steps. Recording one moves
// the partnership's nextReviewDue (latest review + interval), so it is also a write of the partnership itself.

public sealed class PartnershipReviewInputValidator : AbstractValidator<PartnershipReviewInput>
{
    public const int MaxGoalProgress = PartnershipInputValidator.MaxGoals;

    public PartnershipReviewInputValidator(TimeProvider clock)
    {
        RuleFor(r => r.ReviewedOn).Cascade(CascadeMode.Stop).NotNull().WithMessage("reviewedOn is required (YYYY-MM-DD).")
            .Must(d => d <= PartnershipDates.Today(clock)).WithMessage("A review cannot be dated in the future.");
        RuleFor(r => r.Summary).NotEmpty().MaximumLength(4000);
        RuleFor(r => r.NextSteps).MaximumLength(4000);
        RuleFor(r => r.GoalProgress).Must(g => g is null || g.Count <= MaxGoalProgress).WithMessage($"At most {MaxGoalProgress} goals.");
        RuleForEach(r => r.GoalProgress).NotNull().WithMessage("A goal progress entry cannot be null.");
        RuleForEach(r => r.GoalProgress).ChildRules(progress =>
        {
            progress.RuleFor(x => x.GoalId).NotNull().WithMessage("Each entry names a goal of this partnership (goalId).");
            progress.RuleFor(x => x.Progress).Cascade(CascadeMode.Stop).NotNull().InclusiveBetween(0, 100).WithMessage("Progress is a percentage from 0 to 100.");
            progress.RuleFor(x => x.Comment).MaximumLength(1000);
        });
        RuleFor(r => r.GoalProgress).Custom((entries, context) => PartnershipInputValidator.Duplicates(
            entries?.Select(x => x?.GoalId), context, "goalProgress", "goalId", "Each goal appears at most once in a review."));
    }
}

public sealed record CreatePartnershipReviewCommand(Guid PartnershipId, PartnershipReviewInput Input, long? ExpectedVersion)
    : IRequest<PartnershipReviewResponse>;

public sealed class CreatePartnershipReviewHandler(Db db, ChangeLog changes, TimeProvider clock, ICurrentUser user)
    : IRequestHandler<CreatePartnershipReviewCommand, PartnershipReviewResponse>
{
    public async Task<PartnershipReviewResponse> Handle(CreatePartnershipReviewCommand request, CancellationToken ct)
    {
        await using var scope = await db.BeginWriteAsync(ct);
        var partnership = await PartnershipRow.GetAsync(scope.Connection, scope.Transaction, request.PartnershipId, user, ct);
        if (request.ExpectedVersion is { } expected && expected != partnership.Version)
        {
            throw new PreconditionFailedException(partnership.Version);
        }
        if (partnership.StatusValue == PartnershipStatus.Cancelled)
        {
            throw new ConflictException(
                "The partnership was cancelled: there is nothing left to review.",
                new Dictionary<string, object?> { ["currentStatus"] = partnership.Status });
        }

        var input = request.Input;
        var entries = input.GoalProgress ?? [];
        var goals = (await scope.Connection.QueryAsync<Guid>(new CommandDefinition(
            "SELECT id FROM partnership_goals WHERE partnership_id = @Id", new { Id = request.PartnershipId }, scope.Transaction, cancellationToken: ct)))
            .ToHashSet();
        var unknown = entries
            .Select((entry, index) => (entry, index))
            .Where(x => !goals.Contains(x.entry.GoalId!.Value))
            .ToDictionary(x => $"goalProgress[{x.index}].goalId", x => new[] { $"Goal '{x.entry.GoalId}' is not a goal of this partnership." });
        if (unknown.Count > 0)
        {
            throw new FieldValidationException(unknown);
        }

        var now = clock.GetUtcNow();
        var id = Guid.CreateVersion7(now);
        await scope.Connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO partnership_reviews (id, partnership_id, reviewed_on, summary, next_steps, reviewed_by, created_at, updated_at, version)
            VALUES (@Id, @PartnershipId, @ReviewedOn, @Summary, @NextSteps, @ReviewedBy, @Now, @Now, 1)
            """,
            new
            {
                Id = id,
                request.PartnershipId,
                ReviewedOn = input.ReviewedOn!.Value,
                Summary = input.Summary!.Trim(),
                input.NextSteps,
                ReviewedBy = user.DisplayName,
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
        var latest = await scope.Connection.ExecuteScalarAsync<DateOnly?>(new CommandDefinition(
            "SELECT MAX(reviewed_on) FROM partnership_reviews WHERE partnership_id = @Id",
            new { Id = request.PartnershipId },
            scope.Transaction,
            cancellationToken: ct));
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
        if (updated == 0)
        {
            throw new PreconditionFailedException(partnership.Version);
        }
        await changes.RecordAsync(scope, PartnershipData.Type, request.PartnershipId, ChangeOp.Update, version, partnership.MunicipalityCode, ct);
        var review = (await ReviewRow.ReadAsync(scope.Connection, scope.Transaction, "r.id = @Id", new { Id = id }, ct)).Single();
        await scope.CommitAsync(ct);
        return review;
    }
}

public sealed record ListPartnershipReviewsQuery(Guid PartnershipId, int? Limit, string? Cursor) : IRequest<PartnershipReviewPage>;

public sealed class ListPartnershipReviewsValidator : AbstractValidator<ListPartnershipReviewsQuery>
{
    public const string CursorKind = "partnership-reviews";

    public ListPartnershipReviewsValidator() => this.PagingRules(q => q.Limit, q => q.Cursor, CursorKind, 2);
}

/// <summary>A partnership's reviews by review date (then id), keyset paged.</summary>
public sealed class ListPartnershipReviewsHandler(Db db, ICurrentUser user) : IRequestHandler<ListPartnershipReviewsQuery, PartnershipReviewPage>
{
    public async Task<PartnershipReviewPage> Handle(ListPartnershipReviewsQuery request, CancellationToken ct)
    {
        var take = request.Limit ?? Paging.DefaultLimit;
        DateOnly? afterDate = null;
        string? afterId = null;
        if (request.Cursor is not null)
        {
            var keys = Cursor.Decode(request.Cursor, ListPartnershipReviewsValidator.CursorKind, 2);
            afterDate = DateOnly.TryParseExact(keys[0], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                ? date
                : throw new FieldValidationException("cursor", "The cursor is not valid for this list. Start again without a cursor.");
            afterId = keys[1];
        }
        await using var connection = await db.OpenAsync(ct);
        await PartnershipRow.GetAsync(connection, null, request.PartnershipId, user, ct);
        var rows = await ReviewRow.ReadAsync(
            connection,
            null,
            $"""
            r.partnership_id = @PartnershipId
            AND (@AfterId IS NULL OR r.reviewed_on > @AfterDate OR (r.reviewed_on = @AfterDate AND r.id > @AfterId))
            ORDER BY r.reviewed_on, r.id {db.Dialect.Limit("@Take")}
            """,
            new { request.PartnershipId, AfterDate = afterDate, AfterId = afterId, Take = take + 1 },
            ct);
        var page = rows.Take(take).ToList();
        var next = rows.Count > take
            ? Cursor.Encode(ListPartnershipReviewsValidator.CursorKind, page[^1].ReviewedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), page[^1].Id.ToString())
            : null;
        return new PartnershipReviewPage(page, next);
    }
}

public sealed record GetPartnershipReviewQuery(Guid PartnershipId, Guid ReviewId) : IRequest<PartnershipReviewResponse>;

public sealed class GetPartnershipReviewHandler(Db db, ICurrentUser user) : IRequestHandler<GetPartnershipReviewQuery, PartnershipReviewResponse>
{
    public async Task<PartnershipReviewResponse> Handle(GetPartnershipReviewQuery request, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        await PartnershipRow.GetAsync(connection, null, request.PartnershipId, user, ct);
        var rows = await ReviewRow.ReadAsync(
            connection, null, "r.id = @ReviewId AND r.partnership_id = @PartnershipId", new { request.ReviewId, request.PartnershipId }, ct);
        return rows.Count == 1 ? rows[0] : throw new NotFoundException("Review", request.ReviewId);
    }
}

internal sealed class ReviewRow
{
    public Guid Id { get; init; }
    public Guid PartnershipId { get; init; }
    public DateOnly ReviewedOn { get; init; }
    public string Summary { get; init; } = "";
    public string? NextSteps { get; init; }
    public string? ReviewedBy { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public long Version { get; init; }

    /// <summary>Reviews matching <paramref name="where"/> (which may end in ORDER BY / a limit), with their goal progress.</summary>
    public static async Task<IReadOnlyList<PartnershipReviewResponse>> ReadAsync(
        DbConnection connection, DbTransaction? tx, string where, object parameters, CancellationToken ct)
    {
        var rows = (await connection.QueryAsync<ReviewRow>(new CommandDefinition(
            $"""
            SELECT r.id, r.partnership_id, r.reviewed_on, r.summary, r.next_steps, r.reviewed_by, r.created_at, r.updated_at, r.version
            FROM partnership_reviews r WHERE {where}
            """,
            parameters,
            tx,
            cancellationToken: ct))).ToList();
        if (rows.Count == 0)
        {
            return [];
        }
        var progress = (await connection.QueryAsync<ProgressRow>(new CommandDefinition(
                """
                SELECT rg.review_id, rg.goal_id, g.title AS goal_title, rg.progress, rg.comment
                FROM partnership_review_goals rg JOIN partnership_goals g ON g.id = rg.goal_id
                WHERE rg.review_id IN @Ids ORDER BY rg.review_id, rg.position
                """,
                new { Ids = rows.Select(r => r.Id.ToString()).ToList() },
                tx,
                cancellationToken: ct)))
            .ToLookup(p => p.ReviewId, p => new GoalProgressResponse(p.GoalId, p.GoalTitle, p.Progress, p.Comment));
        return rows.Select(r => new PartnershipReviewResponse(
            r.Id, r.PartnershipId, r.ReviewedOn, r.Summary, progress[r.Id].ToList(), r.NextSteps, r.ReviewedBy, r.CreatedAt, r.UpdatedAt, r.Version)).ToList();
    }

    private sealed class ProgressRow
    {
        public Guid ReviewId { get; init; }
        public Guid GoalId { get; init; }
        public string GoalTitle { get; init; } = "";
        public int Progress { get; init; }
        public string? Comment { get; init; }
    }
}
