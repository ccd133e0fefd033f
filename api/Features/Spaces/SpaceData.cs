using System.Text.Json;
using CommunityHub.Api.Features.Members;

namespace CommunityHub.Api.Features.Spaces;

/// <summary>What the space handlers (and the bookings, which read a space's rules) share: row, columns, reads, writes.</summary>
public static class SpaceData
{
    public static readonly EntityType Type = new("spaces", InFeed: true);

    /// <summary>The rules a space gets for what its input leaves out.</summary>
    public static readonly SpaceRules DefaultRules = new(30, 480, 30, 0, 0, 90, null, SpaceApproval.Automatic, 24, SpaceBookableBy.Members);

    public const string Columns =
        "s.id, s.name, s.kind, s.description, s.capacity, s.features, s.street, s.postal_code, s.city, s.municipality_code, " +
        "s.opening_hours, s.closures, s.min_minutes, s.max_minutes, s.interval_minutes, s.buffer_before_minutes, " +
        "s.buffer_after_minutes, s.book_ahead_days, s.max_active_per_member, s.approval, s.cancel_hours_before, s.bookable_by, " +
        "s.created_at, s.updated_at, s.version";

    private static readonly JsonSerializerOptions StoredJson = Json.Options;

    /// <summary>The live space, or 404. A municipality-bound API key sees only its municipality's spaces.</summary>
    internal static async Task<SpaceRow> GetOrThrowAsync(DbConnection connection, DbTransaction? tx, Guid id, string? municipalityScope, CancellationToken ct) =>
        await connection.QuerySingleOrDefaultAsync<SpaceRow>(new CommandDefinition(
            $"SELECT {Columns} FROM spaces s WHERE s.id = @Id AND s.deleted_at IS NULL AND (@Scope IS NULL OR s.municipality_code = @Scope)",
            new { Id = id, Scope = municipalityScope },
            tx,
            cancellationToken: ct)) ?? throw new NotFoundException("Space", id);

    /// <summary>
    /// Takes the space's row lock for the rest of the write (an UPDATE of its lock counter: SQL Server holds the row's
    /// exclusive lock to commit; SQLite's write transaction already excludes every other writer), then reads it. Every
    /// booking write of the space does this first, so overlap checks and inserts of one space run one after another.
    /// </summary>
    internal static async Task<SpaceRow> LockAsync(WriteScope scope, Guid id, CancellationToken ct)
    {
        var locked = await scope.Connection.ExecuteAsync(new CommandDefinition(
            "UPDATE spaces SET lock_seq = lock_seq + 1 WHERE id = @Id AND deleted_at IS NULL",
            new { Id = id },
            scope.Transaction,
            cancellationToken: ct));
        if (locked == 0)
        {
            throw new NotFoundException("Space", id);
        }
        return await GetOrThrowAsync(scope.Connection, scope.Transaction, id, null, ct);
    }

    /// <summary>
    /// The space's busy intervals overlapping <paramref name="from"/>–<paramref name="to"/>: live bookings and blocks with
    /// their buffers, overlapping or touching ones joined (so the answer tells time, not how many bookings or whose).
    /// </summary>
    internal static async Task<IReadOnlyList<TimeInterval>> BusyAsync(DbConnection connection, Guid spaceId, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var rows = await connection.QueryAsync<Bookings.IntervalRow>(new CommandDefinition(
            $"""
            SELECT busy_from AS StartsAt, busy_to AS EndsAt FROM bookings
            WHERE space_id = @SpaceId AND status IN {Bookings.BookingData.LiveStatuses} AND busy_from < @To AND busy_to > @From
            ORDER BY busy_from
            """,
            new { SpaceId = spaceId, From = from, To = to },
            cancellationToken: ct));
        var merged = new List<TimeInterval>();
        foreach (var row in rows)
        {
            if (merged.Count > 0 && merged[^1].EndsAt >= row.StartsAt)
            {
                merged[^1] = merged[^1] with { EndsAt = row.EndsAt > merged[^1].EndsAt ? row.EndsAt : merged[^1].EndsAt };
            }
            else
            {
                merged.Add(row.ToInterval());
            }
        }
        return merged;
    }

    internal static SpaceRules RulesOf(SpaceRulesInput? input)
    {
        var d = DefaultRules;
        if (input is null)
        {
            return d;
        }
        return new SpaceRules(
            input.MinMinutes ?? d.MinMinutes,
            input.MaxMinutes ?? d.MaxMinutes,
            input.IntervalMinutes ?? d.IntervalMinutes,
            input.BufferBeforeMinutes ?? d.BufferBeforeMinutes,
            input.BufferAfterMinutes ?? d.BufferAfterMinutes,
            input.BookAheadDays ?? d.BookAheadDays,
            input.MaxActivePerMember,
            input.Approval ?? d.Approval,
            input.CancelHoursBefore ?? d.CancelHoursBefore,
            input.BookableBy ?? d.BookableBy);
    }

