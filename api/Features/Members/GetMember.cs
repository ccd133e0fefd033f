
namespace CommunityHub.Api.Features.Members;

public sealed record GetMemberQuery(Guid Id) : IRequest<MemberResponse>;

public sealed class GetMemberHandler(Db db) : IRequestHandler<GetMemberQuery, MemberResponse>
{
    public async Task<MemberResponse> Handle(GetMemberQuery request, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var row = await MemberData.GetOrThrowAsync(connection, null, request.Id, ct);
        return (await MemberData.WithSectorsAsync(db.Dialect, connection, null, [row], ct))[0];
    }
}
