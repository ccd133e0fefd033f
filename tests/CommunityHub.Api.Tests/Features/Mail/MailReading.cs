using System.Text.RegularExpressions;
using Ical.Net;
using MimeKit;
using Shouldly;

namespace CommunityHub.Api.Tests.Features.Mail;

/// <summary>What the mail tests read out of a received message: its parts, its personal link and its calendar entry.</summary>
public static partial class MailReading
{
    /// <summary>The registration link's id and token (from the fragment of <c>/events/{id}/registration#id=…&amp;token=…</c>).</summary>
    public static (Guid EventId, Guid RegistrationId, string Token) RegistrationLink(this MimeMessage message)
    {
        var match = RegistrationLinkPattern().Match(message.Text());
        match.Success.ShouldBeTrue($"no registration link in: {message.Text()}");
        return (Guid.Parse(match.Groups[1].Value), Guid.Parse(match.Groups[2].Value), Uri.UnescapeDataString(match.Groups[3].Value));
    }

    public static string ResetToken(this MimeMessage message)
    {
        var match = ResetLinkPattern().Match(message.Text());
        match.Success.ShouldBeTrue($"no reset link in: {message.Text()}");
        return Uri.UnescapeDataString(match.Groups[1].Value);
    }

    /// <summary>The text/calendar attachment, parsed with a calendar library (Ical.Net), and its METHOD as the MIME part says.</summary>
    public static (Calendar Calendar, string PartMethod) Calendar(this MimeMessage message)
    {
        var part = message.BodyParts.OfType<MimePart>().Single(p => p.ContentType.MimeType == "text/calendar");
        using var content = new MemoryStream();
        part.Content!.DecodeTo(content);
        var text = System.Text.Encoding.UTF8.GetString(content.ToArray());
        return (Ical.Net.Calendar.Load(text)!, part.ContentType.Parameters["method"] ?? "");
    }

    public static string Text(this MimeMessage message) => message.TextBody ?? "";

    public static string Html(this MimeMessage message) => message.HtmlBody ?? "";

    public static bool HasCalendar(this MimeMessage message) =>
        message.BodyParts.OfType<MimePart>().Any(p => p.ContentType.MimeType == "text/calendar");

    /// <summary>The checks every message must pass: multipart/alternative text + HTML in UTF-8, the headers the issue names.</summary>
    public static void ShouldBeWellFormed(this MimeMessage message, string language)
    {
        message.MessageId.ShouldNotBeNullOrWhiteSpace();
        message.MessageId.ShouldEndWith("@hub.example.fi");
        message.Headers["Auto-Submitted"].ShouldBe("auto-generated");
        message.Date.ShouldNotBe(default);
        message.From.Mailboxes.Single().Name.ShouldBe("Yhteisöhub Testilä");
        message.ReplyTo.Mailboxes.Single().Address.ShouldBe("info@hub.example.fi");
        var alternative = message.Body is Multipart { ContentType.MediaSubtype: "mixed" } mixed
            ? mixed.OfType<MultipartAlternative>().Single()
            : message.Body.ShouldBeOfType<MultipartAlternative>();
        var parts = alternative.OfType<TextPart>().ToList();
        parts.Select(p => p.ContentType.MimeType).ShouldBe(["text/plain", "text/html"]);
        parts.ShouldAllBe(p => p.ContentType.Charset == "utf-8");
        message.Html().ShouldContain($"<html lang=\"{language}\">");
        message.Html().ShouldContain("<title>");
    }

    [GeneratedRegex(@"/events/([0-9a-f-]{36})/registration#id=([0-9a-f-]{36})&token=([^\s""<]+)")]
    private static partial Regex RegistrationLinkPattern();

    [GeneratedRegex(@"/reset-password#token=([^\s""<]+)")]
    private static partial Regex ResetLinkPattern();
}
