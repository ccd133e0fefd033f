namespace CommunityHub.Api.Features.Spaces.Bookings;

/// <summary>
/// What the booking handlers share: the row and columns, who sees what, the checks a new time must pass in the space's
/// locked write (rules, quota, overlap), the insert, and the one place a booking's status moves (<see cref="MoveAsync"/>).
/// </summary>
public static class BookingData
{
    public static readonly EntityType Type = new("bookings", InFeed: true);

    /// <summary>Statuses that hold the booking's time.</summary>
    public const string LiveStatuses = "('requested', 'confirmed', 'blocked')";

    public const string From = "bookings b JOIN spaces s ON s.id = b.space_id LEFT JOIN members m ON m.id = b.member_id";

    public const string Columns =
        "b.id, b.space_id, b.member_id, m.name AS member_name, b.series_id, b.kind, b.status, b.purpose, b.attendees, b.starts_at, " +
        "b.ends_at, b.booked_by_id, b.booked_by_name, b.override_reason, b.created_at, b.updated_at, b.version, s.municipality_code";

    internal static async Task<BookingRow> GetOrThrowAsync(DbConnection connection, DbTransaction? tx, Guid id, string? municipalityScope, CancellationToken ct) =>
        await connection.QuerySingleOrDefaultAsync<BookingRow>(new CommandDefinition(
            $"SELECT {Columns} FROM {From} WHERE b.id = @Id AND (@Scope IS NULL OR s.municipality_code = @Scope)",
            new { Id = id, Scope = municipalityScope },
            tx,
            cancellationToken: ct)) ?? throw new NotFoundException("Booking", id);

    /// <summary>Staff, viewers and keys read every booking; a member editor only its own member's (others are busy time only).</summary>
    internal static void EnsureMayRead(ICurrentUser user, BookingRow row)
    {
        if (user.Role == Role.MemberEditor && (row.MemberId is null || row.MemberId != user.MemberId))
        {
            throw new ForbiddenException(Texts.Get("booking.othersForbidden"));
        }
    }

    /// <summary>Staff act on every booking; a member editor on its own member's bookings only.</summary>
    internal static void EnsureMayAct(ICurrentUser user, Guid? memberId)
    {
        if (!user.IsStaff() && !(user.Role == Role.MemberEditor && memberId is not null && user.MemberId == memberId))
        {
            throw new ForbiddenException(Texts.Get("booking.forbidden"));
        }
    }

    /// <summary>Who booked is never shown to a machine: keys see the member organisation only.</summary>
    internal static BookingResponse Shown(this BookingRow row, ICurrentUser user) => row.ToResponse(showPerson: !user.IsApiKey);

    /// <summary>
    /// The refusal, if any, of a booking of <paramref name="space"/> for <paramref name="startsAt"/>–<paramref name="endsAt"/>:
    /// the rules (unless <paramref name="rulesApply"/> is false: a staff override or a block), then the member's quota.
    /// Runs inside the space's lock (<see cref="SpaceData.LockAsync"/>).
    /// </summary>
    internal static async Task<RuleBreach?> CheckRulesAsync(
        WriteScope scope, SpaceRow space, Guid? memberId, DateTimeOffset startsAt, DateTimeOffset endsAt, bool rulesApply, Guid? except,
        DateTimeOffset now, CancellationToken ct)
    {
        if (!rulesApply)
        {
            return null;
        }
        var rules = space.Rules;
        if (BookingRules.Check(rules, space.Hours, space.ClosureList, startsAt, endsAt, now) is { } breach)
        {
            return breach;
        }
        if (rules.MaxActivePerMember is { } quota && memberId is not null)
        {
            var active = await scope.Connection.ExecuteScalarAsync<int>(new CommandDefinition(
                $"""
                SELECT COUNT(*) FROM bookings WHERE space_id = @SpaceId AND member_id = @MemberId AND status IN {LiveStatuses}
                AND ends_at > @Now AND (@Except IS NULL OR id <> @Except)
                """,
                new { SpaceId = space.Id, MemberId = memberId, Now = now, Except = except },
                scope.Transaction,
                cancellationToken: ct));
            if (active >= quota)
            {
                return new RuleBreach(BookingRefusal.Quota, "memberId", Texts.Get("booking.quota", quota));
            }
        }
        return null;
    }

