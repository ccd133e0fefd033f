
namespace CommunityHub.Api.Features.Events;

/// <summary>One event; an event the caller may not see (see <see cref="EventAccess"/>) is a 404 to it.</summary>
public sealed record GetCommunityEventQuery(Guid Id) : IRequest<CommunityEventResponse>;

public sealed class GetCommunityEventHandler(Db db, ICurrentUser user) : IRequestHandler<GetCommunityEventQuery, CommunityEventResponse>
{
    public async Task<CommunityEventResponse> Handle(GetCommunityEventQuery request, CancellationToken ct)
    {
        EventAccess.EnsureMayRead(user);
        await using var connection = await db.OpenAsync(ct);
        var row = await CommunityEventData.FindAsync(connection, null, request.Id, ct);
        if (row is null || !EventAccess.CanRead(user, row))
        {
            throw new NotFoundException("Event", request.Id);
        }
        return (await CommunityEventData.WithOrganizersAsync(connection, null, [row], ct))[0];
    }
}
