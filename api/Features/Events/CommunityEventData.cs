using System.Text.Json;

namespace CommunityHub.Api.Features.Events;

/// <summary>What the events handlers share: the stored row, its columns, reading events back and the writes create and update both make.</summary>
public static class CommunityEventData
{
    /// <summary>Keys read only public, published events: the feed tags each entry with whether they may (EventAccess).</summary>
    public static readonly EntityType Type = new(
        "events",
        InFeed: true,
        PublicViewSql: $"SELECT CASE WHEN {EventAccess.PublicPredicate} THEN 1 ELSE 0 END FROM events e WHERE e.id = @Id");

    public const string Columns =
        "e.id, e.title, e.description, e.starts_at, e.ends_at, e.venue_name, e.venue_street, e.venue_city, e.municipality_code, " +
        "e.partnership_id, e.pilot_id, e.capacity, e.registration_opens_at, e.registration_closes_at, e.visibility, e.status, " +
        "e.languages, e.keywords, e.confirmed_count, e.waitlist_count, e.ever_published, e.published_at, e.space_id, e.space_booking_id, " +
        "e.created_at, e.updated_at, e.version";

    internal static async Task<ILookup<Guid, Guid>> OrganizersAsync(
        DbConnection connection, DbTransaction? tx, IEnumerable<Guid> eventIds, CancellationToken ct)
    {
        var ids = eventIds.Select(i => i.ToString()).ToList();
        if (ids.Count == 0)
        {
            return Array.Empty<(Guid, Guid)>().ToLookup(o => o.Item1, o => o.Item2);
        }
        var rows = await connection.QueryAsync<(Guid EventId, Guid MemberId)>(new CommandDefinition(
            "SELECT event_id, member_id FROM event_organizers WHERE event_id IN @Ids ORDER BY member_id",
            new { Ids = ids },
            tx,
            cancellationToken: ct));
        return rows.ToLookup(o => o.EventId, o => o.MemberId);
    }

    internal static async Task<IReadOnlyList<CommunityEventResponse>> WithOrganizersAsync(
        DbConnection connection, DbTransaction? tx, IReadOnlyList<EventRow> rows, CancellationToken ct)
    {
        var organizers = await OrganizersAsync(connection, tx, rows.Select(r => r.Id), ct);
        return rows.Select(r => r.ToResponse(organizers[r.Id].ToList())).ToList();
    }

    /// <summary>The live (not archived) event, or null.</summary>
    internal static Task<EventRow?> FindAsync(DbConnection connection, DbTransaction? tx, Guid id, CancellationToken ct) =>
        connection.QuerySingleOrDefaultAsync<EventRow>(new CommandDefinition(
            $"SELECT {Columns} FROM events e WHERE e.id = @Id AND e.deleted_at IS NULL", new { Id = id }, tx, cancellationToken: ct));

    /// <summary>The live event, or 404.</summary>
    internal static async Task<EventRow> GetOrThrowAsync(DbConnection connection, DbTransaction? tx, Guid id, CancellationToken ct) =>
        await FindAsync(connection, tx, id, ct) ?? throw new NotFoundException("Event", id);

    /// <summary>Locks the live event for this write transaction (see <see cref="LockEventAsync"/>) and reads it, or 404.</summary>
    internal static async Task<EventRow> LockOrThrowAsync(WriteScope scope, Guid id, CancellationToken ct)
    {
        if (!await LockEventAsync(scope, id, ct))
        {
            throw new NotFoundException("Event", id);
        }
        return (await FindAsync(scope.Connection, scope.Transaction, id, ct))!;
    }

    /// <summary>
    /// Locks the live event for a write by someone who manages it (staff, or an editor of an organising member) at the
    /// version the caller expects: 404, 403 or 412 otherwise.
    /// </summary>
    internal static async Task<EventRow> LockManagedAsync(WriteScope scope, ICurrentUser user, Guid id, long? expectedVersion, CancellationToken ct)
    {
        var current = await LockOrThrowAsync(scope, id, ct);
        var organizers = await OrganizersAsync(scope.Connection, scope.Transaction, [id], ct);
        EventAccess.EnsureManages(user, organizers[id]);
        PreconditionFailedException.ThrowIfStale(expectedVersion, current.Version);
        return current;
    }

    /// <summary>The event as written inside the open transaction.</summary>
    internal static async Task<CommunityEventResponse> ReadBackAsync(WriteScope scope, Guid id, CancellationToken ct)
    {
        var row = await FindAsync(scope.Connection, scope.Transaction, id, ct)
            ?? throw new InvalidOperationException($"Event {id} vanished inside its own transaction.");
        return (await WithOrganizersAsync(scope.Connection, scope.Transaction, [row], ct))[0];
    }

    // The column values, organiser rows and reference checks that create and update share.

