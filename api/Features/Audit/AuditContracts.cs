namespace CommunityHub.Api.Features.Audit;

/// <summary>One write: who made it, when, to which entity, the operation and the version it produced.</summary>
public sealed record AuditEntry(
    Guid Id, DateTimeOffset At, string? ActorId, string? ActorName, string EntityType, Guid EntityId, string Op, long Version);

public sealed record AuditPage(IReadOnlyList<AuditEntry> Items, string? NextCursor);
