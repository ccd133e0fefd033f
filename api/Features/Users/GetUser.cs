
namespace CommunityHub.Api.Features.Users;

public sealed record GetUserQuery(Guid Id) : IRequest<UserResponse>;

public sealed class GetUserHandler(Db db) : IRequestHandler<GetUserQuery, UserResponse>
{
    public async Task<UserResponse> Handle(GetUserQuery request, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return (await UserData.GetOrThrowAsync(connection, null, request.Id, ct)).ToResponse();
    }
}
