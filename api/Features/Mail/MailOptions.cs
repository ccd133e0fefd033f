using MailKit.Security;
using MimeKit;

namespace CommunityHub.Api.Features.Mail;

/// <summary>Bound from the <c>Mail</c> section (API.md § Mail; docs/mail.md).</summary>
public sealed class MailOptions
{
    /// <summary>False switches mail off: nothing is queued and no SMTP host is needed.</summary>
    public bool Enabled { get; set; } = true;

    public SmtpSettings Smtp { get; set; } = new();

    /// <summary>The sender, e.g. <c>Yhteisöhub &lt;noreply@kaupunki.fi&gt;</c>; its display name is the centre's name in messages.</summary>
    public string From { get; set; } = "CommunityHub <noreply@communityhub.local>";

    /// <summary>Where answers go: the centre's own address (none when empty).</summary>
    public string? ReplyTo { get; set; }

    /// <summary>Hours before an event its registrants get a reminder (0 turns reminders off).</summary>
    public int ReminderHours { get; set; } = 24;

    /// <summary>In Development without <c>Mail:Smtp:Host</c>, messages become <c>.eml</c> files here (relative to the content root).</summary>
    public string PickupDirectory { get; set; } = "App_Data/mail";

    /// <summary>Runs the background sender in this process. Tests turn it off and run delivery passes themselves.</summary>
    public bool BackgroundDelivery { get; set; } = true;

    public int PollMilliseconds { get; set; } = 1000;

    /// <summary>Messages taken per delivery pass.</summary>
    public int BatchSize { get; set; } = 50;

    /// <summary>The first retry waits this long; each later one twice the previous, up to <see cref="MaxBackoffSeconds"/>.</summary>
    public int FirstBackoffSeconds { get; set; } = 30;

    public int MaxBackoffSeconds { get; set; } = 3600;

    /// <summary>How long a message is retried before it is marked failed.</summary>
    public int RetryHours { get; set; } = 24;

    /// <summary>How long one SMTP conversation may take.</summary>
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>True when messages go to <see cref="PickupDirectory"/> rather than an SMTP server.</summary>
    public bool UsesPickupDirectory => string.IsNullOrWhiteSpace(Smtp.Host);

    public MailboxAddress FromAddress => MailboxAddress.Parse(From);

    /// <summary>The centre's name as messages sign it: the sender's display name.</summary>
    public string CentreName => FromAddress.Name is { Length: > 0 } name ? name : "CommunityHub";

    /// <summary>Refuses settings the sender could not work with; outside Development a missing host stops start-up.</summary>
    public void Validate(bool development)
    {
        if (!Enabled)
        {
            return;
        }
        if (UsesPickupDirectory && !development)
        {
            throw new InvalidOperationException(
                "Mail:Smtp:Host is not configured. Outside Development mail goes through an SMTP server: set Mail:Smtp:Host " +
                "(environment variable Mail__Smtp__Host), or switch mail off explicitly with Mail:Enabled=false.");
        }
        if (!MailboxAddress.TryParse(From, out _))
        {
            throw new InvalidOperationException("Mail:From must be an address such as \"Yhteisöhub <noreply@kaupunki.fi>\".");
        }
        if (!string.IsNullOrWhiteSpace(ReplyTo) && !MailboxAddress.TryParse(ReplyTo, out _))
        {
            throw new InvalidOperationException("Mail:ReplyTo must be an address such as \"Yhteisöhub <info@kaupunki.fi>\".");
        }
        if (Smtp.Port is <= 0 or > 65535 || ReminderHours < 0 || PollMilliseconds <= 0 || BatchSize is <= 0 or > 1000
            || FirstBackoffSeconds <= 0 || MaxBackoffSeconds < FirstBackoffSeconds || RetryHours <= 0 || TimeoutSeconds <= 0)
        {
            throw new InvalidOperationException(
                "Mail: Smtp:Port must be 1–65535, ReminderHours 0 or more, BatchSize 1–1000, and the poll, backoff, retry and timeout settings positive.");
        }
        _ = Smtp.SecureSocketOptions;
    }
}

public sealed class SmtpSettings
{
    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    /// <summary>MailKit's <see cref="MailKit.Security.SecureSocketOptions"/> name: None, Auto, StartTls, StartTlsWhenAvailable, SslOnConnect.</summary>
    public string Security { get; set; } = "StartTls";

    public string? User { get; set; }

    public string? Password { get; set; }

    public SecureSocketOptions SecureSocketOptions =>
        Enum.TryParse<SecureSocketOptions>(Security, ignoreCase: true, out var value) && Enum.IsDefined(value)
            ? value
            : throw new InvalidOperationException(
                $"Mail:Smtp:Security must be one of {string.Join(", ", Enum.GetNames<SecureSocketOptions>())}, not '{Security}'.");
}
