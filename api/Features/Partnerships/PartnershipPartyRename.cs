using CommunityHub.Api.Features.Members;

namespace CommunityHub.Api.Features.Partnerships;

/// <summary>
/// A party's <c>memberName</c> is the member's name as it is now, so renaming a member changes
/// every live partnership it is party to. Each gets what any other change of it gets: a new version (its ETag and the
/// list pages' ETags move), a new <c>updatedAt</c> (<c>updatedSince</c> finds it), an <c>upsert</c> in the change feed
/// with its own municipality (so webhooks deliver it too), an audit entry, and its stored document rendered again. A
/// member party to 300 partnerships makes 300 such updates. Archived partnerships stay as they were archived.
/// </summary>
public sealed class PartnershipPartyRename(ChangeLog changes, PartnershipDocuments documents) : IMemberNameShown
{
    private const string Affected =
        "deleted_at IS NULL AND id IN (SELECT pp.partnership_id FROM partnership_parties pp WHERE pp.member_id = @MemberId)";

    public async Task MemberRenamedAsync(WriteScope scope, Guid memberId, DateTimeOffset now, CancellationToken ct)
    {
        // One statement bumps them all, and they are read back after it rather than before: the update holds their
        // rows (SQLite: the one write lock; SQL Server: row locks until commit), so no other write can move a version
        // between the two, and the versions recorded are the ones written.
        await scope.Connection.ExecuteAsync(new CommandDefinition(
            $"UPDATE partnerships SET version = version + 1, updated_at = @Now WHERE {Affected}",
            new { MemberId = memberId, Now = now },
            scope.Transaction,
            cancellationToken: ct));
        var bumped = await scope.Connection.QueryAsync<Bumped>(new CommandDefinition(
            $"SELECT id, version, municipality_code FROM partnerships WHERE {Affected} ORDER BY id",
            new { MemberId = memberId },
            scope.Transaction,
            cancellationToken: ct));
        foreach (var partnership in bumped)
        {
            await changes.RecordAsync(
                scope, PartnershipData.Type, partnership.Id, ChangeOp.Update, partnership.Version, partnership.MunicipalityCode, ct);
            documents.RenderAfterCommit(scope, partnership.Id);
        }
    }

    private sealed class Bumped
    {
        public Guid Id { get; init; }
        public long Version { get; init; }
        public string MunicipalityCode { get; init; } = "";
    }
}
