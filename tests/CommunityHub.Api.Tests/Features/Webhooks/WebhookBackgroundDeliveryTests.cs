using CommunityHub.Api.Tests.Features.Members;
using CommunityHub.Api.Tests.Infrastructure;
using Shouldly;

namespace CommunityHub.Api.Tests.Features.Webhooks;

/// <summary>The hosted service: with the real clock and a short poll interval, a change reaches the receiver on its own.</summary>
public sealed class WebhookBackgroundDeliveryTests : IClassFixture<SqliteApiFactory>
{
    private readonly SqliteApiFactory factory;

    public WebhookBackgroundDeliveryTests(SqliteApiFactory factory)
    {
        WebhookRequests.Configure(factory);
        factory.Set("Webhooks:BackgroundDelivery", "true");
        factory.Set("Webhooks:PollMilliseconds", "50");
        this.factory = factory;
    }

    [Fact]
    public async Task The_background_service_delivers_without_being_asked()
    {
        var admin = await factory.AdminAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        var webhook = await WebhookRequests.CreateAsync(admin, WebhookRequests.Body(receiver.Url));
        var member = await MemberRequests.CreateAsync(admin, MemberRequests.Body("Taustapalvelun Yhdistys ry"));

        // Waits for an outcome (bounded), not for an amount of time.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (receiver.For(webhook.Id).Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(25, TestContext.Current.CancellationToken);
        }
        receiver.For(webhook.Id).SelectMany(r => r.Payload.Items).Select(e => e.Id).ShouldBe([member.Id]);
    }
}
