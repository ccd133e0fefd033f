
namespace CommunityHub.Api.Features.Pilots;

public sealed record GetPilotQuery(Guid Id) : IRequest<PilotResponse>;

public sealed class GetPilotHandler(Db db, ICurrentUser user) : IRequestHandler<GetPilotQuery, PilotResponse>
{
    public async Task<PilotResponse> Handle(GetPilotQuery request, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var row = await PilotData.GetOrThrowAsync(connection, null, request.Id, user.MunicipalityScope, ct);
        return (await PilotData.WithDetailsAsync(db.Dialect, connection, null, [row], ct))[0];
    }
}
