
namespace CommunityHub.Api.Features.Events.Registrations;

/// <summary>
/// Registers someone for a published event inside its registration window: confirmed while seats are free, otherwise
/// waitlisted. Staff and the organisers' editors get the registration's place back (<see cref="RegistrationOutcome.Receipt"/>);
/// everyone else gets the same acknowledgement whether or not the address was registered already — the result goes to
/// the address by mail ("registered", "on the waiting list", or "already registered, here is your link"), so nobody
/// learns from the answer who attends. <paramref name="IdempotencyKey"/> makes a retry with the same body answer as the
/// first time without a second registration or message; the same key with another body is a 422.
/// </summary>
public sealed record RegisterForCommunityEventCommand(Guid EventId, RegistrationInput Input, string? IdempotencyKey)
    : IRequest<RegistrationOutcome>;

/// <summary>The receipt for staff and organisers; null for everyone else (who get <see cref="RegistrationAccepted"/>).</summary>
public sealed record RegistrationOutcome(RegistrationReceipt? Receipt);

public sealed class RegisterForCommunityEventValidator : AbstractValidator<RegisterForCommunityEventCommand>
{
    public RegisterForCommunityEventValidator()
    {
        RuleFor(c => c.IdempotencyKey).MaximumLength(200).Must(k => k is null || k.Trim().Length > 0)
            .WithMessage(_ => Texts.Get("registration.idempotencyKey")).OverridePropertyName("Idempotency-Key");
    }
}

