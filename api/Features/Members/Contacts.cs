using CommunityHub.Api.Infrastructure.Data;
using CommunityHub.Api.Infrastructure.Http;
using CommunityHub.Api.Infrastructure.Security;
using Dapper;
using FluentValidation;
using MediatR;

namespace CommunityHub.Api.Features.Members;

// Contact people are personal data: only signed-in people read them (never anonymous callers or API keys),
// and only staff or the member's own editors change them. They are audited, not published in the change feed.

public sealed record ContactInput(string? Name, string? Title, string? Email, string? Phone);

public sealed record ContactResponse(
    Guid Id, Guid MemberId, string Name, string? Title, string? Email, string? Phone,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, long Version);

public sealed record ContactPage(IReadOnlyList<ContactResponse> Items, string? NextCursor);

public sealed class ContactInputValidator : AbstractValidator<ContactInput>
{
    public ContactInputValidator()
    {
        RuleFor(c => c.Name).NotEmpty().Must(n => n!.Trim().Length >= 2).WithMessage("Name must be at least 2 characters.").MaximumLength(200);
        RuleFor(c => c.Title).MaximumLength(200);
        RuleFor(c => c.Email).MaximumLength(254).EmailAddress().When(c => c.Email is not null);
        RuleFor(c => c.Phone).MaximumLength(40).Matches(@"^\+?[0-9 ()\-]{5,40}$").When(c => c.Phone is not null)
            .WithMessage("Phone may hold digits, spaces, parentheses, hyphens and a leading +.");
    }
}

internal sealed class ContactRow
{
    public const string Columns = "id, member_id, name, title, email, phone, created_at, updated_at, version";

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

    public static async Task EnsureMemberAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction? tx, Guid memberId, CancellationToken ct)
    {
        var exists = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COUNT(*) FROM members WHERE id = @Id AND deleted_at IS NULL", new { Id = memberId }, tx, cancellationToken: ct));
        if (exists == 0)
        {
            throw new NotFoundException("Member", memberId);
        }
    }

    public static async Task<ContactRow> GetAsync(WriteScope scope, Guid memberId, Guid contactId, CancellationToken ct) =>
        await scope.Connection.QuerySingleOrDefaultAsync<ContactRow>(new CommandDefinition(
            $"SELECT {Columns} FROM contacts WHERE id = @ContactId AND member_id = @MemberId AND deleted_at IS NULL",
            new { ContactId = contactId, MemberId = memberId },
            scope.Transaction,
            cancellationToken: ct)) ?? throw new NotFoundException("Contact", contactId);
}

public sealed record ListContactsQuery(Guid MemberId, int? Limit, string? Cursor) : IRequest<ContactPage>;

public sealed class ListContactsValidator : AbstractValidator<ListContactsQuery>
{
    public const string CursorKind = "contacts";

    public ListContactsValidator() => this.PagingRules(q => q.Limit, q => q.Cursor, CursorKind, 1);
}

public sealed class ListContactsHandler(Db db) : IRequestHandler<ListContactsQuery, ContactPage>
{
    public async Task<ContactPage> Handle(ListContactsQuery request, CancellationToken ct)
    {
        var take = request.Limit ?? Paging.DefaultLimit;
        var after = request.Cursor is null ? null : Cursor.Decode(request.Cursor, ListContactsValidator.CursorKind, 1)[0];
        await using var connection = await db.OpenAsync(ct);
        await ContactRow.EnsureMemberAsync(connection, null, request.MemberId, ct);
        var rows = (await connection.QueryAsync<ContactRow>(new CommandDefinition(
            $"""
            SELECT {ContactRow.Columns} FROM contacts
            WHERE member_id = @MemberId AND deleted_at IS NULL AND (@After IS NULL OR id > @After)
            ORDER BY id {db.Dialect.Limit("@Take")}
            """,
            new { request.MemberId, After = after, Take = take + 1 },
            cancellationToken: ct))).ToList();
        var page = rows.Take(take).Select(r => r.ToResponse()).ToList();
        return new ContactPage(page, rows.Count > take ? Cursor.Encode(ListContactsValidator.CursorKind, page[^1].Id.ToString()) : null);
    }
}

public sealed record CreateContactCommand(Guid MemberId, ContactInput Input) : IRequest<ContactResponse>;

