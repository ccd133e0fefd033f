
namespace CommunityHub.Api.Features.Members.Contacts;

public sealed record CreateContactCommand(Guid MemberId, ContactInput Input) : IRequest<ContactResponse>;

public sealed class CreateContactHandler(Db db, ChangeLog changes, TimeProvider clock, ICurrentUser user)
    : IRequestHandler<CreateContactCommand, ContactResponse>
{
    public async Task<ContactResponse> Handle(CreateContactCommand request, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var id = Guid.CreateVersion7(now);
        await using var scope = await db.BeginWriteAsync(ct);
        await ContactData.EnsureMemberAsync(scope.Connection, scope.Transaction, request.MemberId, ct);
        if (!user.EditsMember(request.MemberId))
        {
            throw new ForbiddenException(Texts.Get("contact.forbiddenCreate"));
        }
        var input = request.Input;
        await scope.Connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO contacts (id, member_id, name, title, email, phone, created_at, updated_at, version)
            VALUES (@Id, @MemberId, @Name, @Title, @Email, @Phone, @Now, @Now, 1)
            """,
            new { Id = id, request.MemberId, Name = input.Name!.Trim(), input.Title, Email = EmailAddresses.NormalizeOrNull(input.Email), input.Phone, Now = now },
            scope.Transaction,
            cancellationToken: ct));
        await changes.RecordAsync(scope, ContactData.Type, id, ChangeOp.Create, 1, null, ct);
        var created = await ContactData.GetOrThrowAsync(scope, request.MemberId, id, ct);
        await scope.CommitAsync(ct);
        return created.ToResponse();
    }
}
