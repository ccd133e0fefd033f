using CommunityHub.Api.Infrastructure.Data;
using CommunityHub.Api.Infrastructure.Http;
using Dapper;
using MediatR;

namespace CommunityHub.Api.Features.Members;

public sealed record GetMemberQuery(Guid Id) : IRequest<MemberResponse>;

public sealed class GetMemberHandler(Db db) : IRequestHandler<GetMemberQuery, MemberResponse>
{
    public async Task<MemberResponse> Handle(GetMemberQuery request, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<MemberRow>(new CommandDefinition(
            $"SELECT {MemberRow.Columns} FROM members m WHERE m.id = @Id AND m.deleted_at IS NULL",
            new { request.Id },
            cancellationToken: ct)) ?? throw new NotFoundException("Member", request.Id);
        return (await MemberRow.WithSectorsAsync(connection, null, [row], ct))[0];
    }
}
