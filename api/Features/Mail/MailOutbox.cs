namespace CommunityHub.Api.Features.Mail;

/// <summary>
/// A message a feature wants sent: its kind (a short snake_case name shown in the mail log, e.g.
/// <c>registration_confirmed</c>), the recipient and the language it was written in, the subject, the body and an
/// optional calendar entry. <paramref name="ReferenceId"/> ties it to the row it is about (a registration, a user, a
/// booking) so that row's erasure takes the message with it.
/// </summary>
public sealed record MailDraft(
    string Kind, string To, string Language, string Subject, MailBody Body, Guid? ReferenceId = null, MailCalendar? Calendar = null);

/// <summary>An iCalendar attachment: <paramref name="Method"/> is REQUEST, PUBLISH or CANCEL, <paramref name="Content"/> the whole VCALENDAR.</summary>
public sealed record MailCalendar(string Method, string Content);

/// <summary>
/// The one place messages enter: <see cref="EnqueueAsync"/> writes the message into <c>mail_outbox</c> inside the
/// caller's write transaction, so it is sent exactly when that write commits (and never when it rolls back), however
/// the process ends afterwards. The background <see cref="MailSender"/> delivers it. A feature adds a kind of message
/// by composing a <see cref="MailDraft"/> (texts under <c>mail.*</c> in <see cref="Texts"/>; greeting and content, the
/// outbox adds the signature) and calling this.
/// </summary>
public sealed class MailOutbox(MailOptions options, TimeProvider clock)
{
    public const string Pending = "pending";
    public const string Sent = "sent";
    public const string Failed = "failed";

    /// <summary>False when mail is switched off (<c>Mail:Enabled=false</c>): drafts are then dropped, nothing is queued.</summary>
    public bool Enabled => options.Enabled;

    /// <summary>The centre's name, for features that sign their messages.</summary>
    public string CentreName => options.CentreName;

    /// <summary>
    /// Queues <paramref name="draft"/> in <paramref name="scope"/>'s transaction, signed with the centre's name and marked
    /// automatic in the draft's language (every message closes the same way); returns its id (null when mail is off).
    /// </summary>
    public async Task<Guid?> EnqueueAsync(WriteScope scope, MailDraft draft, CancellationToken ct)
    {
        if (!options.Enabled)
        {
            return null;
        }
        draft.Body
            .Paragraph(Texts.In(draft.Language, "mail.signature", CentreName))
            .Paragraph(Texts.In(draft.Language, "mail.automatic"));
        var now = clock.GetUtcNow();
        var id = Guid.CreateVersion7(now);
        await scope.Connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO mail_outbox (id, kind, recipient, recipient_normalized, language, subject, text_body, html_body, calendar,
                message_id, reference_id, status, attempts, pending_since, next_attempt_at, created_at)
            VALUES (@Id, @Kind, @To, @ToNormalized, @Language, @Subject, @Text, @Html, @Calendar,
                @MessageId, @ReferenceId, 'pending', 0, @Now, @Now, @Now)
            """,
            new
            {
                Id = id,
                draft.Kind,
                To = draft.To.Trim(),
                ToNormalized = EmailAddresses.Normalize(draft.To),
                draft.Language,
                draft.Subject,
                Text = draft.Body.Text(),
                Html = draft.Body.Html(draft.Language, draft.Subject),
                Calendar = draft.Calendar is null ? null : draft.Calendar.Method + "\n" + draft.Calendar.Content,
                MessageId = MessageIdFor(id),
                draft.ReferenceId,
                Now = now,
            },
            scope.Transaction,
            cancellationToken: ct));
        return id;
    }

    /// <summary>The message's <c>Message-ID</c>, fixed when it is queued so every retry carries the same one.</summary>
    private string MessageIdFor(Guid id) =>
        $"{id:N}@{(options.FromAddress.Address.Split('@') is [_, var domain] && domain.Length > 0 ? domain : "communityhub.local")}";
}
