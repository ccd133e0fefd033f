namespace CommunityHub.Api.Features.Mail;

/// <summary>
/// "Send again": a failed or sent message becomes pending and due now, with a fresh retry period; a pending one is
/// made due now. A message whose body was already deleted (privacy retention) cannot be sent again (409). Audited.
/// </summary>
public sealed record RetryMailCommand(Guid Id) : IRequest<MailLogItem>;

public sealed class RetryMailHandler(Db db, ChangeLog changes, TimeProvider clock) : IRequestHandler<RetryMailCommand, MailLogItem>
{
    public static readonly EntityType Type = new("mail");

    public async Task<MailLogItem> Handle(RetryMailCommand request, CancellationToken ct)
    {
        await using var scope = await db.BeginWriteAsync(ct);
        var row = await scope.Connection.QuerySingleOrDefaultAsync<MailRow>(new CommandDefinition(
            $"SELECT {MailRow.Columns} FROM mail_outbox WHERE id = @Id", new { request.Id }, scope.Transaction, cancellationToken: ct))
            ?? throw new NotFoundException("Mail", request.Id);
        if (row.BodyErasedAt is not null)
        {
            throw new ConflictException(Texts.Get("mail.bodyErased"));
        }
        var now = clock.GetUtcNow();
        await scope.Connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE mail_outbox SET status = 'pending', next_attempt_at = @Now,
                pending_since = CASE WHEN status = 'pending' THEN pending_since ELSE @Now END
            WHERE id = @Id
            """,
            new { request.Id, Now = now },
            scope.Transaction,
            cancellationToken: ct));
        await changes.RecordAsync(scope, Type, request.Id, ChangeOp.Update, row.Attempts + 1, null, ct);
        var updated = await scope.Connection.QuerySingleAsync<MailRow>(new CommandDefinition(
            $"SELECT {MailRow.Columns} FROM mail_outbox WHERE id = @Id", new { request.Id }, scope.Transaction, cancellationToken: ct));
        await scope.CommitAsync(ct);
        return updated.ToItem();
    }
}
