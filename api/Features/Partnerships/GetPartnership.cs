
namespace CommunityHub.Api.Features.Partnerships;

/// <summary>One partnership; 404 when archived or outside a municipality-bound API key's municipality.</summary>
public sealed record GetPartnershipQuery(Guid Id) : IRequest<PartnershipResponse>;

public sealed class GetPartnershipHandler(Db db, ICurrentUser user) : IRequestHandler<GetPartnershipQuery, PartnershipResponse>
{
    public async Task<PartnershipResponse> Handle(GetPartnershipQuery request, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var row = await PartnershipData.GetOrThrowAsync(connection, null, request.Id, user, ct);
        return (await PartnershipData.WithDetailsAsync(db.Dialect, connection, null, [row], ct))[0];
    }
}
