using MailKit.Net.Smtp;
using MimeKit;

namespace CommunityHub.Api.Features.Mail;

/// <summary>Where a delivery pass hands its messages: an SMTP server, or (Development without one) a folder of .eml files.</summary>
public interface IMailTransport
{
    /// <summary>One connection for a pass; a failure to connect fails every message of the pass (they are retried).</summary>
    Task<IMailConnection> OpenAsync(CancellationToken ct);
}

public interface IMailConnection : IAsyncDisposable
{
    Task SendAsync(MimeMessage message, CancellationToken ct);
}

/// <summary>MailKit SMTP with the <c>Mail:Smtp:*</c> settings: STARTTLS or implicit TLS, optional authentication.</summary>
public sealed class SmtpMailTransport(MailOptions options) : IMailTransport
{
    public async Task<IMailConnection> OpenAsync(CancellationToken ct)
    {
        var client = new SmtpClient { Timeout = options.TimeoutSeconds * 1000 };
        try
        {
            await client.ConnectAsync(options.Smtp.Host!, options.Smtp.Port, options.Smtp.SecureSocketOptions, ct);
            if (!string.IsNullOrEmpty(options.Smtp.User))
            {
                await client.AuthenticateAsync(options.Smtp.User, options.Smtp.Password ?? "", ct);
            }
            return new Connection(client);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private sealed class Connection(SmtpClient client) : IMailConnection
    {
        public async Task SendAsync(MimeMessage message, CancellationToken ct) => await client.SendAsync(message, ct);

        public async ValueTask DisposeAsync()
        {
            try
            {
                if (client.IsConnected)
                {
                    await client.DisconnectAsync(quit: true, CancellationToken.None);
                }
            }
            catch (Exception e) when (e is IOException or MailKit.ProtocolException or MailKit.Net.Smtp.SmtpCommandException or TimeoutException)
            {
                // The messages were accepted already; a failed QUIT changes nothing about them.
            }
            finally
            {
                client.Dispose();
            }
        }
    }
}

/// <summary>Development without an SMTP host: each message becomes <c>{id}.eml</c> in the pickup folder, which any mail program opens.</summary>
public sealed class PickupDirectoryTransport(string folder) : IMailTransport
{
    public string Folder { get; } = folder;

    public Task<IMailConnection> OpenAsync(CancellationToken ct)
    {
        Directory.CreateDirectory(Folder);
        return Task.FromResult<IMailConnection>(new Connection(Folder));
    }

    private sealed class Connection(string folder) : IMailConnection
    {
        public async Task SendAsync(MimeMessage message, CancellationToken ct)
        {
            var name = new string((message.MessageId ?? Guid.NewGuid().ToString("N")).Where(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.').ToArray());
            var path = Path.Combine(folder, name + ".eml");
            var temporary = path + ".tmp";
            await message.WriteToAsync(temporary, ct);
            File.Move(temporary, path, overwrite: true);
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
