using CommunityHub.Api.Infrastructure.Data;
using CommunityHub.Api.Infrastructure.Http;
using CommunityHub.Api.Infrastructure.Security;
using Dapper;
using FluentValidation;
using MediatR;

namespace CommunityHub.Api.Features.Events;

/// <summary>
/// Registers someone for a published event inside its registration window: confirmed while seats are free, otherwise
/// waitlisted. <paramref name="IdempotencyKey"/> makes a retry return the first answer. <paramref name="At"/> is for the
/// demo seeder only (registrations of past demo events); requests always use the clock.
/// </summary>
public sealed record RegisterForCommunityEventCommand(Guid EventId, RegistrationInput Input, string? IdempotencyKey, DateTimeOffset? At = null)
    : IRequest<RegistrationReceipt>;

public sealed class RegisterForCommunityEventValidator : AbstractValidator<RegisterForCommunityEventCommand>
{
    public RegisterForCommunityEventValidator()
    {
        RuleFor(c => c.IdempotencyKey).MaximumLength(200).Must(k => k is null || k.Trim().Length > 0)
            .WithMessage("Idempotency-Key must be 1–200 characters.").OverridePropertyName("Idempotency-Key");
    }
}

public sealed class RegisterForCommunityEventHandler(Db db, ChangeLog changes, TimeProvider clock, ICurrentUser user, AuthSettings auth)
    : IRequestHandler<RegisterForCommunityEventCommand, RegistrationReceipt>
{
    public async Task<RegistrationReceipt> Handle(RegisterForCommunityEventCommand request, CancellationToken ct)
    {
        if (user.IsApiKey)
        {
            throw new ForbiddenException("API keys only read.");
        }
        var input = request.Input;
        var email = input.Email!.Trim();
        var emailKey = EventText.NormalizeEmail(email);
        var now = request.At ?? clock.GetUtcNow();

        // One atomic step: lock the event, check seats, insert, recount. See EventWrites.LockEventAsync.
        await using var scope = await db.BeginWriteAsync(ct);
        if (!await EventWrites.LockEventAsync(scope, request.EventId, ct))
        {
            throw new NotFoundException("Event", request.EventId);
        }
        var current = (await EventRow.FindAsync(scope.Connection, scope.Transaction, request.EventId, ct))!;
        if (!EventAccess.CanRead(user, current))
        {
            throw new NotFoundException("Event", request.EventId);
        }

        if (request.IdempotencyKey is { } key)
        {
            var earlier = await scope.Connection.QuerySingleOrDefaultAsync<RegistrationRow>(new CommandDefinition(
                $"SELECT {RegistrationRow.Columns} FROM registrations r WHERE r.event_id = @EventId AND r.idempotency_key = @Key",
                new { request.EventId, Key = key },
                scope.Transaction,
                cancellationToken: ct));
            if (earlier is not null)
            {
                if (earlier.EmailNormalized != emailKey)
                {
                    throw new ConflictException("This Idempotency-Key was already used for a different registration.");
                }
                return new RegistrationReceipt(
                    earlier.Id, EnumText.Parse<RegistrationStatus>(earlier.FirstStatus), earlier.FirstWaitlistPosition, RegistrationTokens.For(auth, earlier.Id));
            }
        }

        EnsureOpen(current, now);
        var duplicate = await scope.Connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COUNT(*) FROM registrations WHERE event_id = @EventId AND email_normalized = @Email AND status <> 'cancelled'",
            new { request.EventId, Email = emailKey },
            scope.Transaction,
            cancellationToken: ct));
        if (duplicate > 0)
        {
            throw new ConflictException($"{email} is already registered for this event.");
        }
        if (input.MemberId is { } memberId && await scope.Connection.ExecuteScalarAsync<int>(new CommandDefinition(
                "SELECT COUNT(*) FROM members WHERE id = @Id AND deleted_at IS NULL", new { Id = memberId }, scope.Transaction, cancellationToken: ct)) == 0)
        {
            throw new FieldValidationException("memberId", "No member has this id.");
        }

        var counts = await scope.Connection.QuerySingleAsync<(int Confirmed, int Waitlisted, int LastSeq)>(new CommandDefinition(
            """
            SELECT
                (SELECT COUNT(*) FROM registrations WHERE event_id = @EventId AND status = 'confirmed'),
                (SELECT COUNT(*) FROM registrations WHERE event_id = @EventId AND status = 'waitlisted'),
                (SELECT COALESCE(MAX(queue_seq), 0) FROM registrations WHERE event_id = @EventId)
            """,
            new { request.EventId },
            scope.Transaction,
            cancellationToken: ct));
        var confirmed = current.Capacity is not { } capacity || counts.Confirmed < capacity;
        var status = confirmed ? RegistrationStatus.Confirmed : RegistrationStatus.Waitlisted;
        int? position = confirmed ? null : counts.Waitlisted + 1;
        var id = Guid.CreateVersion7(now);
        var token = RegistrationTokens.For(auth, id);
        await scope.Connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO registrations (id, event_id, name, email, email_normalized, member_id, notes, status, queue_seq,
                cancel_token_hash, idempotency_key, first_status, first_waitlist_position, created_at, updated_at)
            VALUES (@Id, @EventId, @Name, @Email, @EmailNormalized, @MemberId, @Notes, @Status, @QueueSeq,
                @TokenHash, @IdempotencyKey, @Status, @Position, @Now, @Now)
            """,
            new
            {
                Id = id,
                request.EventId,
                Name = input.Name!.Trim(),
                Email = email,
                EmailNormalized = emailKey,
                input.MemberId,
                input.Notes,
                Status = EnumText.Name(status),
                QueueSeq = counts.LastSeq + 1,
                TokenHash = RegistrationTokens.Hash(token),
                request.IdempotencyKey,
                Position = position,
                Now = now,
            },
            scope.Transaction,
            cancellationToken: ct));
        await EventWrites.TouchAsync(scope, changes, current, ChangeOp.Update, now, ct);
        await scope.CommitAsync(ct);
        return new RegistrationReceipt(id, status, position, token);
    }

    private static void EnsureOpen(EventRow current, DateTimeOffset now)
    {
        var status = current.StatusValue;
        if (status == EventStatus.Cancelled)
        {
            throw new ConflictException("The event has been cancelled: it takes no registrations.");
        }
        if (!EventLifecycle.TakesRegistrations(status))
        {
            throw new ConflictException($"The event is {EnumText.Name(status)}: only published events take registrations.");
        }
        if (current.OpensAt is { } opens && now < opens)
        {
            throw new ConflictException(
                $"Registration has not opened yet: it opens at {EventTime.Describe(opens)}.",
                new Dictionary<string, object?> { ["registrationOpensAt"] = opens });
        }
        if (now >= current.ClosesAt)
        {
            throw new ConflictException(
                $"Registration has closed: it closed at {EventTime.Describe(current.ClosesAt)}.",
                new Dictionary<string, object?> { ["registrationClosesAt"] = current.ClosesAt });
        }
    }
}

/// <summary>A registration row as stored.</summary>
internal sealed class RegistrationRow
{
    public const string Columns =
        "r.id, r.event_id, r.name, r.email, r.email_normalized, r.member_id, r.notes, r.status, r.queue_seq, r.first_status, " +
        "r.first_waitlist_position, r.created_at, r.updated_at, r.cancelled_at";

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
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public DateTimeOffset? CancelledAt { get; init; }
}
