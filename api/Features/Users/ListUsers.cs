
namespace CommunityHub.Api.Features.Users;

public sealed record ListUsersQuery(int? Limit, string? Cursor) : IRequest<UserPage>;

public sealed class ListUsersValidator : AbstractValidator<ListUsersQuery>
{
    public const string CursorKind = "users";

    public ListUsersValidator() => this.PagingRules(q => q.Limit, q => q.Cursor, CursorKind, 1);
}

public sealed class ListUsersHandler(Db db) : IRequestHandler<ListUsersQuery, UserPage>
{
    public async Task<UserPage> Handle(ListUsersQuery request, CancellationToken ct)
    {
        var keyset = Keyset.From(ListUsersValidator.CursorKind, 1, request.Limit, request.Cursor);
        await using var connection = await db.OpenAsync(ct);
        var page = await new ListQuery(db.Dialect, "users", "deleted_at IS NULL")
            .PageAsync<UserRow>(connection, UserRow.Columns, keyset, KeyColumn.ById, r => [r.Id.ToString()], ct);
        return new UserPage(page.Items.Select(r => r.ToResponse()).ToList(), page.NextCursor);
    }
}