    /// <summary>The busy interval of a booking: its time with the space's buffers (none for a block).</summary>
    internal static TimeInterval Busy(SpaceRow space, BookingKind kind, DateTimeOffset startsAt, DateTimeOffset endsAt) =>
        kind == BookingKind.Block
            ? new TimeInterval(startsAt, endsAt)
            : new TimeInterval(startsAt.AddMinutes(-space.BufferBeforeMinutes), endsAt.AddMinutes(space.BufferAfterMinutes));

    /// <summary>
    /// The live bookings of the space that clash with this time: one's time falls in the other's busy interval (buffers
    /// included). Their times only, never who booked.
    /// </summary>
    internal static async Task<IReadOnlyList<TimeInterval>> ConflictsAsync(
        WriteScope scope, Guid spaceId, TimeInterval time, TimeInterval busy, Guid? except, CancellationToken ct) =>
        (await scope.Connection.QueryAsync<IntervalRow>(new CommandDefinition(
            $"""
            SELECT starts_at AS StartsAt, ends_at AS EndsAt FROM bookings
            WHERE space_id = @SpaceId AND status IN {LiveStatuses} AND busy_from < @BusyTo AND busy_to > @BusyFrom
            AND ((busy_from < @EndsAt AND busy_to > @StartsAt) OR (starts_at < @BusyTo AND ends_at > @BusyFrom))
            AND (@Except IS NULL OR id <> @Except)
            ORDER BY starts_at
            """,
            new { SpaceId = spaceId, time.StartsAt, time.EndsAt, BusyFrom = busy.StartsAt, BusyTo = busy.EndsAt, Except = except },
            scope.Transaction,
            cancellationToken: ct))).Select(r => r.ToInterval()).ToList();

    internal static ConflictException Clash(IReadOnlyList<TimeInterval> conflicts) => new(
        Texts.Get("booking.overlap", string.Join(", ", conflicts.Select(c => Infrastructure.Time.Helsinki.Describe(c.StartsAt)))),
        new Dictionary<string, object?> { ["conflicts"] = conflicts.Select(c => new { startsAt = c.StartsAt, endsAt = c.EndsAt }).ToArray() });

    internal sealed record NewBooking(
        Guid Id, SpaceRow Space, Guid? MemberId, Guid? SeriesId, BookingKind Kind, BookingStatus Status, string? Purpose, int? Attendees,
        DateTimeOffset StartsAt, DateTimeOffset EndsAt, string? OverrideReason);

