using System.Net;
using CommunityHub.Api.Features.Webhooks;
using CommunityHub.Api.Tests.Features.Members;
using CommunityHub.Api.Tests.Features.Webhooks;
using CommunityHub.Api.Tests.Infrastructure;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Shouldly;

namespace CommunityHub.Api.Tests.Operations;

/// <summary>
/// SIGTERM to a real API process while a request and a webhook batch are in flight (both held by a receiver that
/// answers only when told): the process stops listening, finishes both, records the batch, and exits with 0.
/// </summary>
public sealed class GracefulShutdownTests : IAsyncLifetime
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "communityhub-tests", Guid.NewGuid().ToString("N"));
    private readonly TaskCompletionSource release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim arrived = new(0);
    private WebApplication receiver = null!;
    private string receiverUrl = "";

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(folder);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        receiver = builder.Build();
        receiver.MapPost("/hook", async (HttpContext http) =>
        {
            arrived.Release();
            await release.Task;
            http.Response.StatusCode = StatusCodes.Status204NoContent;
        });
        await receiver.StartAsync();
        receiverUrl = receiver.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/hook";
    }

    public async ValueTask DisposeAsync()
    {
        release.TrySetResult();
        await receiver.StopAsync();
        await receiver.DisposeAsync();
        arrived.Dispose();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Temp space only.
        }
    }

    [Fact]
    public async Task On_SIGTERM_the_request_and_the_webhook_batch_in_flight_finish_and_the_process_exits()
    {
        var ct = TestContext.Current.CancellationToken;
        var database = Path.Combine(folder, "shutdown.db");
        var settings = ApiProcess.Settings(database);
        settings["Webhooks__AllowHttp"] = "true";
        settings["Webhooks__PollMilliseconds"] = "100";
        settings["Webhooks__TimeoutSeconds"] = "60";
        settings["HostOptions__ShutdownTimeout"] = "00:00:45";
        await using var api = await ApiProcess.StartAsync(settings, ct);
        var admin = await api.AdminAsync();
        var webhook = await WebhookRequests.CreateAsync(admin, WebhookRequests.Body(receiverUrl, ["members"]));
        var member = await MemberRequests.CreateAsync(admin, MemberRequests.Body("Sulkemisen Yhdistys ry"));
        (await arrived.WaitAsync(TimeSpan.FromSeconds(60), ct)).ShouldBeTrue("the dispatcher posts the batch");
        var ping = admin.PostAsync($"/api/v1/webhooks/{webhook.Id}/ping", null, ct);
        (await arrived.WaitAsync(TimeSpan.FromSeconds(60), ct)).ShouldBeTrue("the ping request is in flight");

        api.Terminate();
        using (var probe = api.Anonymous())
        using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            deadline.CancelAfter(TimeSpan.FromSeconds(30));
            // Stops taking requests: new connections are refused while the held ones are still open.
            while (true)
            {
                try
                {
                    using var response = await probe.GetAsync(new Uri("/health/live", UriKind.Relative), deadline.Token);
                }
                catch (HttpRequestException)
                {
                    break;
                }
                await Task.Delay(50, deadline.Token);
            }
        }
        api.HasExited.ShouldBeFalse("the process waits for what is in flight");

        release.SetResult();
        var pinged = await (await ping.ShouldBe(HttpStatusCode.OK)).ReadAsync<WebhookPingResponse>();
        pinged.Delivered.ShouldBeTrue(pinged.Error);
        using (var exit = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            exit.CancelAfter(TimeSpan.FromSeconds(40));
            await api.WaitForExitAsync(exit.Token);
        }
        api.ExitCode.ShouldBe(0, api.Output);

        await using var db = new SqliteConnection($"Data Source={database};Pooling=False");
        var delivered = (await db.QueryAsync<(long? StatusCode, long? LastSeq)>(
            "SELECT status_code, last_seq FROM webhook_deliveries WHERE subscription_id = @Id AND first_seq IS NOT NULL",
            new { Id = webhook.Id.ToString() })).ToList();
        delivered.ShouldHaveSingleItem().StatusCode.ShouldBe(204L);
        var cursor = await db.ExecuteScalarAsync<long>("SELECT cursor_position FROM webhook_subscriptions WHERE id = @Id", new { Id = webhook.Id.ToString() });
        cursor.ShouldBe(delivered[0].LastSeq!.Value);
        member.Id.ShouldNotBe(Guid.Empty);
    }

    [Fact]
    public async Task A_request_that_outlasts_HostOptions_ShutdownTimeout_does_not_keep_the_process_alive()
    {
        var ct = TestContext.Current.CancellationToken;
        var settings = ApiProcess.Settings(Path.Combine(folder, "timeout.db"));
        settings["Webhooks__AllowHttp"] = "true";
        settings["Webhooks__BackgroundDelivery"] = "false";
        settings["Webhooks__TimeoutSeconds"] = "120";
        settings["HostOptions__ShutdownTimeout"] = "00:00:02";
        await using var api = await ApiProcess.StartAsync(settings, ct);
        var admin = await api.AdminAsync();
        var webhook = await WebhookRequests.CreateAsync(admin, WebhookRequests.Body(receiverUrl, ["members"]));
        var ping = admin.PostAsync($"/api/v1/webhooks/{webhook.Id}/ping", null, ct);
        (await arrived.WaitAsync(TimeSpan.FromSeconds(60), ct)).ShouldBeTrue("the ping request is in flight");

        api.Terminate();
        // The receiver never answers; the default timeout (30 s) would keep the process far longer than this.
        using var exit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        exit.CancelAfter(TimeSpan.FromSeconds(20));
        await api.WaitForExitAsync(exit.Token);
        api.HasExited.ShouldBeTrue();
        await Should.ThrowAsync<HttpRequestException>(async () => await ping);
    }
}
