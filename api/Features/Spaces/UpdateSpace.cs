
namespace CommunityHub.Api.Features.Spaces;

/// <summary>Replaces a space (staff). New rules apply to bookings made from now on; existing bookings stay.</summary>
public sealed record UpdateSpaceCommand(Guid Id, SpaceInput Input, long? ExpectedVersion) : IRequest<SpaceResponse>;

public sealed class UpdateSpaceHandler(Db db, ChangeLog changes, TimeProvider clock) : IRequestHandler<UpdateSpaceCommand, SpaceResponse>
{
    public async Task<SpaceResponse> Handle(UpdateSpaceCommand request, CancellationToken ct)
    {
        await using var scope = await db.BeginWriteAsync(ct);
        var current = await SpaceData.LockAsync(scope, request.Id, ct);
        PreconditionFailedException.ThrowIfStale(request.ExpectedVersion, current.Version);
        var version = current.Version + 1;
        var updated = await scope.Connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE spaces SET name = @Name, name_search = @NameSearch, kind = @Kind, description = @Description, capacity = @Capacity,
                features = @Features, street = @Street, postal_code = @PostalCode, city = @City, municipality_code = @MunicipalityCode,
                opening_hours = @OpeningHours, closures = @Closures, min_minutes = @MinMinutes, max_minutes = @MaxMinutes,
                interval_minutes = @IntervalMinutes, buffer_before_minutes = @BufferBeforeMinutes, buffer_after_minutes = @BufferAfterMinutes,
                book_ahead_days = @BookAheadDays, max_active_per_member = @MaxActivePerMember, approval = @Approval,
                cancel_hours_before = @CancelHoursBefore, bookable_by = @BookableBy, updated_at = @Now, version = @Version
            WHERE id = @Id AND version = @Version - 1
            """,
            SpaceData.ColumnValues(request.Id, request.Input, version, clock.GetUtcNow()),
            scope.Transaction,
            cancellationToken: ct));
        PreconditionFailedException.ThrowIfNoneChanged(updated, current.Version);
        await changes.RecordAsync(scope, SpaceData.Type, request.Id, ChangeOp.Update, version, request.Input.MunicipalityCode, ct);
        var result = await SpaceData.GetOrThrowAsync(scope.Connection, scope.Transaction, request.Id, null, ct);
        await scope.CommitAsync(ct);
        return result.ToResponse();
    }
}
