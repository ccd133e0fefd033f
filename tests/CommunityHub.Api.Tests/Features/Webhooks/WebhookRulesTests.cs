using System.Text;
using CommunityHub.Api.Features.Webhooks;
using CommunityHub.Api.Infrastructure.Http;
using Shouldly;

namespace CommunityHub.Api.Tests.Features.Webhooks;

/// <summary>The pure rules under delivery: signing, the retry schedule, batch ids and status changes.</summary>
public sealed class WebhookRulesTests
{
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("{\"a\":1}");
    private static readonly DateTimeOffset At = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

    [Fact]
    public void Signature_is_hex_hmac_sha256_of_timestamp_dot_body()
    {
        // Computed independently: python3 -c "import hmac,hashlib; print(hmac.new(b'whsec_test', b'1700000000.{\"a\":1}', hashlib.sha256).hexdigest())"
        WebhookSignature.Header("whsec_test", At, Body)
            .ShouldBe("t=1700000000,v1=38877139021993b830af32feea6e18a8da83eb2f6e49ee50bd9e4cf4ca4d3789");
    }

    [Fact]
    public void Verify_accepts_the_secret_within_tolerance_and_rejects_everything_else()
    {
        var header = WebhookSignature.Header("whsec_test", At, Body);
        var tolerance = TimeSpan.FromMinutes(5);
        WebhookSignature.Verify(header, "whsec_test", Body, At.AddMinutes(4), tolerance).ShouldBeTrue();
        WebhookSignature.Verify(header, "whsec_other", Body, At, tolerance).ShouldBeFalse();
        WebhookSignature.Verify(header, "whsec_test", Encoding.UTF8.GetBytes("{\"a\":2}"), At, tolerance).ShouldBeFalse();
        WebhookSignature.Verify(header, "whsec_test", Body, At.AddMinutes(6), tolerance).ShouldBeFalse("a replay older than 5 minutes");
        WebhookSignature.Verify(header.Replace("t=1700000000", "t=1700000001", StringComparison.Ordinal), "whsec_test", Body, At, tolerance)
            .ShouldBeFalse("the timestamp is signed too");
        WebhookSignature.Verify($"{header},v1=00", "whsec_test", Body, At, tolerance).ShouldBeTrue("any v1 may match");
        WebhookSignature.Verify(null, "whsec_test", Body, At, tolerance).ShouldBeFalse();
        WebhookSignature.Verify("v1=abc", "whsec_test", Body, At, tolerance).ShouldBeFalse();
    }

    [Fact]
    public void Backoff_follows_the_schedule_then_repeats_the_last_step()
    {
        var schedule = new WebhookOptions().BackoffSchedule();
        schedule.ShouldBe(new[] { 10, 30, 120, 600, 3600 }.Select(s => TimeSpan.FromSeconds(s)).ToList());
        Enumerable.Range(1, 8).Select(n => WebhookBackoff.Delay(n, schedule, 0.2, 0).TotalSeconds)
            .ShouldBe([10, 30, 120, 600, 3600, 3600, 3600, 3600]);
        Should.Throw<ArgumentOutOfRangeException>(() => WebhookBackoff.Delay(0, schedule, 0.2, 0));
    }

    [Fact]
    public void Jitter_adds_at_most_the_configured_fraction()
    {
        var schedule = new WebhookOptions { BackoffSeconds = "100" }.BackoffSchedule();
        WebhookBackoff.Delay(1, schedule, 0.2, 0).ShouldBe(TimeSpan.FromSeconds(100));
        WebhookBackoff.Delay(1, schedule, 0.2, 0.5).ShouldBe(TimeSpan.FromSeconds(110));
        WebhookBackoff.Delay(1, schedule, 0.2, 1).ShouldBe(TimeSpan.FromSeconds(120));
        WebhookBackoff.Delay(1, schedule, 0, 1).ShouldBe(TimeSpan.FromSeconds(100));
    }

    [Theory]
    [InlineData("10,x")]
    [InlineData("")]
    [InlineData("-5")]
    public void Bad_backoff_configuration_fails_at_startup(string value) =>
        Should.Throw<InvalidOperationException>(() => new WebhookOptions { BackoffSeconds = value }.Validate());

    [Fact]
    public void Delivery_id_is_stable_for_a_batch_and_differs_between_batches()
    {
        var subscription = Guid.CreateVersion7();
        var id = WebhookDispatcher.DeliveryId(subscription, 5, 9);
        WebhookDispatcher.DeliveryId(subscription, 5, 9).ShouldBe(id);
        WebhookDispatcher.DeliveryId(subscription, 5, 10).ShouldNotBe(id);
        WebhookDispatcher.DeliveryId(Guid.CreateVersion7(), 5, 9).ShouldNotBe(id);
        id.Version.ShouldBe(8);
    }

    [Fact]
    public void Only_active_and_paused_can_be_requested()
    {
        UpdateWebhookHandler.NextStatus(WebhookStatus.Failing, WebhookStatus.Active).ShouldBe(WebhookStatus.Active);
        UpdateWebhookHandler.NextStatus(WebhookStatus.Active, WebhookStatus.Paused).ShouldBe(WebhookStatus.Paused);
        UpdateWebhookHandler.NextStatus(WebhookStatus.Failing, null).ShouldBe(WebhookStatus.Failing);
        UpdateWebhookHandler.NextStatus(WebhookStatus.Failing, WebhookStatus.Failing).ShouldBe(WebhookStatus.Failing);
        Should.Throw<ConflictException>(() => UpdateWebhookHandler.NextStatus(WebhookStatus.Active, WebhookStatus.Failing));
    }

    [Theory]
    [InlineData("https://example.fi/hook", false, true)]
    [InlineData("http://example.fi/hook", false, false)]
    [InlineData("http://example.fi/hook", true, true)]
    [InlineData("ftp://example.fi/hook", true, false)]
    [InlineData("/hook", true, false)]
    [InlineData("https://user:secret@example.fi/hook", true, false)]
    public void Urls_must_be_absolute_https_unless_http_is_allowed(string url, bool httpAllowed, bool valid) =>
        WebhookInputValidator.IsAllowedUrl(url, httpAllowed).ShouldBe(valid);
}
