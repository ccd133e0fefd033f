using System.Collections.Concurrent;
using System.Security.Claims;

namespace CommunityHub.Api.Infrastructure.Security;

/// <summary>A local user as the session check sees it now: its stamp, whether it is deleted, its role and member.</summary>
public sealed record SessionState(string SecurityStamp, bool Deleted, string Role, Guid? MemberId);

/// <summary>Reads a user's session state from the shared database; the Users feature implements it.</summary>
public interface ISessionStateReader
{
    /// <summary>The user with this id, deleted ones included; null when no such user was ever stored.</summary>
    Task<SessionState?> ReadAsync(Guid userId, CancellationToken ct);

    /// <summary>Whether the member is archived (or was never stored): its editors have no access.</summary>
    Task<bool> MemberArchivedAsync(Guid memberId, CancellationToken ct);
}

/// <summary>
/// Ends sessions when access ends. A token this API issued is accepted only while the user exists and its
/// <see cref="StampClaim"/> equals the stored security stamp, which changes on deletion, role, member or password
/// change and "sign out everywhere"; a token signed with this API's key whose subject is not a local user is refused
/// (only a holder of the key could have made it). An external (OIDC) token whose subject is a local user's id is
/// refused once that user is deleted or its stored role or member differ from the token's; other subjects of the
/// configured issuer are the identity provider's to end. A member editor's token, local or external, is refused while
/// its member is archived. The state is read from the database, so every instance sees a change; each instance keeps
/// it for at most <see cref="AuthSettings.SessionCheckSeconds"/>, and the instance that made the change forgets it at
/// once.
/// </summary>
public sealed class SessionValidator(ISessionStateReader reader, TimeProvider clock, AuthSettings settings)
{
    public const string StampClaim = "stamp";

    private readonly ConcurrentDictionary<Guid, (SessionState? State, DateTimeOffset ReadAt)> cache = new();
    private readonly ConcurrentDictionary<Guid, (bool Archived, DateTimeOffset ReadAt)> members = new();

    private TimeSpan MaxAge => TimeSpan.FromSeconds(Math.Clamp(settings.SessionCheckSeconds, 0, 5));

    /// <summary>Why the session has ended, or null while it is valid.</summary>
    public async Task<string?> RejectionAsync(ClaimsPrincipal principal, bool issuedHere, CancellationToken ct) =>
        await UserRejectionAsync(principal, issuedHere, ct) ?? await MemberRejectionAsync(principal, ct);

    private async Task<string?> UserRejectionAsync(ClaimsPrincipal principal, bool issuedHere, CancellationToken ct)
    {
        if (!Guid.TryParse(principal.FindFirst(Claims.Subject)?.Value, out var userId))
        {
            // This API issues tokens to its users only (subject = user id): one signed with its key that names no user
            // was made by whoever holds the key, not by a sign-in. A subject of the external issuer is that issuer's.
            return issuedHere ? "This token names no user of this API." : null;
        }
        var state = await StateAsync(userId, ct);
        if (issuedHere)
        {
            if (state is null || state.Deleted)
            {
                return "The user no longer exists.";
            }
            return principal.FindFirst(StampClaim)?.Value is { Length: > 0 } stamp && stamp == state.SecurityStamp
                ? null
                : "This session has ended (the user's access changed or they signed out everywhere). Sign in again.";
        }
        if (state is null)
        {
            return null;
        }
        if (state.Deleted)
        {
            return "The user no longer exists.";
        }
        var memberClaim = principal.FindFirst(settings.MemberIdClaim)?.Value;
        var member = Guid.TryParse(memberClaim, out var parsed) ? parsed : (Guid?)null;
        return principal.FindFirst(settings.RoleClaim)?.Value == state.Role && member == state.MemberId
            ? null
            : "The user's role or member has changed since this token was issued. Sign in again.";
    }

    /// <summary>A member editor has no access while its member is archived (until an admin moves or deletes the user).</summary>
    private async Task<string?> MemberRejectionAsync(ClaimsPrincipal principal, CancellationToken ct)
    {
        if (principal.FindFirst(settings.RoleClaim)?.Value != Roles.MemberEditor
            || !Guid.TryParse(principal.FindFirst(settings.MemberIdClaim)?.Value, out var memberId))
        {
            return null;
        }
        var now = clock.GetUtcNow();
        if (!members.TryGetValue(memberId, out var cached) || now - cached.ReadAt >= MaxAge || cached.ReadAt > now)
        {
            cached = (await reader.MemberArchivedAsync(memberId, ct), now);
            members[memberId] = cached;
        }
        return cached.Archived ? "The user's member has been archived." : null;
    }

    /// <summary>Drops this instance's copy after a change made here, so the change holds on the next request.</summary>
    public void Forget(Guid userId) => cache.TryRemove(userId, out _);

    /// <summary>Drops this instance's copy of a member's state after it was archived here, so its editors are out at once.</summary>
    public void ForgetMember(Guid memberId) => members.TryRemove(memberId, out _);

    private async Task<SessionState?> StateAsync(Guid userId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (cache.TryGetValue(userId, out var cached) && now - cached.ReadAt < MaxAge && cached.ReadAt <= now)
        {
            return cached.State;
        }
        var state = await reader.ReadAsync(userId, ct);
        cache[userId] = (state, now);
        return state;
    }
}
