using System.Data.Common;
using System.Text.Json;
using CommunityHub.Api.Infrastructure.Http;
using Dapper;

namespace CommunityHub.Api.Features.Events;

/// <summary>The event row as stored, shared by the handlers that read events back.</summary>
internal sealed class EventRow
{
    public const string Columns =
        "e.id, e.title, e.description, e.starts_at, e.ends_at, e.venue_name, e.venue_street, e.venue_city, e.municipality_code, " +
        "e.partnership_id, e.pilot_id, e.capacity, e.registration_opens_at, e.registration_closes_at, e.visibility, e.status, " +
        "e.languages, e.keywords, e.confirmed_count, e.waitlist_count, e.ever_published, e.published_at, e.created_at, e.updated_at, e.version";

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
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public long Version { get; init; }

    public EventStatus StatusValue => EnumText.Parse<EventStatus>(Status);

    public EventVisibility VisibilityValue => EnumText.Parse<EventVisibility>(Visibility);

    /// <summary>Registration opens at the given instant, else when the event was published.</summary>
    public DateTimeOffset? OpensAt => RegistrationOpensAt ?? PublishedAt;

    /// <summary>Registration closes at the given instant, else when the event starts.</summary>
    public DateTimeOffset ClosesAt => RegistrationClosesAt ?? StartsAt;

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
        CreatedAt,
        UpdatedAt,
        Version);

    public static async Task<ILookup<Guid, Guid>> OrganizersAsync(
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

    public static async Task<IReadOnlyList<CommunityEventResponse>> WithOrganizersAsync(
        DbConnection connection, DbTransaction? tx, IReadOnlyList<EventRow> rows, CancellationToken ct)
    {
        var organizers = await OrganizersAsync(connection, tx, rows.Select(r => r.Id), ct);
        return rows.Select(r => r.ToResponse(organizers[r.Id].ToList())).ToList();
    }

    /// <summary>The live (not archived) event, or null.</summary>
    public static Task<EventRow?> FindAsync(DbConnection connection, DbTransaction? tx, Guid id, CancellationToken ct) =>
        connection.QuerySingleOrDefaultAsync<EventRow>(new CommandDefinition(
            $"SELECT {Columns} FROM events e WHERE e.id = @Id AND e.deleted_at IS NULL", new { Id = id }, tx, cancellationToken: ct));
}
