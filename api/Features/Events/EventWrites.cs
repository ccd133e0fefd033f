using System.Text.Json;
using CommunityHub.Api.Infrastructure.Data;
using CommunityHub.Api.Infrastructure.Http;
using Dapper;

namespace CommunityHub.Api.Features.Events;

/// <summary>The column values, organiser rows and reference checks that create and update share.</summary>
internal static class EventWrites
{
    public static object Columns(Guid id, CommunityEventInput input, long version, DateTimeOffset now) => new
    {
        Id = id,
        Title = input.Title!.Trim(),
        TitleSearch = FinnishText.SearchKey(input.Title),
        input.Description,
        StartsAt = input.StartsAt!.Value,
        EndsAt = input.EndsAt!.Value,
        VenueName = input.Venue?.Name?.Trim(),
        VenueStreet = input.Venue?.Street,
        VenueCity = input.Venue?.City,
        input.MunicipalityCode,
        input.PartnershipId,
        input.PilotId,
        input.Capacity,
        input.RegistrationOpensAt,
        input.RegistrationClosesAt,
        Visibility = EnumText.Name(input.Visibility ?? EventVisibility.Public),
        Languages = EventText.Languages(input.Languages),
        Keywords = JsonSerializer.Serialize((input.Keywords ?? []).Select(k => k.Trim()).Distinct().ToList()),
        Version = version,
        Now = now,
    };

    /// <summary>Ids inside the body must name live rows: a missing one is a 400 on its field, not a 404.</summary>
    public static async Task EnsureReferencesExistAsync(WriteScope scope, CommunityEventInput input, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var organizers = input.OrganizerIds!.Distinct().Select(o => o.ToString()).ToList();
        var found = await scope.Connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COUNT(*) FROM members WHERE id IN @Ids AND deleted_at IS NULL", new { Ids = organizers }, scope.Transaction, cancellationToken: ct));
        if (found != organizers.Count)
        {
            errors["organizerIds"] = ["Every organiser must be an existing member."];
        }
        if (input.PartnershipId is { } partnership && !await ExistsAsync(scope, "partnerships", partnership, ct))
        {
            errors["partnershipId"] = ["No partnership has this id."];
        }
        if (input.PilotId is { } pilot && !await ExistsAsync(scope, "pilots", pilot, ct))
        {
            errors["pilotId"] = ["No pilot has this id."];
        }
        if (errors.Count > 0)
        {
            throw new FieldValidationException(errors);
        }
    }

    private static async Task<bool> ExistsAsync(WriteScope scope, string table, Guid id, CancellationToken ct) =>
        await scope.Connection.ExecuteScalarAsync<int>(new CommandDefinition(
            $"SELECT COUNT(*) FROM {table} WHERE id = @Id AND deleted_at IS NULL", new { Id = id }, scope.Transaction, cancellationToken: ct)) > 0;

    public static async Task ReplaceOrganizersAsync(WriteScope scope, Guid id, IEnumerable<Guid> organizerIds, CancellationToken ct)
    {
        await scope.Connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM event_organizers WHERE event_id = @Id", new { Id = id }, scope.Transaction, cancellationToken: ct));
        var rows = organizerIds.Distinct().Select(m => new { Id = id, MemberId = m }).ToList();
        await scope.Connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO event_organizers (event_id, member_id) VALUES (@Id, @MemberId)", rows, scope.Transaction, cancellationToken: ct));
    }

    /// <summary>
    /// Serialises every write that changes an event's seats (registration, cancellation, capacity edits) behind the
    /// event row, so the seat check and the insert that follows are one atomic step.
    /// On SQLite the write transaction is <c>BEGIN IMMEDIATE</c>: the database's single writer lock is already held,
    /// and this statement changes nothing. On SQL Server an UPDATE takes an exclusive lock on the event row that is held
    /// until commit, so a second registration for the same event waits here until the first has committed, and then
    /// reads the counts the first wrote (READ COMMITTED would otherwise let both read the same free seat).
    /// Returns false when the event does not exist (or is archived).
    /// </summary>
    public static async Task<bool> LockEventAsync(WriteScope scope, Guid id, CancellationToken ct) =>
        await scope.Connection.ExecuteAsync(new CommandDefinition(
            "UPDATE events SET version = version WHERE id = @Id AND deleted_at IS NULL", new { Id = id }, scope.Transaction, cancellationToken: ct)) == 1;

    /// <summary>Bumps the event's version after its counts changed and appends the feed/audit entries.</summary>
    public static async Task<long> TouchAsync(WriteScope scope, ChangeLog changes, EventRow current, ChangeOp op, DateTimeOffset now, CancellationToken ct)
    {
        var version = current.Version + 1;
        await scope.Connection.ExecuteAsync(new CommandDefinition(
            "UPDATE events SET updated_at = @Now, version = @Version WHERE id = @Id",
            new { current.Id, Now = now, Version = version },
            scope.Transaction,
            cancellationToken: ct));
        await RecountAsync(scope, current.Id, ct);
        await changes.RecordAsync(scope, CommunityEventData.Type, current.Id, op, version, current.MunicipalityCode, ct);
        return version;
    }

    /// <summary>The denormalised counts, recomputed from the registrations inside the same transaction.</summary>
    public static Task RecountAsync(WriteScope scope, Guid id, CancellationToken ct) =>
        scope.Connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE events SET
                confirmed_count = (SELECT COUNT(*) FROM registrations r WHERE r.event_id = @Id AND r.status = 'confirmed'),
                waitlist_count = (SELECT COUNT(*) FROM registrations r WHERE r.event_id = @Id AND r.status = 'waitlisted')
            WHERE id = @Id
            """,
            new { Id = id },
            scope.Transaction,
            cancellationToken: ct));

    /// <summary>Moves the first people on the waiting list to confirmed while seats are free (capacity null: all of them).</summary>
    public static async Task PromoteAsync(WriteScope scope, Guid eventId, int? capacity, DateTimeOffset now, CancellationToken ct)
    {
        var confirmed = await scope.Connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COUNT(*) FROM registrations WHERE event_id = @Id AND status = 'confirmed'", new { Id = eventId }, scope.Transaction, cancellationToken: ct));
        var free = capacity is { } seats ? seats - confirmed : int.MaxValue;
        if (free <= 0)
        {
            return;
        }
        var waiting = (await scope.Connection.QueryAsync<Guid>(new CommandDefinition(
            "SELECT id FROM registrations WHERE event_id = @Id AND status = 'waitlisted' ORDER BY queue_seq",
            new { Id = eventId },
            scope.Transaction,
            cancellationToken: ct))).Take(free).Select(id => new { Id = id, Now = now }).ToList();
        if (waiting.Count > 0)
        {
            await scope.Connection.ExecuteAsync(new CommandDefinition(
                "UPDATE registrations SET status = 'confirmed', updated_at = @Now WHERE id = @Id", waiting, scope.Transaction, cancellationToken: ct));
        }
    }
}