    /// <summary>Inserts the booking, its first history entry (from nothing, with the override reason) and its feed entry.</summary>
    internal static async Task InsertAsync(WriteScope scope, ChangeLog changes, ICurrentUser user, NewBooking booking, DateTimeOffset now, CancellationToken ct)
    {
        var busy = Busy(booking.Space, booking.Kind, booking.StartsAt, booking.EndsAt);
        await scope.Connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO bookings (id, space_id, member_id, series_id, kind, status, purpose, attendees, starts_at, ends_at, busy_from, busy_to,
                override_reason, booked_by_id, booked_by_name, created_at, updated_at, version)
            VALUES (@Id, @SpaceId, @MemberId, @SeriesId, @Kind, @Status, @Purpose, @Attendees, @StartsAt, @EndsAt, @BusyFrom, @BusyTo,
                @OverrideReason, @BookedById, @BookedByName, @Now, @Now, 1)
            """,
            new
            {
                booking.Id,
                SpaceId = booking.Space.Id,
                booking.MemberId,
                booking.SeriesId,
                Kind = EnumText.Name(booking.Kind),
                Status = EnumText.Name(booking.Status),
                Purpose = string.IsNullOrWhiteSpace(booking.Purpose) ? null : booking.Purpose.Trim(),
                booking.Attendees,
                booking.StartsAt,
                booking.EndsAt,
                BusyFrom = busy.StartsAt,
                BusyTo = busy.EndsAt,
                booking.OverrideReason,
                BookedById = user.Subject,
                BookedByName = user.DisplayName,
                Now = now,
            },
            scope.Transaction,
            cancellationToken: ct));
        await AddHistoryAsync(scope, user, booking.Id, null, booking.Status, booking.OverrideReason, now, ct);
        await changes.RecordAsync(scope, Type, booking.Id, ChangeOp.Create, 1, booking.Space.MunicipalityCode, ct);
    }

    /// <summary>
    /// The one place a booking's status changes (confirm, deny, cancel — by a person, a series' cancellation or the space's
    /// archiving): the row at its next version, the history entry with the reason, and the feed entry.
    /// </summary>
    internal static async Task<long> MoveAsync(
        WriteScope scope, ChangeLog changes, ICurrentUser user, BookingRow current, BookingStatus to, string? reason, DateTimeOffset now, CancellationToken ct)
    {
        var version = current.Version + 1;
        var updated = await scope.Connection.ExecuteAsync(new CommandDefinition(
            "UPDATE bookings SET status = @To, updated_at = @Now, version = @Version WHERE id = @Id AND version = @Version - 1",
            new { current.Id, To = EnumText.Name(to), Now = now, Version = version },
            scope.Transaction,
            cancellationToken: ct));
        PreconditionFailedException.ThrowIfNoneChanged(updated, current.Version);
        await AddHistoryAsync(scope, user, current.Id, current.ParsedStatus, to, reason, now, ct);
        await changes.RecordAsync(scope, Type, current.Id, ChangeOp.Transition, version, current.MunicipalityCode, ct);
        return version;
    }

    /// <summary>Cancels the live bookings matching <paramref name="condition"/> that have not yet ended (a series, a space).</summary>
    internal static async Task<IReadOnlyList<BookingRow>> CancelFutureAsync(
        WriteScope scope, ChangeLog changes, ICurrentUser user, string condition, object parameters, string reason,
        DateTimeOffset now, CancellationToken ct)
    {
        var args = new DynamicParameters(parameters);
        args.Add("Now", now);
        var rows = (await scope.Connection.QueryAsync<BookingRow>(new CommandDefinition(
            $"SELECT {Columns} FROM {From} WHERE b.{condition} AND b.status IN {LiveStatuses} AND b.ends_at > @Now ORDER BY b.starts_at",
            args,
            scope.Transaction,
            cancellationToken: ct))).AsList();
        foreach (var row in rows)
        {
            await MoveAsync(scope, changes, user, row, BookingStatus.Cancelled, reason, now, ct);
        }
        return rows;
    }

    private static Task AddHistoryAsync(
        WriteScope scope, ICurrentUser user, Guid id, BookingStatus? from, BookingStatus to, string? reason, DateTimeOffset now, CancellationToken ct) =>
        scope.Connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO booking_transitions (booking_id, seq, at, actor_id, actor_name, from_status, to_status, reason)
            SELECT @Id, COALESCE(MAX(seq), 0) + 1, @Now, @ActorId, @ActorName, @From, @To, @Reason FROM booking_transitions WHERE booking_id = @Id
            """,
            new
            {
                Id = id,
                Now = now,
                ActorId = user.Subject,
                ActorName = user.DisplayName,
                From = from is { } f ? EnumText.Name(f) : null,
                To = EnumText.Name(to),
                Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(),
            },
            scope.Transaction,
            cancellationToken: ct));
}

/// <summary>The booking row as read (with the member's name and the space's municipality).</summary>
internal sealed class BookingRow
{
    public Guid Id { get; init; }
    public Guid SpaceId { get; init; }
    public Guid? MemberId { get; init; }
    public string? MemberName { get; init; }
    public Guid? SeriesId { get; init; }
    public string Kind { get; init; } = "";
    public string Status { get; init; } = "";
    public string? Purpose { get; init; }
    public int? Attendees { get; init; }
    public DateTimeOffset StartsAt { get; init; }
    public DateTimeOffset EndsAt { get; init; }
    public string? BookedById { get; init; }
    public string? BookedByName { get; init; }
    public string? OverrideReason { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public long Version { get; init; }
    public string MunicipalityCode { get; init; } = "";

    public BookingStatus ParsedStatus => EnumText.Parse<BookingStatus>(Status);

    public BookingResponse ToResponse(bool showPerson) => new(
        Id, SpaceId, MemberId, MemberName, SeriesId, EnumText.Parse<BookingKind>(Kind), ParsedStatus, Purpose, Attendees, StartsAt, EndsAt,
        showPerson ? new BookingPerson(BookedById, BookedByName) : null, showPerson ? OverrideReason : null, CreatedAt, UpdatedAt, Version);
}

/// <summary>One history entry as stored.</summary>
internal sealed class BookingTransitionRow
{
    public int Seq { get; init; }
    public DateTimeOffset At { get; init; }
    public string? ActorId { get; init; }
    public string? ActorName { get; init; }
    public string? FromStatus { get; init; }
    public string ToStatus { get; init; } = "";
    public string? Reason { get; init; }
}

/// <summary>A stored interval (Dapper maps rows to classes with setters, not to positional records).</summary>
internal sealed class IntervalRow
{
    public DateTimeOffset StartsAt { get; init; }
    public DateTimeOffset EndsAt { get; init; }

    public TimeInterval ToInterval() => new(StartsAt, EndsAt);
}
