
namespace CommunityHub.Api.Features.Events.Registrations;

/// <summary>
/// Registers someone for a published event inside its registration window: confirmed while seats are free, otherwise
/// waitlisted. <paramref name="IdempotencyKey"/> makes a retry with the same body return the first answer; the same key
/// with another body is a 422.
/// </summary>
public sealed record RegisterForCommunityEventCommand(Guid EventId, RegistrationInput Input, string? IdempotencyKey)
    : IRequest<RegistrationReceipt>;

public sealed class RegisterForCommunityEventValidator : AbstractValidator<RegisterForCommunityEventCommand>
{
    public RegisterForCommunityEventValidator()
    {
        RuleFor(c => c.IdempotencyKey).MaximumLength(200).Must(k => k is null || k.Trim().Length > 0)
            .WithMessage(_ => Texts.Get("registration.idempotencyKey")).OverridePropertyName("Idempotency-Key");
    }
}

public sealed class RegisterForCommunityEventHandler(Db db, ChangeLog changes, TimeProvider clock, ICurrentUser user, AuthSettings auth)
    : IRequestHandler<RegisterForCommunityEventCommand, RegistrationReceipt>
{
    public async Task<RegistrationReceipt> Handle(RegisterForCommunityEventCommand request, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var hash = request.IdempotencyKey is null ? null : RequestHash(request.Input);

        // One atomic step: lock the event, check seats, insert, recount. See CommunityEventData.LockEventAsync.
        await using var scope = await db.BeginWriteAsync(ct);
        var current = await CommunityEventData.LockOrThrowAsync(scope, request.EventId, ct);
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
                // Rows from before the hash was kept are judged by the address, as they were then.
                var same = earlier.IdempotencyRequestHash is { } stored
                    ? stored == hash
                    : earlier.EmailNormalized == EventText.NormalizeEmail(request.Input.Email!.Trim());
                if (!same)
                {
                    throw new UnprocessableException(Texts.Get("registration.idempotencyReused"));
                }
                return new RegistrationReceipt(
                    earlier.Id, EnumText.Parse<RegistrationStatus>(earlier.FirstStatus), earlier.FirstWaitlistPosition, RegistrationTokens.For(auth, earlier.Id));
            }
        }

        var receipt = await RegistrationData.RegisterAsync(scope, changes, auth, current, request.Input, request.IdempotencyKey, hash, now, ct);
        await scope.CommitAsync(ct);
        return receipt;
    }

    /// <summary>
    /// SHA-256 (hex) of the request body as parsed (the fields, serialised canonically): what a key's replay must match.
    /// Whitespace or property order do not make a different request; any different value does.
    /// </summary>
    internal static string RequestHash(RegistrationInput input) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(input, Json.Options)));
}
