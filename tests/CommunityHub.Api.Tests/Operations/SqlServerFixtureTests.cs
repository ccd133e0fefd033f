using System.Diagnostics;
using System.Net;
using CommunityHub.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Shouldly;

namespace CommunityHub.Api.Tests.Operations;

/// <summary>How the SQL Server fixture decides whether Docker is there: quickly, and never hanging on a missing engine.</summary>
public sealed class SqlServerFixtureTests
{
    [Fact]
    public async Task No_engine_is_found_quickly_when_nothing_listens()
    {
        var watch = Stopwatch.StartNew();
        (await DockerEngine.AnswersAsync($"tcp://{new Uri(Features.Webhooks.WebhookReceiver.ClosedPortUrl()).Authority}", TimeSpan.FromSeconds(3))).ShouldBeFalse();
        (await DockerEngine.AnswersAsync("unix:///nonexistent/docker.sock", TimeSpan.FromSeconds(3))).ShouldBeFalse();
        (await DockerEngine.AnswersAsync("ssh://somewhere", TimeSpan.FromSeconds(3))).ShouldBeFalse();
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task An_engine_answering_ping_is_found()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        await using var engine = builder.Build();
        engine.MapGet("/_ping", () => "OK");
        await engine.StartAsync(TestContext.Current.CancellationToken);
        var address = new Uri(engine.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

        (await DockerEngine.AnswersAsync($"tcp://{address.Authority}", TimeSpan.FromSeconds(5))).ShouldBeTrue();
        await engine.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Without_a_server_or_Docker_the_SQL_Server_variants_skip_with_both_ways_named()
    {
        Assert.SkipWhen(SqlServerTestServer.Configured is not null, "A server is configured for this run.");
        Assert.SkipWhen(await DockerEngine.AnswersAsync(TimeSpan.FromSeconds(3)), "A Docker engine answers on this machine.");
        (await SqlServerTestServer.ConnectionStringAsync()).ShouldBeNull();
        SqlServerTestServer.SkipReason.ShouldContain(SqlServerTestServer.Variable);
        SqlServerTestServer.SkipReason.ShouldContain("Docker");
    }
}
