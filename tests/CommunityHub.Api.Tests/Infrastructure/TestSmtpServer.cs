using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace CommunityHub.Api.Tests.Infrastructure;

/// <summary>
/// A real SMTP server in the test process (the SmtpServer package): the API's MailKit client holds a real SMTP
/// conversation with it, and every accepted message is parsed with MimeKit. It can be stopped and started again on the
/// same port (an SMTP server that is down for a while).
/// </summary>
public sealed class TestSmtpServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<MimeMessage> received = new();
    private readonly List<(Func<MimeMessage, bool> Match, TaskCompletionSource<MimeMessage> Done)> waiters = [];
    private CancellationTokenSource? running;
    private Task? serving;

    public TestSmtpServer()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
    }

    public int Port { get; }

    public IReadOnlyList<MimeMessage> Received => received.ToList();

    public bool IsRunning => running is not null;

    public TestSmtpServer Start()
    {
        var options = new SmtpServerOptionsBuilder().ServerName("smtp.tests.local")
            .Endpoint(builder => builder.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(this));
        running = new CancellationTokenSource();
        serving = new SmtpServer.SmtpServer(options, services).StartAsync(running.Token);
        return this;
    }

    public async Task StopAsync()
    {
        if (running is null)
        {
            return;
        }
        await running.CancelAsync();
        try
        {
            await serving!;
        }
        catch (OperationCanceledException)
        {
            // Stopping is what was asked for.
        }
        running.Dispose();
        running = null;
    }

    /// <summary>The messages sent to <paramref name="address"/> so far, in arrival order.</summary>
    public IReadOnlyList<MimeMessage> To(string address) =>
        received.Where(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, address, StringComparison.OrdinalIgnoreCase))).ToList();

    /// <summary>The first message matching, already here or arriving within <paramref name="within"/> (default 10 s).</summary>
    public Task<MimeMessage> WaitForAsync(Func<MimeMessage, bool> match, TimeSpan? within = null)
    {
        var done = new TaskCompletionSource<MimeMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (waiters)
        {
            if (received.FirstOrDefault(match) is { } already)
            {
                return Task.FromResult(already);
            }
            waiters.Add((match, done));
        }
        return done.Task.WaitAsync(within ?? TimeSpan.FromSeconds(10));
    }

    private void Add(MimeMessage message)
    {
        lock (waiters)
        {
            received.Enqueue(message);
            foreach (var waiter in waiters.Where(w => w.Match(message)).ToList())
            {
                waiters.Remove(waiter);
                waiter.Done.TrySetResult(message);
            }
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private sealed class Store(TestSmtpServer owner) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(
            ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            await using var stream = new MemoryStream(buffer.ToArray());
            owner.Add(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }
}
