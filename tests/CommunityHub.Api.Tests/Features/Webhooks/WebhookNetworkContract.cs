using System.Net;
using CommunityHub.Api.Features.Members;
using CommunityHub.Api.Features.Webhooks;
using CommunityHub.Api.Tests.Features.Members;
using CommunityHub.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace CommunityHub.Api.Tests.Features.Webhooks;

/// <summary>
/// Without <c>Webhooks:AllowedNetworks</c>, deliveries never reach an internal address, whatever the URL spells: the
/// refusal happens when connecting, so no request arrives at the (loopback) receiver that is listening.
/// </summary>
public abstract class WebhookNetworkContract<TFactory> : ContractTests<TFactory>
    where TFactory : ApiFactory
{
    protected WebhookNetworkContract(TFactory factory)
        : base(factory) => WebhookRequests.Configure(factory, allowLoopback: false);

    [Theory]
    [MemberData(nameof(InternalWebhookUrls.All), MemberType = typeof(InternalWebhookUrls))]
    public async Task Ping_to_an_internal_address_is_refused_at_connect_time_and_nothing_arrives(string template)
    {
        var admin = await Factory.AdminAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        var port = new Uri(receiver.Url).Port;
        var webhook = await WebhookRequests.CreateAsync(admin, WebhookRequests.Body(template.Replace("{port}", $"{port}", StringComparison.Ordinal)));

        var ping = await (await admin.PostAsync($"/api/v1/webhooks/{webhook.Id}/ping", null).ShouldBe(HttpStatusCode.OK))
            .ReadAsync<WebhookPingResponse>();

        ping.Delivered.ShouldBeFalse();
        ping.StatusCode.ShouldBeNull();
        ping.Error.ShouldBe(WebhookNetworkPolicy.RefusedMessage);
        receiver.Received.ShouldBeEmpty();
        var log = await (await admin.GetAsync($"/api/v1/webhooks/{webhook.Id}/deliveries")).ReadAsync<WebhookDeliveryPage>();
        log.Items.Single().Error.ShouldBe(WebhookNetworkPolicy.RefusedMessage);
    }

    [Fact]
    public async Task Background_delivery_to_a_loopback_receiver_is_refused_and_logged_with_the_fixed_message()
    {
        var admin = await Factory.AdminAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        var webhook = await WebhookRequests.CreateAsync(admin, WebhookRequests.Body(receiver.Url));
        await MemberRequests.CreateAsync(admin, MemberRequests.Body("Sisäverkon Ulkopuolinen ry"));

        (await Factory.Services.GetRequiredService<WebhookDispatcher>().RunOnceAsync(TestContext.Current.CancellationToken)).ShouldBe(0);

        receiver.Received.ShouldBeEmpty();
        var log = await (await admin.GetAsync($"/api/v1/webhooks/{webhook.Id}/deliveries")).ReadAsync<WebhookDeliveryPage>();
        log.Items.Single().Error.ShouldBe(WebhookNetworkPolicy.RefusedMessage);
        log.Items.Single().StatusCode.ShouldBeNull();
    }
}

/// <summary>Ways to write an internal address in a receiver URL (<c>{port}</c>: the listening loopback receiver's).</summary>
public static class InternalWebhookUrls
{
    public static TheoryData<string> All => new()
    {
        "http://127.0.0.1:{port}/hook",
        "http://[::1]:{port}/hook",
        "http://localhost:{port}/hook",
        "http://0x7f000001:{port}/hook",
        "http://[::ffff:127.0.0.1]:{port}/hook",
        "http://10.0.0.1:{port}/hook",
        "http://169.254.169.254/latest/meta-data/",
        "http://0x7f000001/",
    };
}

public sealed class WebhookNetworkSqliteTests(SqliteApiFactory factory) : WebhookNetworkContract<SqliteApiFactory>(factory);

public sealed class WebhookNetworkSqlServerTests(SqlServerApiFactory factory) : WebhookNetworkContract<SqlServerApiFactory>(factory);

/// <summary>The address classifier and the operator's allow-list, directly.</summary>
public sealed class WebhookNetworkPolicyTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.255.255.254")]
    [InlineData("10.0.0.1")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")]
    [InlineData("100.64.0.1")]
    [InlineData("100.127.255.255")]
    [InlineData("0.0.0.0")]
    [InlineData("224.0.0.1")]
    [InlineData("255.255.255.255")]
    [InlineData("::")]
    [InlineData("::1")]
    [InlineData("fe80::1")]
    [InlineData("fc00::1")]
    [InlineData("fd12:3456::1")]
    [InlineData("ff02::1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("::ffff:169.254.169.254")]
    [InlineData("64:ff9b::7f00:1")]
    public void Internal_addresses_are_refused(string address)
    {
        WebhookNetworkPolicy.IsInternal(IPAddress.Parse(address)).ShouldBeTrue();
        new WebhookNetworkPolicy([]).Allows(IPAddress.Parse(address)).ShouldBeFalse();
    }

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("193.166.3.1")]
    [InlineData("172.15.255.255")]
    [InlineData("172.32.0.1")]
    [InlineData("100.63.255.255")]
    [InlineData("100.128.0.1")]
    [InlineData("169.253.255.255")]
    [InlineData("2001:708::1")]
    [InlineData("::ffff:8.8.8.8")]
    public void Public_addresses_are_allowed(string address)
    {
        WebhookNetworkPolicy.IsInternal(IPAddress.Parse(address)).ShouldBeFalse();
        new WebhookNetworkPolicy([]).Allows(IPAddress.Parse(address)).ShouldBeTrue();
    }

    [Fact]
    public void Listed_networks_are_allowed_and_only_those()
    {
        var policy = new WebhookNetworkPolicy(WebhookNetworkPolicy.ParseNetworks("10.20.0.0/16, fd00:20::/32 127.0.0.0/8"));
        policy.Allows(IPAddress.Parse("10.20.3.4")).ShouldBeTrue();
        policy.Allows(IPAddress.Parse("::ffff:10.20.3.4")).ShouldBeTrue("the mapped form of an allowed address");
        policy.Allows(IPAddress.Parse("fd00:20::5")).ShouldBeTrue();
        policy.Allows(IPAddress.Parse("127.0.0.1")).ShouldBeTrue();
        policy.Allows(IPAddress.Parse("10.21.0.1")).ShouldBeFalse();
        policy.Allows(IPAddress.Parse("169.254.169.254")).ShouldBeFalse();
        policy.Allows(IPAddress.Parse("::1")).ShouldBeFalse("IPv6 loopback was not listed");
    }

    [Theory]
    [InlineData("10.0.0.0")]
    [InlineData("10.0.0.0/33")]
    [InlineData("intranet")]
    public void A_malformed_network_names_the_setting(string text)
    {
        Should.Throw<InvalidOperationException>(() => WebhookNetworkPolicy.ParseNetworks(text)).Message.ShouldContain("Webhooks:AllowedNetworks");
    }
}
