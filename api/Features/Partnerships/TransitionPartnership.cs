
namespace CommunityHub.Api.Features.Partnerships;

/// <summary>Moves a partnership along its lifecycle and records who did it, when and why in its history.</summary>
public sealed record TransitionPartnershipCommand(Guid Id, PartnershipTransitionInput Input, long? ExpectedVersion) : IRequest<PartnershipResponse>;

public sealed class TransitionPartnershipValidator : AbstractValidator<TransitionPartnershipCommand>
{
    public TransitionPartnershipValidator()
    {
        RuleFor(c => c.Input.To).NotNull().WithMessage(_ => Texts.Get("transition.toRequired", EnumText.Labels<PartnershipStatus>()))
            .OverridePropertyName("to");
        RuleFor(c => c.Input.Note).MaximumLength(1000).OverridePropertyName("note");
    }
}

public sealed class TransitionPartnershipHandler(Db db, ChangeLog changes, PartnershipDocuments documents, TimeProvider clock, ICurrentUser user)
    : IRequestHandler<TransitionPartnershipCommand, PartnershipResponse>
{
    public async Task<PartnershipResponse> Handle(TransitionPartnershipCommand request, CancellationToken ct)
    {
        await using var scope = await db.BeginWriteAsync(ct);
        var current = await PartnershipData.GetForWriteAsync(scope, request.Id, user, request.ExpectedVersion, ct);
        var from = current.StatusValue;
        var to = request.Input.To!.Value;
        if (!PartnershipLifecycle.CanMove(from, to))
        {
            var allowed = PartnershipLifecycle.Allowed(from).Select(EnumText.Name).ToList();
            throw new ConflictException(
                allowed.Count == 0
                    ? Texts.Get("partnership.transitionFinal", EnumText.Label(from), EnumText.Label(to))
                    : Texts.Get("partnership.transitionNotAllowed", EnumText.Label(from), EnumText.Label(to),
                        string.Join(", ", PartnershipLifecycle.Allowed(from).Select(EnumText.Label))),
                new Dictionary<string, object?> { ["currentStatus"] = EnumText.Name(from), ["allowed"] = allowed });
        }

        var now = clock.GetUtcNow();
        var version = current.Version + 1;
        var updated = await scope.Connection.ExecuteAsync(new CommandDefinition(
            "UPDATE partnerships SET status = @Status, updated_at = @Now, version = @Version WHERE id = @Id AND version = @Version - 1",
            new { request.Id, Status = EnumText.Name(to), Now = now, Version = version },
            scope.Transaction,
            cancellationToken: ct));
        PreconditionFailedException.ThrowIfNoneChanged(updated, current.Version);
        await scope.Connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO partnership_transitions (id, partnership_id, from_status, to_status, version, note, at, actor_id, actor_name)
            VALUES (@Id, @PartnershipId, @From, @To, @Version, @Note, @At, @ActorId, @ActorName)
            """,
            new
            {
                Id = Guid.CreateVersion7(now),
                PartnershipId = request.Id,
                From = EnumText.Name(from),
                To = EnumText.Name(to),
                Version = version,
                request.Input.Note,
                At = now,
                ActorId = user.Subject,
                ActorName = user.DisplayName,
            },
            scope.Transaction,
            cancellationToken: ct));
        await changes.RecordAsync(scope, PartnershipData.Type, request.Id, ChangeOp.Transition, version, current.MunicipalityCode, ct);
        documents.RenderAfterCommit(scope, request.Id);
        var result = await PartnershipData.ReadBackAsync(scope, request.Id, ct);
        await scope.CommitAsync(ct);
        return result;
    }
}
