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
/// SIGTERM to a real API process while a request or a webhook batch is in flight (held by a receiver that answers
/// only when told): the process stops listening, finishes what it holds, records the batch, and exits with 0 — and a
/// stop never outlasts HostOptions:ShutdownTimeout.
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
    public async Task On_SIGTERM_a_request_in_flight_finishes_and_the_process_exits()
    {
        var ct = TestContext.Current.CancellationToken;
        var settings = Settings("request.db", backgroundDelivery: false);
        await using var api = await ApiProcess.StartAsync(settings, ct);
        var admin = await api.AdminAsync();
        var webhook = await WebhookRequests.CreateAsync(admin, WebhookRequests.Body(receiverUrl, ["members"]));
        var ping = admin.PostAsync($"/api/v1/webhooks/{webhook.Id}/ping", null, ct);
        (await arrived.WaitAsync(TimeSpan.FromSeconds(60), ct)).ShouldBeTrue("the ping request is in flight");

        api.Terminate();
        await StopsListeningAsync(api, ct);
        api.HasExited.ShouldBeFalse("the process waits for the request in flight");

        release.SetResult();
        var pinged = await (await ping.ShouldBe(HttpStatusCode.OK)).ReadAsync<WebhookPingResponse>();
        pinged.Delivered.ShouldBeTrue(pinged.Error);
        await ExitsAsync(api, ct);
        api.ExitCode.ShouldBe(0, api.Output);
    }

    [Fact]
    public async Task On_SIGTERM_the_webhook_batch_in_flight_is_finished_and_recorded_before_the_process_exits()
    {
        var ct = TestContext.Current.CancellationToken;
        var database = Path.Combine(folder, "batch.db");
        var settings = Settings("batch.db", backgroundDelivery: true);
        await using var api = await ApiProcess.StartAsync(settings, ct);
        var admin = await api.AdminAsync();
        var webhook = await WebhookRequests.CreateAsync(admin, WebhookRequests.Body(receiverUrl, ["members"]));
        await MemberRequests.CreateAsync(admin, MemberRequests.Body("Sulkemisen Yhdistys ry"));
        (await arrived.WaitAsync(TimeSpan.FromSeconds(60), ct)).ShouldBeTrue("the dispatcher posts the batch");

        api.Terminate();
        await StopsListeningAsync(api, ct);
        release.SetResult();
        await ExitsAsync(api, ct);
        api.ExitCode.ShouldBe(0, api.Output);

        await using var db = new SqliteConnection($"Data Source={database};Pooling=False");
        var delivered = (await db.QueryAsync<(long? StatusCode, long? LastSeq)>(
            "SELECT status_code, last_seq FROM webhook_deliveries WHERE subscription_id = @Id AND first_seq IS NOT NULL",
            new { Id = webhook.Id.ToString() })).ToList();
        delivered.ShouldHaveSingleItem().StatusCode.ShouldBe(204L);
        var cursor = await db.ExecuteScalarAsync<long>("SELECT cursor_position FROM webhook_subscriptions WHERE id = @Id", new { Id = webhook.Id.ToString() });
        cursor.ShouldBe(delivered[0].LastSeq!.Value);
    }

    private Dictionary<string, string?> Settings(string file, bool backgroundDelivery)
    {
        var settings = ApiProcess.Settings(Path.Combine(folder, file));
        settings["Webhooks__AllowHttp"] = "true";
        settings["Webhooks__AllowedNetworks"] = "127.0.0.0/8, ::1/128";
        settings["Webhooks__BackgroundDelivery"] = backgroundDelivery ? "true" : "false";
        settings["Webhooks__PollMilliseconds"] = "100";
        settings["Webhooks__TimeoutSeconds"] = "60";
        settings["HostOptions__ShutdownTimeout"] = "00:00:45";
        return settings;
    }

    /// <summary>New connections are refused once the stop has begun (held ones stay open).</summary>
    private static async Task StopsListeningAsync(ApiProcess api, CancellationToken ct)
    {
        using var probe = api.Anonymous();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(TimeSpan.FromSeconds(30));
        while (true)
        {
            try
            {
                using var response = await probe.GetAsync(new Uri("/health/live", UriKind.Relative), deadline.Token);
            }
            catch (HttpRequestException)
            {
                return;
            }
            await Task.Delay(50, deadline.Token);
        }
    }

    private static async Task ExitsAsync(ApiProcess api, CancellationToken ct)
    {
        using var exit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        exit.CancelAfter(TimeSpan.FromSeconds(40));
        await api.WaitForExitAsync(exit.Token);
    }

    [Fact]
    public async Task A_request_that_outlasts_HostOptions_ShutdownTimeout_does_not_keep_the_process_alive()
    {
        var ct = TestContext.Current.CancellationToken;
        var settings = ApiProcess.Settings(Path.Combine(folder, "timeout.db"));
        settings["Webhooks__AllowHttp"] = "true";
        settings["Webhooks__AllowedNetworks"] = "127.0.0.0/8, ::1/128";
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
