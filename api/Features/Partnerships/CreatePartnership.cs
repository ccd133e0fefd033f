
namespace CommunityHub.Api.Features.Partnerships;

/// <summary>Creates a partnership in <c>draft</c>; its status then moves only through transitions.</summary>
public sealed record CreatePartnershipCommand(PartnershipInput Input) : IRequest<PartnershipResponse>;

public sealed class CreatePartnershipHandler(Db db, ChangeLog changes, PartnershipDocuments documents, TimeProvider clock)
    : IRequestHandler<CreatePartnershipCommand, PartnershipResponse>
{
    public async Task<PartnershipResponse> Handle(CreatePartnershipCommand request, CancellationToken ct)
    {
        var input = request.Input;
        var now = clock.GetUtcNow();
        var id = Guid.CreateVersion7(now);
        var nextReviewDue = PartnershipDates.NextReviewDue(input.StartsOn, input.ReviewIntervalMonths, null);

        var parameters = new DynamicParameters(PartnershipData.ColumnValues(id, input, nextReviewDue, 1, now));
        parameters.Add("Status", EnumText.Name(PartnershipStatus.Draft));

        await using var scope = await db.BeginWriteAsync(ct);
        await PartnershipData.EnsureMembersExistAsync(scope, input.Parties!, ct);
        await scope.Connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO partnerships (id, title, title_search, description, municipality_code, service_area, status, starts_on, ends_on,
                agreement_ref, review_interval_months, next_review_due, created_at, updated_at, version)
            VALUES (@Id, @Title, @TitleSearch, @Description, @MunicipalityCode, @ServiceArea, @Status, @StartsOn, @EndsOn,
                @AgreementRef, @ReviewIntervalMonths, @NextReviewDue, @Now, @Now, @Version)
            """,
            parameters,
            scope.Transaction,
            cancellationToken: ct));
        await PartnershipData.ReplacePartiesAsync(scope, id, input.Parties!, ct);
        // A new partnership has no goals yet, so ids copied from elsewhere cannot be kept: every goal is new.
        await PartnershipGoals.SaveAsync(scope, id, (input.Goals ?? []).Select(g => g with { Id = null }).ToList(), now, ct);
        await changes.RecordAsync(scope, PartnershipData.Type, id, ChangeOp.Create, 1, input.MunicipalityCode, ct);
        documents.RenderAfterCommit(scope, id);
        var created = await PartnershipData.ReadBackAsync(scope, id, ct);
        await scope.CommitAsync(ct);
        return created;
    }
}
