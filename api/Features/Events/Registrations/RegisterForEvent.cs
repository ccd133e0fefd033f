using CommunityHub.Api.Infrastructure.Data;
using CommunityHub.Api.Infrastructure.Http;
using CommunityHub.Api.Infrastructure.Security;
using Dapper;
using FluentValidation;
using MediatR;

namespace CommunityHub.Api.Features.Events.Registrations;

/// <summary>
/// Registers someone for a published event inside its registration window: confirmed while seats are free, otherwise
/// waitlisted. <paramref name="IdempotencyKey"/> makes a retry return the first answer.
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
                if (earlier.EmailNormalized != EventText.NormalizeEmail(request.Input.Email!.Trim()))
                {
                    throw new ConflictException(Texts.Get("registration.idempotencyReused"));
                }
                return new RegistrationReceipt(
                    earlier.Id, EnumText.Parse<RegistrationStatus>(earlier.FirstStatus), earlier.FirstWaitlistPosition, RegistrationTokens.For(auth, earlier.Id));
            }
        }

        var receipt = await RegistrationData.RegisterAsync(scope, changes, auth, current, request.Input, request.IdempotencyKey, now, ct);
        await scope.CommitAsync(ct);
        return receipt;
    }
}
