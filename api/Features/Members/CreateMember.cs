
namespace CommunityHub.Api.Features.Members;

public sealed record CreateMemberCommand(MemberInput Input) : IRequest<MemberResponse>;

public sealed class CreateMemberHandler(Db db, ChangeLog changes, MemberDocuments documents, TimeProvider clock) : IRequestHandler<CreateMemberCommand, MemberResponse>
{
    public async Task<MemberResponse> Handle(CreateMemberCommand request, CancellationToken ct)
    {
        var input = request.Input;
        var now = clock.GetUtcNow();
        var id = Guid.CreateVersion7(now);
        var membership = input.Membership ?? new MembershipInput(null, null, null);

        await using var scope = await db.BeginWriteAsync(ct);
        await MemberData.EnsureBusinessIdFreeAsync(scope, input.BusinessId, null, ct);
        await scope.Connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO members (id, name, name_sort, name_search, business_id, kind, municipality_code, description, website,
                email, phone, street, postal_code, city, membership_status, joined_on, ended_on, created_at, updated_at, version)
            VALUES (@Id, @Name, @NameSort, @NameSearch, @BusinessId, @Kind, @MunicipalityCode, @Description, @Website,
                @Email, @Phone, @Street, @PostalCode, @City, @MembershipStatus, @JoinedOn, @EndedOn, @Now, @Now, @Version)
            """,
            MemberData.WriteParameters(id, input, membership, 1, now),
            scope.Transaction,
            cancellationToken: ct));
        await MemberData.ReplaceSectorsAsync(scope, id, input.Sectors, ct);
        await changes.RecordAsync(scope, MemberData.Type, id, ChangeOp.Create, 1, input.MunicipalityCode, ct);
        documents.RenderAfterCommit(scope, id);
        var created = await MemberData.ReadBackAsync(scope, id, ct);
        await scope.CommitAsync(ct);
        return created;
    }
}
