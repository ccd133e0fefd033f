
namespace CommunityHub.Api.Features.Users;

public sealed record ListUsersQuery(int? Limit, string? Cursor) : IRequest<UserPage>, IPagedQuery
{
    public static string CursorKind => "users";
}

public sealed class ListUsersHandler(Db db) : IRequestHandler<ListUsersQuery, UserPage>
{
    public async Task<UserPage> Handle(ListUsersQuery request, CancellationToken ct)
    {
        var keyset = Keyset.For(request);
        await using var connection = await db.OpenAsync(ct);
        var page = await new ListQuery(db.Dialect, "users", "deleted_at IS NULL")
            .PageAsync<UserRow>(connection, UserRow.Columns, keyset, KeyColumn.ById, r => [r.Id.ToString()], ct);
        return new UserPage(page.Items.Select(r => r.ToResponse()).ToList(), page.NextCursor);
    }
}