    internal static object WriteParameters(Guid id, CommunityEventInput input, long version, DateTimeOffset now) => new
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
        input.SpaceId,
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
    internal static async Task EnsureReferencesExistAsync(WriteScope scope, CommunityEventInput input, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var organizers = input.OrganizerIds!.Distinct().Select(o => o.ToString()).ToList();
        var found = await scope.Connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COUNT(*) FROM members WHERE id IN @Ids AND deleted_at IS NULL", new { Ids = organizers }, scope.Transaction, cancellationToken: ct));
        if (found != organizers.Count)
        {
            errors["organizerIds"] = [Texts.Get("event.unknownOrganizer")];
        }
        if (input.PartnershipId is { } partnership && !await ExistsAsync(scope, "partnerships", partnership, ct))
        {
            errors["partnershipId"] = [Texts.Get("unknown.partnership")];
        }
        if (input.PilotId is { } pilot && !await ExistsAsync(scope, "pilots", pilot, ct))
        {
            errors["pilotId"] = [Texts.Get("unknown.pilot")];
        }
        if (input.SpaceId is { } space && !await ExistsAsync(scope, "spaces", space, ct))
        {
            errors["spaceId"] = [Texts.Get("unknown.space")];
        }
        if (errors.Count > 0)
        {
            throw new FieldValidationException(errors);
        }
    }

    private static async Task<bool> ExistsAsync(WriteScope scope, string table, Guid id, CancellationToken ct) =>
        await scope.Connection.ExecuteScalarAsync<int>(new CommandDefinition(
            $"SELECT COUNT(*) FROM {table} WHERE id = @Id AND deleted_at IS NULL", new { Id = id }, scope.Transaction, cancellationToken: ct)) > 0;

    internal static async Task ReplaceOrganizersAsync(WriteScope scope, Guid id, IEnumerable<Guid> organizerIds, CancellationToken ct)
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
    internal static async Task<bool> LockEventAsync(WriteScope scope, Guid id, CancellationToken ct) =>
        await scope.Connection.ExecuteAsync(new CommandDefinition(
            "UPDATE events SET version = version WHERE id = @Id AND deleted_at IS NULL", new { Id = id }, scope.Transaction, cancellationToken: ct)) == 1;
}

/// <summary>The event row as stored.</summary>
internal sealed class EventRow
{
    public Guid Id { get; init; }
    public string Title { get; init; } = "";
    public string? Description { get; init; }
    public DateTimeOffset StartsAt { get; init; }
    public DateTimeOffset EndsAt { get; init; }
    public string? VenueName { get; init; }
    public string? VenueStreet { get; init; }
    public string? VenueCity { get; init; }
    public string MunicipalityCode { get; init; } = "";
    public Guid? PartnershipId { get; init; }
    public Guid? PilotId { get; init; }
    public int? Capacity { get; init; }
    public DateTimeOffset? RegistrationOpensAt { get; init; }
    public DateTimeOffset? RegistrationClosesAt { get; init; }
    public string Visibility { get; init; } = "";
    public string Status { get; init; } = "";
    public string Languages { get; init; } = "";
    public string Keywords { get; init; } = "[]";
    public int ConfirmedCount { get; init; }
    public int WaitlistCount { get; init; }
    public int EverPublished { get; init; }
    public DateTimeOffset? PublishedAt { get; init; }
    public Guid? SpaceId { get; init; }
    public Guid? SpaceBookingId { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public long Version { get; init; }

    public EventStatus StatusValue => EnumText.Parse<EventStatus>(Status);

    public EventVisibility VisibilityValue => EnumText.Parse<EventVisibility>(Visibility);

    /// <summary>Registration opens at the given instant, else when the event was published.</summary>
    public DateTimeOffset? OpensAt => RegistrationOpensAt ?? PublishedAt;

    /// <summary>Registration closes at the given instant, else when the event starts.</summary>
    public DateTimeOffset ClosesAt => RegistrationClosesAt ?? StartsAt;

    /// <summary>The venue on one line (name, street, city; the parts given), as calendars and messages show it; null when none.</summary>
    public string? Place =>
        string.Join(", ", new[] { VenueName, VenueStreet, VenueCity }.Where(p => !string.IsNullOrWhiteSpace(p))) is { Length: > 0 } place ? place : null;

    public CommunityEventResponse ToResponse(IReadOnlyList<Guid> organizers) => new(
        Id,
        Title,
        Description,
        StartsAt,
        EndsAt,
        VenueName is null && VenueStreet is null && VenueCity is null ? null : new EventVenue(VenueName, VenueStreet, VenueCity),
        MunicipalityCode,
        organizers,
        PartnershipId,
        PilotId,
        Capacity,
        RegistrationOpensAt,
        RegistrationClosesAt,
        VisibilityValue,
        EventText.ParseLanguages(Languages),
        JsonSerializer.Deserialize<List<string>>(Keywords) ?? [],
        StatusValue,
        ConfirmedCount,
        WaitlistCount,
        PublishedAt,
        SpaceId,
        SpaceBookingId,
        CreatedAt,
        UpdatedAt,
        Version);
}
