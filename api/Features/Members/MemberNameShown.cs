
namespace CommunityHub.Api.Features.Members;

/// <summary>
/// Implemented by a feature whose records show a member's current name (partnerships: each party's <c>memberName</c>)
/// and registered by that feature's <c>AddX()</c>. Those records change when the member is renamed, so the rename must reach them as any
/// change of their own does: a new version (ETags and 304s move with it) and a change-feed entry (a mirror built from
/// the feed fetches the new name), in the rename's transaction.
/// </summary>
public interface IMemberNameShown
{
    /// <summary>Called inside the rename's write, after the member's row has its new name; only when the name changed.</summary>
    Task MemberRenamedAsync(WriteScope scope, Guid memberId, DateTimeOffset now, CancellationToken ct);
}
