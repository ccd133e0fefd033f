using Dapper;
using CommunityHub.Api.Infrastructure.Security;

namespace CommunityHub.Api.Infrastructure.Data;

public enum ChangeOp
{
    Create,
    Update,
    Transition,
    Delete,

    /// <summary>Personal data handed out (a data subject's export): audited, never in the feed.</summary>
    Export,
}

/// <summary>
/// Writes, inside the caller's transaction, one change-feed entry (for feed types) and one audit entry per write,
/// so a rolled-back write leaves neither and a committed one always has both.
/// </summary>
/// <remarks>
/// Each feature names what it records in one <see cref="EntityType"/> constant; the public collections are in the
/// feed, the rest (users, keys, webhooks, contacts) are audited only. The feed entry's <c>op</c> is <c>upsert</c> or
/// <c>delete</c>.
/// </remarks>
/// <summary>What a write is recorded as: its name in the audit log (and the change feed), and whether the feed carries it.</summary>
public sealed record EntityType(string Name, bool InFeed = false);

public sealed class ChangeLog(TimeProvider clock, ICurrentUser user)
{
    public async Task RecordAsync(
        WriteScope scope,
        EntityType entityType,
        Guid entityId,
        ChangeOp op,
        long version,
        string? municipalityCode,
        CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (entityType.InFeed)
        {
            await scope.Connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO changes (entity_type, entity_id, op, version, changed_at, municipality_code)
                VALUES (@EntityType, @EntityId, @Op, @Version, @At, @MunicipalityCode)
                """,
                new
                {
                    EntityType = entityType.Name,
                    EntityId = entityId,
                    Op = op == ChangeOp.Delete ? "delete" : "upsert",
                    Version = version,
                    At = now,
                    MunicipalityCode = municipalityCode,
                },
                scope.Transaction,
                cancellationToken: ct));
        }

        await scope.Connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO audit (id, at, actor_id, actor_name, entity_type, entity_id, op, version)
            VALUES (@Id, @At, @ActorId, @ActorName, @EntityType, @EntityId, @Op, @Version)
            """,
            new
            {
                Id = Guid.CreateVersion7(now),
                At = now,
                ActorId = user.Subject,
                ActorName = user.DisplayName,
                EntityType = entityType.Name,
                EntityId = entityId,
                Op = op.ToString().ToLowerInvariant(),
                Version = version,
            },
            scope.Transaction,
            cancellationToken: ct));
    }
}