    /// <summary>The column values create and update both write.</summary>
    internal static object ColumnValues(Guid id, SpaceInput input, long version, DateTimeOffset now)
    {
        var rules = RulesOf(input.Rules);
        return new
        {
            Id = id,
            Name = input.Name!.Trim(),
            NameSearch = FinnishText.SearchKey(input.Name),
            Kind = EnumText.Name(input.Kind!.Value),
            Description = string.IsNullOrWhiteSpace(input.Description) ? null : input.Description.Trim(),
            input.Capacity,
            Features = JsonSerializer.Serialize((input.Features ?? []).Distinct().Select(EnumText.Name).ToList()),
            Street = input.Address?.Street?.Trim(),
            PostalCode = input.Address?.PostalCode?.Trim(),
            City = input.Address?.City?.Trim(),
            input.MunicipalityCode,
            OpeningHours = JsonSerializer.Serialize(
                (input.OpeningHours ?? []).Select(h => new OpeningHours(h.Weekday, h.Opens!, h.Closes!))
                    .OrderBy(h => h.Weekday).ThenBy(h => h.Opens, StringComparer.Ordinal).ToList(), StoredJson),
            Closures = JsonSerializer.Serialize(
                (input.Closures ?? []).Select(c => new SpaceClosure(c.From!.Value, c.To!.Value, c.Reason!.Trim())).OrderBy(c => c.From).ToList(), StoredJson),
            rules.MinMinutes,
            rules.MaxMinutes,
            rules.IntervalMinutes,
            rules.BufferBeforeMinutes,
            rules.BufferAfterMinutes,
            rules.BookAheadDays,
            rules.MaxActivePerMember,
            Approval = EnumText.Name(rules.Approval),
            rules.CancelHoursBefore,
            BookableBy = EnumText.Name(rules.BookableBy),
            Version = version,
            Now = now,
        };
    }

    internal static IReadOnlyList<T> FromJson<T>(string json) => JsonSerializer.Deserialize<List<T>>(json, StoredJson) ?? [];
}

/// <summary>The space row as stored.</summary>
internal sealed class SpaceRow
{
    public Guid Id { get; init; }
    public string Name { get; init; } = "";
    public string Kind { get; init; } = "";
    public string? Description { get; init; }
    public int? Capacity { get; init; }
    public string Features { get; init; } = "[]";
    public string? Street { get; init; }
    public string? PostalCode { get; init; }
    public string? City { get; init; }
    public string MunicipalityCode { get; init; } = "";
    public string OpeningHours { get; init; } = "[]";
    public string Closures { get; init; } = "[]";
    public int MinMinutes { get; init; }
    public int? MaxMinutes { get; init; }
    public int IntervalMinutes { get; init; }
    public int BufferBeforeMinutes { get; init; }
    public int BufferAfterMinutes { get; init; }
    public int BookAheadDays { get; init; }
    public int? MaxActivePerMember { get; init; }
    public string Approval { get; init; } = "";
    public int CancelHoursBefore { get; init; }
    public string BookableBy { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public long Version { get; init; }

    private IReadOnlyList<OpeningHours>? hours;
    private IReadOnlyList<SpaceClosure>? closures;

    public IReadOnlyList<OpeningHours> Hours => hours ??= SpaceData.FromJson<OpeningHours>(OpeningHours);

    public IReadOnlyList<SpaceClosure> ClosureList => closures ??= SpaceData.FromJson<SpaceClosure>(Closures);

    public SpaceRules Rules => new(
        MinMinutes, MaxMinutes, IntervalMinutes, BufferBeforeMinutes, BufferAfterMinutes, BookAheadDays, MaxActivePerMember,
        EnumText.Parse<SpaceApproval>(Approval), CancelHoursBefore, EnumText.Parse<SpaceBookableBy>(BookableBy));

    public SpaceResponse ToResponse() => new(
        Id,
        Name,
        EnumText.Parse<SpaceKind>(Kind),
        Description,
        Capacity,
        SpaceData.FromJson<string>(Features).Select(EnumText.Parse<SpaceFeature>).ToList(),
        new MemberAddress(Street, PostalCode, City),
        MunicipalityCode,
        Hours,
        ClosureList,
        Rules,
        CreatedAt,
        UpdatedAt,
        Version);
}
