
namespace CommunityHub.Api.Features.ApiKeys;

/// <summary>Every key, revoked ones included (with <c>revokedAt</c>), by id (creation order); never secrets or hashes.</summary>
public sealed record ListApiKeysQuery(int? Limit, string? Cursor) : IRequest<ApiKeyPage>, IPagedQuery
{
    public static string CursorKind => "api_keys";
}

public sealed class ListApiKeysHandler(Db db) : IRequestHandler<ListApiKeysQuery, ApiKeyPage>
{
    public async Task<ApiKeyPage> Handle(ListApiKeysQuery request, CancellationToken ct)
    {
        var keyset = Keyset.For(request);
        await using var connection = await db.OpenAsync(ct);
        var page = await new ListQuery(db.Dialect, "api_keys")
            .PageAsync<ApiKeyRow>(connection, ApiKeyData.Columns, keyset, KeyColumn.ById, r => [r.Id.ToString()], ct);
        return new ApiKeyPage(page.Items.Select(r => r.ToResponse()).ToList(), page.NextCursor);
    }
}
