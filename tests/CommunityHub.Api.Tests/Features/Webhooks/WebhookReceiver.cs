using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using CommunityHub.Api.Features.Webhooks;
using CommunityHub.Api.Infrastructure.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CommunityHub.Api.Tests.Features.Webhooks;

/// <summary>One request the receiver got: the raw body (what was signed) and the webhook headers.</summary>
public sealed record ReceivedDelivery(string Body, string? DeliveryHeader, string? SignatureHeader, int AnsweredStatus)
{
    public WebhookPayload Payload => JsonSerializer.Deserialize<WebhookPayload>(Body, Json.Options)!;

    public byte[] BodyBytes => Encoding.UTF8.GetBytes(Body);
}

/// <summary>
/// A real HTTP receiver: Kestrel on 127.0.0.1 and a free port, recording every POST. It can be told to answer 500 to
/// the first N requests.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly ConcurrentQueue<ReceivedDelivery> received = new();
    private WebApplication? app;
    private int failuresLeft;
    private string failureBody = "receiver is down for a test";

    public string Url { get; private set; } = "";

    public IReadOnlyList<ReceivedDelivery> Received => received.ToList();

    /// <summary>What the receiver got for one subscription (receivers are per test, but this keeps a test honest).</summary>
    public IReadOnlyList<ReceivedDelivery> For(Guid subscriptionId) =>
        received.Where(r => r.Payload.SubscriptionId == subscriptionId).ToList();

    public void FailNext(int count, string? body = null)
    {
        failureBody = body ?? failureBody;
        Interlocked.Exchange(ref failuresLeft, count);
    }

    /// <summary>Where a POST is answered with a redirect to <see cref="RedirectTarget"/>.</summary>
    public string RedirectUrl => Url[..^"/hook".Length] + "/redirect";

    public const string RedirectTarget = "http://10.1.2.3/internal-redirect-target";

    public static async Task<WebhookReceiver> StartAsync()
    {
        var receiver = new WebhookReceiver();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.MapPost("/hook", async (HttpContext http) =>
        {
            using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var status = Interlocked.Decrement(ref receiver.failuresLeft) >= 0 ? StatusCodes.Status500InternalServerError : StatusCodes.Status204NoContent;
            receiver.received.Enqueue(new ReceivedDelivery(
                body,
                http.Request.Headers[WebhookSignature.DeliveryHeader].ToString(),
                http.Request.Headers[WebhookSignature.SignatureHeader].ToString(),
                status));
            http.Response.StatusCode = status;
            if (status != StatusCodes.Status204NoContent)
            {
                await http.Response.WriteAsync(receiver.failureBody);
            }
        });
        app.MapPost("/redirect", () => Results.Redirect(RedirectTarget, permanent: false, preserveMethod: true));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.app = app;
        receiver.Url = address.TrimEnd('/') + "/hook";
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    /// <summary>A loopback URL where nothing listens: a port that was free a moment ago.</summary>
    public static string ClosedPortUrl()
    {
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return $"http://127.0.0.1:{port}/hook";
    }
}
