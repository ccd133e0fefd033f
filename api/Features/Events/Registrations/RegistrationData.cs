using CommunityHub.Api.Infrastructure.Time;

namespace CommunityHub.Api.Features.Events.Registrations;

/// <summary>What the registration handlers share: the rows, who may list them, taking a seat, and the seat counts.</summary>
public static class RegistrationData
{
    public static readonly EntityType FeedbackType = new("event_feedback");

    /// <summary>The registration columns plus the current waiting-list place (rank among the waitlisted by arrival).</summary>
    public const string ListColumns =
        "r.id, r.name, r.email, r.member_id, r.notes, r.status, r.queue_seq, r.created_at, r.updated_at, r.cancelled_at, " +
        "CASE WHEN r.status = 'waitlisted' THEN (SELECT COUNT(*) FROM registrations w " +
        "WHERE w.event_id = r.event_id AND w.status = 'waitlisted' AND w.queue_seq <= r.queue_seq) END AS waitlist_position";

    internal static async Task EnsureMayListAsync(DbConnection connection, ICurrentUser user, Guid eventId, CancellationToken ct)
    {
        var row = await CommunityEventData.GetOrThrowAsync(connection, null, eventId, ct);
        var organizers = (await CommunityEventData.OrganizersAsync(connection, null, [row.Id], ct))[row.Id];
        if (!EventAccess.Manages(user, organizers))
        {
            throw new ForbiddenException(Texts.Get("registration.forbidden"));
        }
    }

    /// <summary>The live (not cancelled) registration of the address for the event, or null.</summary>
    internal static async Task<Registrant?> FindByEmailAsync(WriteScope scope, Guid eventId, string email, CancellationToken ct) =>
        await scope.Connection.QuerySingleOrDefaultAsync<Registrant>(new CommandDefinition(
            $"SELECT {Registrant.Columns} FROM registrations r WHERE r.event_id = @EventId AND r.email_normalized = @Email AND r.status <> 'cancelled'",
            new { EventId = eventId, Email = EmailAddresses.Normalize(email) },
            scope.Transaction,
            cancellationToken: ct));