public sealed class RegisterForCommunityEventHandler(
    Db db, ChangeLog changes, TimeProvider clock, ICurrentUser user, AuthSettings auth, RegistrationMails mails)
    : IRequestHandler<RegisterForCommunityEventCommand, RegistrationOutcome>
{
    /// <summary>A second "already registered" message to the same registration within this time is not queued (no mail bombing).</summary>
    private static readonly TimeSpan ExistsMailInterval = TimeSpan.FromMinutes(10);

    public async Task<RegistrationOutcome> Handle(RegisterForCommunityEventCommand request, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var hash = request.IdempotencyKey is null ? null : RequestHash(request.Input);
        var language = request.Input.Language is { } asked ? EnumText.Name(asked) : Texts.Language;

        // One atomic step: lock the event, check seats, insert, recount. See CommunityEventData.LockEventAsync.
        await using var scope = await db.BeginWriteAsync(ct);
        var current = await CommunityEventData.LockOrThrowAsync(scope, request.EventId, ct);
        if (!EventAccess.CanRead(user, current))
        {
            throw new NotFoundException("Event", request.EventId);
        }
        var organizers = (await CommunityEventData.OrganizersAsync(scope.Connection, scope.Transaction, [current.Id], ct))[current.Id];
        var manages = user.IsAuthenticated && EventAccess.Manages(user, organizers);

        if (request.IdempotencyKey is { } key && await ReplayAsync(scope, current.Id, key, hash!, request.Input, manages, ct) is { } replay)
        {
            return replay;
        }

        RegistrationData.EnsureTakesRegistrations(current, now);
        Guid? registrationId;
        RegistrationReceipt? receipt = null;
        if (await RegistrationData.FindByEmailAsync(scope, current.Id, request.Input.Email!, ct) is { } existing)
        {
            if (manages)
            {
                // Staff and organisers read the registrations anyway: for them a duplicate is a plain 409.
                throw new ConflictException(Texts.Get("registration.duplicate"));
            }
            registrationId = null;
            if (!await ExistsMailQueuedRecentlyAsync(scope, existing.Id, now, ct))
            {
                await mails.AlreadyRegisteredAsync(scope, current, existing, ct);
            }
        }
        else
        {
            receipt = await RegistrationData.RegisterAsync(scope, changes, auth, current, request.Input, language, now, ct);
            registrationId = receipt.Id;
            // Who they are and where they stand is known here: no read back inside the event's lock.
            var registrant = new Registrant
            {
                Id = receipt.Id,
                Name = request.Input.Name!.Trim(),
                Email = request.Input.Email!.Trim(),
                Language = language,
                Status = EnumText.Name(receipt.Status),
                WaitlistPosition = receipt.WaitlistPosition,
            };
            await mails.ReceivedAsync(scope, current, registrant, ct);
        }
        if (request.IdempotencyKey is { } newKey)
        {
            await scope.Connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO registration_requests (event_id, idempotency_key, request_hash, registration_id, created_at)
                VALUES (@EventId, @Key, @Hash, @RegistrationId, @Now)
                """,
                new { EventId = current.Id, Key = newKey, Hash = hash, RegistrationId = registrationId, Now = now },
                scope.Transaction,
                cancellationToken: ct));
        }
        await scope.CommitAsync(ct);
        return new RegistrationOutcome(manages ? receipt : null);
    }

    /// <summary>
    /// The answer to a key seen before: the same acknowledgement (or, for staff, the registration's first place) when the
    /// body is the same, 422 when it is not; null for a new key. Keys of registrations made before keys had their own
    /// table are found on the registration itself.
    /// </summary>
    private static async Task<RegistrationOutcome?> ReplayAsync(
        WriteScope scope, Guid eventId, string key, string hash, RegistrationInput input, bool manages, CancellationToken ct)
    {
        var seen = (await scope.Connection.QueryAsync<(string Hash, Guid? RegistrationId)>(new CommandDefinition(
            "SELECT request_hash, registration_id FROM registration_requests WHERE event_id = @EventId AND idempotency_key = @Key",
            new { EventId = eventId, Key = key },
            scope.Transaction,
            cancellationToken: ct))).Select(r => ((string Hash, Guid? RegistrationId)?)r).FirstOrDefault();
        RegistrationRow? earlier = null;
        if (seen is { } request)
        {
            if (request.Hash != hash)
            {
                throw new UnprocessableException(Texts.Get("registration.idempotencyReused"));
            }
            if (request.RegistrationId is { } id)
            {
                earlier = await scope.Connection.QuerySingleOrDefaultAsync<RegistrationRow>(new CommandDefinition(
                    $"SELECT {RegistrationRow.Columns} FROM registrations r WHERE r.id = @Id", new { Id = id }, scope.Transaction, cancellationToken: ct));
            }
        }
        else
        {
            earlier = await scope.Connection.QuerySingleOrDefaultAsync<RegistrationRow>(new CommandDefinition(
                $"SELECT {RegistrationRow.Columns} FROM registrations r WHERE r.event_id = @EventId AND r.idempotency_key = @Key",
                new { EventId = eventId, Key = key },
                scope.Transaction,
                cancellationToken: ct));
            if (earlier is null)
            {
                return null;
            }
            // Rows from before the hash was kept are judged by the address, as they were then.
            var same = earlier.IdempotencyRequestHash is { } stored
                ? stored == hash
                : earlier.EmailNormalized == EmailAddresses.Normalize(input.Email!.Trim());
            if (!same)
            {
                throw new UnprocessableException(Texts.Get("registration.idempotencyReused"));
            }
        }
        return new RegistrationOutcome(manages && earlier is not null
            ? new RegistrationReceipt(earlier.Id, EnumText.Parse<RegistrationStatus>(earlier.FirstStatus), earlier.FirstWaitlistPosition)
            : null);
    }

    private static async Task<bool> ExistsMailQueuedRecentlyAsync(WriteScope scope, Guid registrationId, DateTimeOffset now, CancellationToken ct) =>
        await scope.Connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COUNT(*) FROM mail_outbox WHERE reference_id = @Id AND kind = 'registration_exists' AND created_at > @Since",
            new { Id = registrationId, Since = now - ExistsMailInterval },
            scope.Transaction,
            cancellationToken: ct)) > 0;

    /// <summary>
    /// SHA-256 (hex) of the request body as parsed (the fields, serialised canonically): what a key's replay must match.
    /// Whitespace or property order do not make a different request; any different value does.
    /// </summary>
    internal static string RequestHash(RegistrationInput input) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(input, Json.Options)));
}
