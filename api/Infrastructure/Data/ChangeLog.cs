
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
/// <param name="Name">The audit and feed name (for feed types, the collection as in the path).</param>
/// <param name="InFeed">Whether the change feed carries it.</param>
/// <param name="PublicViewSql">
/// For a collection that API keys may read only in some states (events: public and published): a query, run in the
/// write's transaction after the write, answering 1 when keys may read record <c>@Id</c> now and 0 when only people
/// with a role may. Null: keys may read every record of the collection (within their scopes and municipality).
/// </param>
public sealed record EntityType(string Name, bool InFeed = false, string? PublicViewSql = null);

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
            await RecordFeedAsync(scope, entityType, entityId, op, version, municipalityCode, now, ct);
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
        if (user.ExternalEmail is { } email && user.Subject is { } subject)
        {
            await RecordExternalActorAsync(scope, subject, email, user.DisplayName, now, ct);
        }
    }

    /// <summary>
    /// Remembers which email an external identity provider's subject had when it wrote, so a data subject's export and
    /// erasure find the name this write copied beside the subject (the audit entry, histories, reviews).
    /// </summary>
    private static async Task RecordExternalActorAsync(WriteScope scope, string subject, string email, string? name, DateTimeOffset now, CancellationToken ct)
    {
        var parameters = new { Subject = subject, Email = EmailAddresses.Normalize(email), Name = name, Now = now };
        var updated = await scope.Connection.ExecuteAsync(new CommandDefinition(
            "UPDATE external_actors SET email_normalized = @Email, display_name = @Name, last_seen_at = @Now WHERE subject = @Subject",
            parameters, scope.Transaction, cancellationToken: ct));
        if (updated == 0)
        {
            await scope.Connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO external_actors (subject, email_normalized, display_name, last_seen_at)
                SELECT @Subject, @Email, @Name, @Now WHERE NOT EXISTS (SELECT 1 FROM external_actors WHERE subject = @Subject)
                """,
                parameters, scope.Transaction, cancellationToken: ct));
        }
    }

    /// <summary>
    /// Appends the feed entry, tagged with who may read the record as of this write: its municipality and whether keys
    /// may read it (<see cref="EntityType.PublicViewSql"/>). When a write other than a delete takes the record out of
    /// some reader's view (<see cref="LeavesSomeView"/>), a view-exit entry goes first: a <c>delete</c> tagged with the
    /// record's previous view (its previous entry's tags) and carrying the new one (<c>after_*</c>). The feed shows it
    /// to exactly the readers who could read the record before and cannot after; readers who can read it after get
    /// only the <c>upsert</c>. Both are in this transaction, so they commit with the write and in its order. The write has already locked the record's row, so no other
    /// write of the record can slip between the previous entry read here and the entries appended.
    /// </summary>
    private static async Task RecordFeedAsync(
        WriteScope scope, EntityType entityType, Guid entityId, ChangeOp op, long version, string? municipalityCode, DateTimeOffset now, CancellationToken ct)
    {
        var publicView = entityType.PublicViewSql is null
            ? 1
            : await scope.Connection.ExecuteScalarAsync<int>(new CommandDefinition(
                entityType.PublicViewSql, new { Id = entityId }, scope.Transaction, cancellationToken: ct));
        if (op != ChangeOp.Delete)
        {
            var previous = await scope.Connection.QuerySingleOrDefaultAsync<PreviousView>(new CommandDefinition(
                """
                SELECT municipality_code AS MunicipalityCode, public_view AS PublicView FROM changes
                WHERE seq = (SELECT MAX(seq) FROM changes WHERE entity_type = @EntityType AND entity_id = @EntityId)
                """,
                new { EntityType = entityType.Name, EntityId = entityId },
                scope.Transaction,
                cancellationToken: ct));
            // An entry from before views were recorded has no public_view: take it as public, since an extra delete of a
            // record a reader never had is harmless and a missing one is not. Becoming public takes nobody's view away.
            var wasPublic = previous?.PublicView ?? 1;
            if (previous is not null && LeavesSomeView(previous.MunicipalityCode, wasPublic, municipalityCode, publicView))
            {
                await InsertAsync(scope, new FeedRow(
                    entityType.Name, entityId, "delete", version, now, previous.MunicipalityCode, wasPublic, municipalityCode, publicView), ct);
            }
        }
        await InsertAsync(scope, new FeedRow(
            entityType.Name, entityId, op == ChangeOp.Delete ? "delete" : "upsert", version, now, municipalityCode, publicView, null, null), ct);
    }

    /// <summary>
    /// Whether a record going from one view (municipality, readable by keys) to another is lost to some reader. Only
    /// readers bound by these tags can lose it — keys and webhooks; people with a role read every record in every
    /// state — so: a record keys could read that moves to another municipality (readers bound to the old one lose it)
    /// or stops being readable by keys. Becoming readable, or moving while keys cannot read it, takes nothing from anyone.
    /// </summary>
    internal static bool LeavesSomeView(string? fromMunicipality, int fromPublicView, string? toMunicipality, int toPublicView) =>
        fromPublicView == 1 && (!string.Equals(fromMunicipality, toMunicipality, StringComparison.Ordinal) || toPublicView == 0);

    private static Task InsertAsync(WriteScope scope, FeedRow row, CancellationToken ct) =>
        scope.Connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO changes (entity_type, entity_id, op, version, changed_at, municipality_code, public_view, after_municipality_code, after_public_view)
            VALUES (@EntityType, @EntityId, @Op, @Version, @At, @MunicipalityCode, @PublicView, @AfterMunicipalityCode, @AfterPublicView)
            """,
            row,
            scope.Transaction,
            cancellationToken: ct));

    private sealed record FeedRow(
        string EntityType, Guid EntityId, string Op, long Version, DateTimeOffset At, string? MunicipalityCode, int PublicView,
        string? AfterMunicipalityCode, int? AfterPublicView);

    private sealed class PreviousView
    {
        public string? MunicipalityCode { get; init; }
        public int? PublicView { get; init; }
    }
}
