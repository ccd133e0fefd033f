
namespace CommunityHub.Api.Features.ApiKeys;

public sealed record GetApiKeyQuery(Guid Id) : IRequest<ApiKeyResponse>;

public sealed class GetApiKeyHandler(Db db) : IRequestHandler<GetApiKeyQuery, ApiKeyResponse>
{
    public async Task<ApiKeyResponse> Handle(GetApiKeyQuery request, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return (await ApiKeyData.GetOrThrowAsync(connection, null, request.Id, ct)).ToResponse();
    }
}
