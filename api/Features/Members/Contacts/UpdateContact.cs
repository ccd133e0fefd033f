
namespace CommunityHub.Api.Features.Members.Contacts;

public sealed record UpdateContactCommand(Guid MemberId, Guid ContactId, ContactInput Input, long? ExpectedVersion) : IRequest<ContactResponse>;

public sealed class UpdateContactHandler(Db db, ChangeLog changes, TimeProvider clock, ICurrentUser user)
    : IRequestHandler<UpdateContactCommand, ContactResponse>
{
    public async Task<ContactResponse> Handle(UpdateContactCommand request, CancellationToken ct)
    {
        await using var scope = await db.BeginWriteAsync(ct);
        var current = await ContactData.GetForChangeAsync(
            scope, user, request.MemberId, request.ContactId, request.ExpectedVersion, "contact.forbiddenUpdate", ct);
        var input = request.Input;
        await scope.Connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE contacts SET name = @Name, title = @Title, email = @Email, phone = @Phone, updated_at = @Now, version = version + 1
            WHERE id = @Id
            """,
            new { Id = request.ContactId, Name = input.Name!.Trim(), input.Title, Email = EmailAddresses.NormalizeOrNull(input.Email), input.Phone, Now = clock.GetUtcNow() },
            scope.Transaction,
            cancellationToken: ct));
        await changes.RecordAsync(scope, ContactData.Type, request.ContactId, ChangeOp.Update, current.Version + 1, null, ct);
        var updated = await ContactData.GetOrThrowAsync(scope, request.MemberId, request.ContactId, ct);
        await scope.CommitAsync(ct);
        return updated.ToResponse();
    }
}
