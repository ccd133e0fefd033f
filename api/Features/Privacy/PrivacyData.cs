
namespace CommunityHub.Api.Features.Privacy;

/// <summary>
/// The personal-data reads and erasures the privacy handlers and the retention routine share. Erasure anonymises rather
/// than deletes where other records need the row: a registration keeps its event, status, arrival order and first
/// status (so counts, waiting-list statistics and feedback aggregates stay), losing name, email, notes and
/// idempotency key; its email key becomes the row's own id so the one-per-email index still holds.
/// </summary>
public static class PrivacyData
{
    /// <summary>Audit entries about a data subject (export, erasure); the entity id is random per request, never the address.</summary>
    public static readonly EntityType SubjectType = new("privacy_subjects");

    /// <summary>Audit entry of the retention routine: one per event whose registrants were erased (entity: the event; version: how many).</summary>
    public static readonly EntityType RetentionType = new("registration_retention");

    /// <summary>The UPDATE's SET list that anonymises registrations (<c>email_normalized = id</c> is unique and provider-neutral).</summary>
    private const string AnonymiseRegistrations =
        "name = '', email = '', email_normalized = id, notes = NULL, idempotency_key = NULL, idempotency_request_hash = NULL, " +
        "personal_data_erased_at = @Now, updated_at = @Now";

    /// <summary>Events that ended before <paramref name="cutoff"/> and still hold registrants' personal data.</summary>
    internal static async Task<IReadOnlyList<(Guid Id, string MunicipalityCode)>> ExpiredEventsAsync(Db db, DateTimeOffset cutoff, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return (await connection.QueryAsync<(Guid Id, string MunicipalityCode)>(new CommandDefinition(
            """
            SELECT e.id, e.municipality_code FROM events e
            WHERE e.ends_at < @Cutoff
                AND EXISTS (SELECT 1 FROM registrations r WHERE r.event_id = e.id AND r.personal_data_erased_at IS NULL)
            ORDER BY e.id
            """,
            new { Cutoff = cutoff },
            cancellationToken: ct))).ToList();
    }

    /// <summary>
    /// Anonymises the event's registrations not yet erased, if it still ended before the cutoff; returns how many. The
    /// messages about them (mail_outbox rows referring to the registrations) and the kept Idempotency-Keys with their
    /// request hashes go with them.
    /// </summary>
    internal static async Task<int> EraseEventRegistrantsAsync(WriteScope scope, Guid eventId, DateTimeOffset cutoff, DateTimeOffset now, CancellationToken ct)
    {
        var ended = new { EventId = eventId, Cutoff = cutoff };
        const string Ended = "EXISTS (SELECT 1 FROM events e WHERE e.id = @EventId AND e.ends_at < @Cutoff)";
        await scope.Connection.ExecuteAsync(new CommandDefinition(
            $"DELETE FROM mail_outbox WHERE reference_id IN (SELECT r.id FROM registrations r WHERE r.event_id = @EventId) AND {Ended}",
            ended, scope.Transaction, cancellationToken: ct));
        await scope.Connection.ExecuteAsync(new CommandDefinition(
            $"DELETE FROM registration_requests WHERE event_id = @EventId AND {Ended}", ended, scope.Transaction, cancellationToken: ct));
        return await scope.Connection.ExecuteAsync(new CommandDefinition(
            $"""
            UPDATE registrations SET {AnonymiseRegistrations}
            WHERE event_id = @EventId AND personal_data_erased_at IS NULL
                AND EXISTS (SELECT 1 FROM events e WHERE e.id = @EventId AND e.ends_at < @Cutoff)
            """,
            new { EventId = eventId, Cutoff = cutoff, Now = now },
            scope.Transaction,
            cancellationToken: ct));
    }

    internal static Task<int> EraseRegistrationsByEmailAsync(WriteScope scope, string normalizedEmail, DateTimeOffset now, CancellationToken ct) =>
        scope.Connection.ExecuteAsync(new CommandDefinition(
            $"UPDATE registrations SET {AnonymiseRegistrations} WHERE email_normalized = @Email AND personal_data_erased_at IS NULL",
            new { Email = normalizedEmail, Now = now },
            scope.Transaction,
            cancellationToken: ct));
}
