using CommunityHub.Api.Features.Mail;
using Microsoft.Extensions.DependencyInjection;

namespace CommunityHub.Api.Tests.Infrastructure;

/// <summary>
/// The app on SQLite with mail switched on and sent to an in-process SMTP server (<see cref="TestSmtpServer"/>). The
/// background sender is off: tests run delivery passes themselves (<see cref="DeliverAsync"/>), so nothing waits on a timer.
/// </summary>
public sealed class MailApiFactory : SqliteApiFactory
{
    public const string From = "Yhteisöhub Testilä <noreply@hub.example.fi>";
    public const string ReplyTo = "Yhteisöhub <info@hub.example.fi>";

    public MailApiFactory()
        : this(new TestSmtpServer().Start(), null)
    {
    }

    /// <summary>Another app on <paramref name="existingDatabase"/> sending to <paramref name="smtp"/> (another instance).</summary>
    internal MailApiFactory(TestSmtpServer smtp, string? existingDatabase)
        : base(existingDatabase)
    {
        Smtp = smtp;
        ownsSmtp = existingDatabase is null;
        Set("Mail:Enabled", "true");
        Set("Mail:Smtp:Host", "127.0.0.1");
        Set("Mail:Smtp:Port", smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Set("Mail:Smtp:Security", "None");
        Set("Mail:From", From);
        Set("Mail:ReplyTo", ReplyTo);
        Set("Mail:BackgroundDelivery", "false");
        Set("Mail:TimeoutSeconds", "5");
    }

    private readonly bool ownsSmtp;

    public TestSmtpServer Smtp { get; }

    public MailSender Sender => Services.GetRequiredService<MailSender>();

    /// <summary>Delivery passes until nothing more is due now; returns how many messages were sent.</summary>
    public Task<int> DeliverAsync() => Sender.DrainAsync();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (ownsSmtp)
        {
            await Smtp.DisposeAsync();
        }
    }
}
