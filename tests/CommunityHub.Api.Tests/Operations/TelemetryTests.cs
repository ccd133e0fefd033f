using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using CommunityHub.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Trace;
using Shouldly;

namespace CommunityHub.Api.Tests.Operations;

/// <summary>
/// OpenTelemetry is off unless <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set; with it, a real API process exports traces
/// and metrics to that endpoint (OTLP over HTTP, received here by a stub collector). Logs are JSON lines.
/// </summary>
public sealed class TelemetryTests(SqliteApiFactory factory) : IClassFixture<SqliteApiFactory>, IAsyncLifetime
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "communityhub-tests", Guid.NewGuid().ToString("N"));
    private readonly ConcurrentQueue<string> exports = new();
    private WebApplication collector = null!;
    private string collectorUrl = "";

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(folder);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        collector = builder.Build();
        collector.MapPost("/v1/{signal}", (string signal) =>
        {
            exports.Enqueue(signal);
            return Results.Ok();
        });
        await collector.StartAsync();
        collectorUrl = collector.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }

    public async ValueTask DisposeAsync()
    {
        await collector.StopAsync();
        await collector.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
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
    public void Without_an_OTLP_endpoint_nothing_is_collected()
    {
        factory.Services.GetService<TracerProvider>().ShouldBeNull();
    }

    [Fact]
    public async Task With_an_OTLP_endpoint_traces_and_metrics_are_exported_and_logs_are_JSON_lines()
    {
        var ct = TestContext.Current.CancellationToken;
        var settings = ApiProcess.Settings(Path.Combine(folder, "telemetry.db"));
        settings["OTEL_EXPORTER_OTLP_ENDPOINT"] = collectorUrl;
        settings["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
        settings["OTEL_BSP_SCHEDULE_DELAY"] = "200";
        settings["OTEL_METRIC_EXPORT_INTERVAL"] = "500";
        await using var api = await ApiProcess.StartAsync(settings, ct);
        var admin = await api.AdminAsync();
        await admin.GetAsync("/api/v1/members?limit=5").ShouldBe(HttpStatusCode.OK);

        using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            deadline.CancelAfter(TimeSpan.FromSeconds(60));
            while (!(exports.Contains("traces") && exports.Contains("metrics")))
            {
                await Task.Delay(100, deadline.Token);
            }
        }

        var lines = api.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.ShouldNotBeEmpty();
        foreach (var line in lines)
        {
            using var entry = JsonDocument.Parse(line);
            entry.RootElement.TryGetProperty("LogLevel", out _).ShouldBeTrue(line);
        }
    }
}