public sealed class CreateContactHandler(Db db, ChangeLog changes, TimeProvider clock, ICurrentUser user)
    : IRequestHandler<CreateContactCommand, ContactResponse>
{
    public async Task<ContactResponse> Handle(CreateContactCommand request, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var id = Guid.CreateVersion7(now);
        await using var scope = await db.BeginWriteAsync(ct);
        await ContactRow.EnsureMemberAsync(scope.Connection, scope.Transaction, request.MemberId, ct);
        if (!user.EditsMember(request.MemberId))
        {
            throw new ForbiddenException("Only staff or this member's own editors may add its contacts.");
        }
        var input = request.Input;
        await scope.Connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO contacts (id, member_id, name, title, email, phone, created_at, updated_at, version)
            VALUES (@Id, @MemberId, @Name, @Title, @Email, @Phone, @Now, @Now, 1)
            """,
            new { Id = id, request.MemberId, Name = input.Name!.Trim(), input.Title, input.Email, input.Phone, Now = now },
            scope.Transaction,
            cancellationToken: ct));
        await changes.RecordAsync(scope, MemberData.ContactType, id, ChangeOp.Create, 1, null, ct);
        var created = await ContactRow.GetAsync(scope, request.MemberId, id, ct);
        await scope.CommitAsync(ct);
        return created.ToResponse();
    }
}

public sealed record UpdateContactCommand(Guid MemberId, Guid ContactId, ContactInput Input, long? ExpectedVersion) : IRequest<ContactResponse>;

public sealed class UpdateContactHandler(Db db, ChangeLog changes, TimeProvider clock, ICurrentUser user)
    : IRequestHandler<UpdateContactCommand, ContactResponse>
{
    public async Task<ContactResponse> Handle(UpdateContactCommand request, CancellationToken ct)
    {
        await using var scope = await db.BeginWriteAsync(ct);
        var current = await ContactRow.GetAsync(scope, request.MemberId, request.ContactId, ct);
        if (!user.EditsMember(request.MemberId))
        {
            throw new ForbiddenException("Only staff or this member's own editors may change its contacts.");
        }
        PreconditionFailedException.ThrowIfStale(request.ExpectedVersion, current.Version);
        var input = request.Input;
        await scope.Connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE contacts SET name = @Name, title = @Title, email = @Email, phone = @Phone, updated_at = @Now, version = version + 1
            WHERE id = @Id
            """,
            new { Id = request.ContactId, Name = input.Name!.Trim(), input.Title, input.Email, input.Phone, Now = clock.GetUtcNow() },
            scope.Transaction,
            cancellationToken: ct));
        await changes.RecordAsync(scope, MemberData.ContactType, request.ContactId, ChangeOp.Update, current.Version + 1, null, ct);
        var updated = await ContactRow.GetAsync(scope, request.MemberId, request.ContactId, ct);
        await scope.CommitAsync(ct);
        return updated.ToResponse();
    }
}

public sealed record DeleteContactCommand(Guid MemberId, Guid ContactId, long? ExpectedVersion) : IRequest<Unit>;

public sealed class DeleteContactHandler(Db db, ChangeLog changes, TimeProvider clock, ICurrentUser user)
    : IRequestHandler<DeleteContactCommand, Unit>
{
    public async Task<Unit> Handle(DeleteContactCommand request, CancellationToken ct)
    {
        await using var scope = await db.BeginWriteAsync(ct);
        var current = await ContactRow.GetAsync(scope, request.MemberId, request.ContactId, ct);
        if (!user.EditsMember(request.MemberId))
        {
            throw new ForbiddenException("Only staff or this member's own editors may remove its contacts.");
        }
        PreconditionFailedException.ThrowIfStale(request.ExpectedVersion, current.Version);
        var now = clock.GetUtcNow();
        await scope.Connection.ExecuteAsync(new CommandDefinition(
            "UPDATE contacts SET deleted_at = @Now, updated_at = @Now, version = version + 1 WHERE id = @Id",
            new { Id = request.ContactId, Now = now },
            scope.Transaction,
            cancellationToken: ct));
        await changes.RecordAsync(scope, MemberData.ContactType, request.ContactId, ChangeOp.Delete, current.Version + 1, null, ct);
        await scope.CommitAsync(ct);
        return Unit.Value;
    }
}
