
namespace CommunityHub.Api.Features.Members.Contacts;

public sealed record ListContactsQuery(Guid MemberId, int? Limit, string? Cursor) : IRequest<ContactPage>, IPagedQuery
{
    public static string CursorKind => "contacts";
}

/// <summary>
/// A member's contact people: every signed-in reader sees them, except a member editor, who sees its own member's only
/// (403 for another member's; the public directory shows that member without contacts).
/// </summary>
public sealed class ListContactsHandler(Db db, ICurrentUser user) : IRequestHandler<ListContactsQuery, ContactPage>
{
    public async Task<ContactPage> Handle(ListContactsQuery request, CancellationToken ct)
    {
        var keyset = Keyset.For(request);
        await using var connection = await db.OpenAsync(ct);
        await ContactData.EnsureMemberAsync(connection, null, request.MemberId, ct);
        if (user.Role == Role.MemberEditor && user.MemberId != request.MemberId)
        {
            throw new ForbiddenException(Texts.Get("contact.forbiddenRead"));
        }
        var page = await new ListQuery(db.Dialect, "contacts", "deleted_at IS NULL")
            .Where("member_id = @MemberId", "MemberId", request.MemberId)
            .PageAsync<ContactRow>(connection, ContactData.Columns, keyset, KeyColumn.ById, r => [r.Id.ToString()], ct);
        return new ContactPage(page.Items.Select(r => r.ToResponse()).ToList(), page.NextCursor);
    }
}
