
namespace CommunityHub.Api.Features.Spaces;

/// <summary>Creates a space (staff).</summary>
public sealed record CreateSpaceCommand(SpaceInput Input) : IRequest<SpaceResponse>;

public sealed class CreateSpaceHandler(Db db, ChangeLog changes, TimeProvider clock) : IRequestHandler<CreateSpaceCommand, SpaceResponse>
{
    public async Task<SpaceResponse> Handle(CreateSpaceCommand request, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var id = Guid.CreateVersion7(now);
        await using var scope = await db.BeginWriteAsync(ct);
        await scope.Connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO spaces (id, name, name_search, kind, description, capacity, features, street, postal_code, city, municipality_code,
                opening_hours, closures, min_minutes, max_minutes, interval_minutes, buffer_before_minutes, buffer_after_minutes,
                book_ahead_days, max_active_per_member, approval, cancel_hours_before, bookable_by, lock_seq, created_at, updated_at, version)
            VALUES (@Id, @Name, @NameSearch, @Kind, @Description, @Capacity, @Features, @Street, @PostalCode, @City, @MunicipalityCode,
                @OpeningHours, @Closures, @MinMinutes, @MaxMinutes, @IntervalMinutes, @BufferBeforeMinutes, @BufferAfterMinutes,
                @BookAheadDays, @MaxActivePerMember, @Approval, @CancelHoursBefore, @BookableBy, 0, @Now, @Now, @Version)
            """,
            SpaceData.ColumnValues(id, request.Input, 1, now),
            scope.Transaction,
            cancellationToken: ct));
        await changes.RecordAsync(scope, SpaceData.Type, id, ChangeOp.Create, 1, request.Input.MunicipalityCode, ct);
        var created = await SpaceData.GetOrThrowAsync(scope.Connection, scope.Transaction, id, null, ct);
        await scope.CommitAsync(ct);
        return created.ToResponse();
    }
}
