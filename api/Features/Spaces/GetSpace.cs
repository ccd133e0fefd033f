
namespace CommunityHub.Api.Features.Spaces;

public sealed record GetSpaceQuery(Guid Id) : IRequest<SpaceResponse>;

public sealed class GetSpaceHandler(Db db, ICurrentUser user) : IRequestHandler<GetSpaceQuery, SpaceResponse>
{
    public async Task<SpaceResponse> Handle(GetSpaceQuery request, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return (await SpaceData.GetOrThrowAsync(connection, null, request.Id, user.MunicipalityScope, ct)).ToResponse();
    }
}
