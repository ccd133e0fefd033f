namespace CommunityHub.Api.Features.Audit;

/// <summary>An audit row as stored (written by <c>ChangeLog</c> in the same transaction as each write).</summary>
internal sealed class AuditRow
{
    public const string Columns = "a.id, a.at, a.actor_id, a.actor_name, a.entity_type, a.entity_id, a.op, a.version";

    public Guid Id { get; init; }
    public DateTimeOffset At { get; init; }
    public string? ActorId { get; init; }
    public string? ActorName { get; init; }
    public string EntityType { get; init; } = "";
    public Guid EntityId { get; init; }
    public string Op { get; init; } = "";
    public long Version { get; init; }

    public AuditEntry ToEntry() => new(Id, At, ActorId, ActorName, EntityType, EntityId, Op, Version);
}
