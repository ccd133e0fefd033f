using MimeKit;
using MimeKit.Text;

namespace CommunityHub.Api.Features.Mail;

/// <summary>
/// Builds the MIME message of a queued row: multipart/alternative (plain text, then HTML) in UTF-8, with the calendar
/// entry as a <c>text/calendar</c> attachment when there is one; the stored <c>Message-ID</c>, the queue time as
/// <c>Date</c>, <c>Auto-Submitted: auto-generated</c> (RFC 3834, so auto-responders stay quiet) and the centre's Reply-To.
/// </summary>
public static class MailMessageBuilder
{
    public static MimeMessage Build(MailRow row, MailOptions options)
    {
        var message = new MimeMessage();
        message.From.Add(options.FromAddress);
        if (!string.IsNullOrWhiteSpace(options.ReplyTo))
        {
            message.ReplyTo.Add(MailboxAddress.Parse(options.ReplyTo));
        }
        message.To.Add(new MailboxAddress("", row.Recipient));
        message.Subject = row.Subject;
        message.MessageId = row.MessageId;
        message.Date = row.CreatedAt;
        message.Headers.Add("Auto-Submitted", "auto-generated");

        var alternative = new MultipartAlternative
        {
            Text(TextFormat.Plain, row.TextBody ?? ""),
            Text(TextFormat.Html, row.HtmlBody ?? ""),
        };
        if (row.Calendar is not { } calendar)
        {
            message.Body = alternative;
            message.Body.Headers.Replace(HeaderId.ContentLanguage, row.Language);
            return message;
        }
        var split = calendar.IndexOf('\n', StringComparison.Ordinal);
        var method = calendar[..split];
        var content = calendar[(split + 1)..];
        var attachment = new MimePart("text", "calendar")
        {
            Content = new MimeContent(new MemoryStream(new UTF8Encoding(false).GetBytes(content))),
            ContentDisposition = new ContentDisposition(ContentDisposition.Attachment) { FileName = method == "CANCEL" ? "cancel.ics" : "invite.ics" },
            ContentTransferEncoding = ContentEncoding.Base64,
        };
        attachment.ContentType.Parameters.Add("method", method);
        attachment.ContentType.Charset = "utf-8";
        message.Body = new Multipart("mixed") { alternative, attachment };
        message.Body.Headers.Replace(HeaderId.ContentLanguage, row.Language);
        return message;
    }

    private static TextPart Text(TextFormat format, string text)
    {
        var part = new TextPart(format);
        part.SetText(Encoding.UTF8, text);
        return part;
    }
}
