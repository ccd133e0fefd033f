
namespace CommunityHub.Api.Features.Members;

/// <summary>Replaces a member. A member editor may edit only its own member and cannot change its membership.</summary>
public sealed record UpdateMemberCommand(Guid Id, MemberInput Input, long? ExpectedVersion) : IRequest<MemberResponse>;

public sealed class UpdateMemberHandler(
    Db db, ChangeLog changes, MemberDocuments documents, TimeProvider clock, ICurrentUser user, IEnumerable<IMemberNameShown> nameShownBy)
    : IRequestHandler<UpdateMemberCommand, MemberResponse>
{
    public async Task<MemberResponse> Handle(UpdateMemberCommand request, CancellationToken ct)
    {
        await using var scope = await db.BeginWriteAsync(ct);
        var current = await MemberData.GetOrThrowAsync(scope.Connection, scope.Transaction, request.Id, ct);
        if (!user.EditsMember(request.Id))
        {
            throw new ForbiddenException(Texts.Get("member.forbiddenChange"));
        }
        PreconditionFailedException.ThrowIfStale(request.ExpectedVersion, current.Version);

        var input = request.Input;
        // Membership and business id are the hub's records of the member, kept by staff.
        var membership = user.IsStaff()
            ? input.Membership ?? new MembershipInput(null, null, null)
            : new MembershipInput(EnumText.Parse<MembershipStatus>(current.MembershipStatus), current.JoinedOn, current.EndedOn);
        if (!user.IsStaff())
        {
            input = input with { BusinessId = current.BusinessId };
        }
        await MemberData.EnsureBusinessIdFreeAsync(scope, input.BusinessId, request.Id, ct);

        var version = current.Version + 1;
        var now = clock.GetUtcNow();
        var updated = await scope.Connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE members SET name = @Name, name_sort = @NameSort, name_search = @NameSearch, business_id = @BusinessId,
                kind = @Kind, municipality_code = @MunicipalityCode, description = @Description, website = @Website,
                email = @Email, phone = @Phone, street = @Street, postal_code = @PostalCode, city = @City,
                membership_status = @MembershipStatus, joined_on = @JoinedOn, ended_on = @EndedOn,
                updated_at = @Now, version = @Version
            WHERE id = @Id AND version = @Version - 1
            """,
            MemberData.WriteParameters(request.Id, input, membership, version, now),
            scope.Transaction,
            cancellationToken: ct));
        PreconditionFailedException.ThrowIfNoneChanged(updated, current.Version);
        await MemberData.ReplaceSectorsAsync(scope, request.Id, input.Sectors, ct);
        await changes.RecordAsync(scope, MemberData.Type, request.Id, ChangeOp.Update, version, input.MunicipalityCode, ct);
        documents.RenderAfterCommit(scope, request.Id);
        // Compared as stored (trimmed): a write that keeps the name changes nothing that shows it.
        if (!string.Equals(current.Name, input.Name!.Trim(), StringComparison.Ordinal))
        {
            foreach (var shown in nameShownBy)
            {
                await shown.MemberRenamedAsync(scope, request.Id, now, ct);
            }
        }
        var result = await MemberData.ReadBackAsync(scope, request.Id, ct);
        await scope.CommitAsync(ct);
        return result;
    }
}
