
namespace CommunityHub.Api.Features.Members.Contacts;

// Contact people are personal data: only signed-in people read them (never anonymous callers or API keys),
// and only staff or the member's own editors change them. They are audited, not published in the change feed.

/// <summary>What the contact handlers share: the stored row, its columns and the member/contact look-ups.</summary>
public static class ContactData
{
    public static readonly EntityType Type = new("contacts");

    public const string Columns = "id, member_id, name, title, email, phone, created_at, updated_at, version";

    /// <summary>The path's member must be live: a missing one is a 404.</summary>
    internal static async Task EnsureMemberAsync(DbConnection connection, DbTransaction? tx, Guid memberId, CancellationToken ct)
    {
        var exists = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COUNT(*) FROM members WHERE id = @Id AND deleted_at IS NULL", new { Id = memberId }, tx, cancellationToken: ct));
        if (exists == 0)
        {
            throw new NotFoundException("Member", memberId);
        }
    }

    /// <summary>The member's live contact, or 404.</summary>
    internal static async Task<ContactRow> GetOrThrowAsync(WriteScope scope, Guid memberId, Guid contactId, CancellationToken ct) =>
        await scope.Connection.QuerySingleOrDefaultAsync<ContactRow>(new CommandDefinition(
            $"SELECT {Columns} FROM contacts WHERE id = @ContactId AND member_id = @MemberId AND deleted_at IS NULL",
            new { ContactId = contactId, MemberId = memberId },
            scope.Transaction,
            cancellationToken: ct)) ?? throw new NotFoundException("Contact", contactId);

    /// <summary>
    /// The member's live contact for a change by staff or the member's own editor (else 403 with
    /// <paramref name="forbiddenText"/>) at the version the caller expects (else 412); 404 when there is none.
    /// </summary>
    internal static async Task<ContactRow> GetForChangeAsync(
        WriteScope scope, ICurrentUser user, Guid memberId, Guid contactId, long? expectedVersion, string forbiddenText, CancellationToken ct)
    {
        var current = await GetOrThrowAsync(scope, memberId, contactId, ct);
        if (!user.EditsMember(memberId))
        {
            throw new ForbiddenException(Texts.Get(forbiddenText));
        }
        PreconditionFailedException.ThrowIfStale(expectedVersion, current.Version);
        return current;
    }
}

/// <summary>The contact row as stored.</summary>
internal sealed class ContactRow
{
    public Guid Id { get; init; }
    public Guid MemberId { get; init; }
    public string Name { get; init; } = "";
    public string? Title { get; init; }
    public string? Email { get; init; }
    public string? Phone { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public long Version { get; init; }

    public ContactResponse ToResponse() => new(Id, MemberId, Name, Title, Email, Phone, CreatedAt, UpdatedAt, Version);
}