    /// <summary>
    /// Takes a registration for the locked event <paramref name="current"/> as of <paramref name="now"/>: inside its
    /// window, one per email, confirmed while seats are free, otherwise waitlisted. The caller has locked the event
    /// (<see cref="CommunityEventData.LockOrThrowAsync"/>), checked who may register and that the address is not
    /// registered already (<see cref="FindByEmailAsync"/>; the unique index refuses a second one anyway).
    /// </summary>
    internal static async Task<RegistrationReceipt> RegisterAsync(
        WriteScope scope, ChangeLog changes, AuthSettings auth, EventRow current, RegistrationInput input, string language,
        DateTimeOffset now, CancellationToken ct)
    {
        var email = input.Email!.Trim();
        EnsureOpen(current, now);
        if (input.MemberId is { } memberId && await scope.Connection.ExecuteScalarAsync<int>(new CommandDefinition(
                "SELECT COUNT(*) FROM members WHERE id = @Id AND deleted_at IS NULL", new { Id = memberId }, scope.Transaction, cancellationToken: ct)) == 0)
        {
            throw new FieldValidationException("memberId", Texts.Get("unknown.member"));
        }

        var counts = await scope.Connection.QuerySingleAsync<(int Confirmed, int Waitlisted, int LastSeq)>(new CommandDefinition(
            """
            SELECT
                (SELECT COUNT(*) FROM registrations WHERE event_id = @EventId AND status = 'confirmed'),
                (SELECT COUNT(*) FROM registrations WHERE event_id = @EventId AND status = 'waitlisted'),
                (SELECT COALESCE(MAX(queue_seq), 0) FROM registrations WHERE event_id = @EventId)
            """,
            new { EventId = current.Id },
            scope.Transaction,
            cancellationToken: ct));
        var confirmed = current.Capacity is not { } capacity || counts.Confirmed < capacity;
        var status = confirmed ? RegistrationStatus.Confirmed : RegistrationStatus.Waitlisted;
        int? position = confirmed ? null : counts.Waitlisted + 1;
        var id = Guid.CreateVersion7(now);
        await scope.Connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO registrations (id, event_id, name, email, email_normalized, member_id, notes, status, queue_seq,
                cancel_token_hash, language, first_status, first_waitlist_position, created_at, updated_at)
            VALUES (@Id, @EventId, @Name, @Email, @EmailNormalized, @MemberId, @Notes, @Status, @QueueSeq,
                @TokenHash, @Language, @Status, @Position, @Now, @Now)
            """,
            new
            {
                Id = id,
                EventId = current.Id,
                Name = input.Name!.Trim(),
                Email = email,
                EmailNormalized = EmailAddresses.Normalize(email),
                input.MemberId,
                input.Notes,
                Status = EnumText.Name(status),
                QueueSeq = counts.LastSeq + 1,
                TokenHash = RegistrationTokens.Hash(RegistrationTokens.For(auth, id)),
                Language = language,
                Position = position,
                Now = now,
            },
            scope.Transaction,
            cancellationToken: ct));
        await TouchAsync(scope, changes, current, ChangeOp.Update, now, ct);
        return new RegistrationReceipt(id, status, position);
    }

    /// <summary>Refuses a registration the event does not take now (cancelled, not published, outside the window): 409.</summary>
    internal static void EnsureTakesRegistrations(EventRow current, DateTimeOffset now) => EnsureOpen(current, now);

    private static void EnsureOpen(EventRow current, DateTimeOffset now)
    {
        var status = current.StatusValue;
        if (status == EventStatus.Cancelled)
        {
            throw new ConflictException(Texts.Get("registration.eventCancelled"));
        }
        if (!EventLifecycle.TakesRegistrations(status))
        {
            throw new ConflictException(Texts.Get("registration.notPublished", EnumText.Label(status)));
        }
        if (current.OpensAt is { } opens && now < opens)
        {
            throw new ConflictException(
                Texts.Get("registration.notOpen", Helsinki.Describe(opens)),
                new Dictionary<string, object?> { ["registrationOpensAt"] = opens });
        }
        if (now >= current.ClosesAt)
        {
            throw new ConflictException(
                Texts.Get("registration.closed", Helsinki.Describe(current.ClosesAt)),
                new Dictionary<string, object?> { ["registrationClosesAt"] = current.ClosesAt });
        }
    }

    /// <summary>Bumps the event's version after its counts changed and appends the feed/audit entries.</summary>
    internal static async Task<long> TouchAsync(WriteScope scope, ChangeLog changes, EventRow current, ChangeOp op, DateTimeOffset now, CancellationToken ct)
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
    internal static Task RecountAsync(WriteScope scope, Guid id, CancellationToken ct) =>
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

    /// <summary>
    /// Moves the first people on the waiting list to confirmed while seats are free (capacity null: all of them) and
    /// queues each one's "you have a seat" message with <paramref name="mails"/>, about the event as <paramref name="current"/>.
    /// </summary>
    internal static async Task PromoteAsync(
        WriteScope scope, RegistrationMails mails, EventRow current, int? capacity, DateTimeOffset now, CancellationToken ct)
    {
        var confirmed = await scope.Connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COUNT(*) FROM registrations WHERE event_id = @Id AND status = 'confirmed'", new { current.Id }, scope.Transaction, cancellationToken: ct));
        var free = capacity is { } seats ? seats - confirmed : int.MaxValue;
        if (free <= 0)
        {
            return;
        }
        var waiting = (await scope.Connection.QueryAsync<Guid>(new CommandDefinition(
            "SELECT id FROM registrations WHERE event_id = @Id AND status = 'waitlisted' ORDER BY queue_seq",
            new { current.Id },
            scope.Transaction,
            cancellationToken: ct))).Take(free).ToList();
        if (waiting.Count == 0)
        {
            return;
        }
        await scope.Connection.ExecuteAsync(new CommandDefinition(
            "UPDATE registrations SET status = 'confirmed', updated_at = @Now WHERE id = @Id",
            waiting.Select(id => new { Id = id, Now = now }).ToList(),
            scope.Transaction,
            cancellationToken: ct));
        foreach (var id in waiting)
        {
            await mails.PromotedAsync(scope, current, await RegistrationMails.ReadAsync(scope, id, ct), ct);
        }
    }
}

/// <summary>A registration row as stored.</summary>
internal sealed class RegistrationRow
{
    public const string Columns =
        "r.id, r.event_id, r.name, r.email, r.email_normalized, r.member_id, r.notes, r.status, r.queue_seq, r.first_status, " +
        "r.first_waitlist_position, r.idempotency_request_hash, r.created_at, r.updated_at, r.cancelled_at";

    public Guid Id { get; init; }
    public Guid EventId { get; init; }
    public string Name { get; init; } = "";
    public string Email { get; init; } = "";
    public string EmailNormalized { get; init; } = "";
    public Guid? MemberId { get; init; }
    public string? Notes { get; init; }
    public string Status { get; init; } = "";
    public int QueueSeq { get; init; }
    public string FirstStatus { get; init; } = "";
    public int? FirstWaitlistPosition { get; init; }
    public string? IdempotencyRequestHash { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public DateTimeOffset? CancelledAt { get; init; }
}

public sealed class RegistrationListRow
{
    public Guid Id { get; init; }
    public string Name { get; init; } = "";
    public string Email { get; init; } = "";
    public Guid? MemberId { get; init; }
    public string? Notes { get; init; }
    public string Status { get; init; } = "";
    public int QueueSeq { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public DateTimeOffset? CancelledAt { get; init; }
    public int? WaitlistPosition { get; init; }

    public RegistrationResponse ToResponse() => new(
        Id, Name, Email, MemberId, Notes, EnumText.Parse<RegistrationStatus>(Status), WaitlistPosition, CreatedAt, UpdatedAt, CancelledAt);
}
