
namespace CommunityHub.Api.Features.Partnerships;

/// <summary>
/// Replaces a partnership's content. Status is not changed here (transitions only); an ended or cancelled
/// partnership is a record of what was agreed and cannot be edited (409).
/// </summary>
public sealed record UpdatePartnershipCommand(Guid Id, PartnershipInput Input, long? ExpectedVersion) : IRequest<PartnershipResponse>;

public sealed class UpdatePartnershipHandler(Db db, ChangeLog changes, PartnershipDocuments documents, TimeProvider clock, ICurrentUser user)
    : IRequestHandler<UpdatePartnershipCommand, PartnershipResponse>
{
    public async Task<PartnershipResponse> Handle(UpdatePartnershipCommand request, CancellationToken ct)
    {
        await using var scope = await db.BeginWriteAsync(ct);
        var current = await PartnershipData.GetForWriteAsync(scope, request.Id, user, request.ExpectedVersion, ct);
        if (PartnershipLifecycle.IsFinal(current.StatusValue))
        {
            throw new ConflictException(
                Texts.Get("partnership.final", EnumText.Label(current.StatusValue)),
                new Dictionary<string, object?> { ["currentStatus"] = current.Status });
        }

        var input = request.Input;
        var now = clock.GetUtcNow();
        await PartnershipData.EnsureMembersExistAsync(scope, input.Parties!, ct);
        var latestReview = await PartnershipData.LatestReviewAsync(scope, request.Id, ct);
        var nextReviewDue = PartnershipDates.NextReviewDue(input.StartsOn, input.ReviewIntervalMonths, latestReview);
        var version = current.Version + 1;
        var updated = await scope.Connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE partnerships SET title = @Title, title_search = @TitleSearch, description = @Description,
                municipality_code = @MunicipalityCode, service_area = @ServiceArea, starts_on = @StartsOn, ends_on = @EndsOn,
                agreement_ref = @AgreementRef, review_interval_months = @ReviewIntervalMonths, next_review_due = @NextReviewDue,
                updated_at = @Now, version = @Version
            WHERE id = @Id AND version = @Version - 1
            """,
            PartnershipData.ColumnValues(request.Id, input, nextReviewDue, version, now),
            scope.Transaction,
            cancellationToken: ct));
        PreconditionFailedException.ThrowIfNoneChanged(updated, current.Version);
        await PartnershipData.ReplacePartiesAsync(scope, request.Id, input.Parties!, ct);
        await PartnershipGoals.SaveAsync(scope, request.Id, input.Goals ?? [], now, ct);
        await changes.RecordAsync(scope, PartnershipData.Type, request.Id, ChangeOp.Update, version, input.MunicipalityCode, ct);
        documents.RenderAfterCommit(scope, request.Id);
        var result = await PartnershipData.ReadBackAsync(scope, request.Id, ct);
        await scope.CommitAsync(ct);
        return result;
    }
}
