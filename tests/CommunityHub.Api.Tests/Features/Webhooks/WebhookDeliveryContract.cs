using System.Net;
using System.Runtime.CompilerServices;
using CommunityHub.Api.Features.Members;
using CommunityHub.Api.Features.Webhooks;
using CommunityHub.Api.Tests.Features.Events;
using CommunityHub.Api.Tests.Features.Members;
using CommunityHub.Api.Tests.Infrastructure;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Shouldly;

namespace CommunityHub.Api.Tests.Features.Webhooks;

/// <summary>
/// Delivery end to end: writes through the API, a real receiver on a loopback port, the dispatcher's pass called
/// directly, and a fake clock advanced past each backoff — no sleeps.
/// </summary>
public abstract class WebhookDeliveryContract<TFactory> : ContractTests<TFactory>
    where TFactory : ApiFactory
{
    // Tokens are checked against the wall clock, so the admin signs in once, before any test moves the fake clock.
    private static readonly ConditionalWeakTable<ApiFactory, Task<HttpClient>> Admins = [];

    protected WebhookDeliveryContract(TFactory factory)
        : base(factory)
    {
        factory.Clock ??= new FakeTimeProvider(DateTimeOffset.UtcNow);
        WebhookRequests.Configure(factory);
    }

    private FakeTimeProvider Clock => (FakeTimeProvider)Factory.Clock!;

    private WebhookDispatcher Dispatcher => Factory.Services.GetRequiredService<WebhookDispatcher>();

    private Task<HttpClient> AdminAsync() => Admins.GetValue(Factory, f => f.AdminAsync());

    private async Task<MemberResponse> CreateMemberAsync(HttpClient admin, string name, string municipality = "564") =>
        await MemberRequests.CreateAsync(admin, MemberRequests.Body(name, municipality));

    /// <summary>Passes until one delivers nothing, as the background loop would.</summary>
    private async Task DrainAsync()
    {
        for (var i = 0; i < 50 && await Dispatcher.RunOnceAsync(TestContext.Current.CancellationToken) > 0; i++)
        {
        }
    }

    [Fact]
    public async Task Every_change_arrives_once_in_feed_order_in_signed_batches()
    {
        var admin = await AdminAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        var webhook = await WebhookRequests.CreateAsync(admin, WebhookRequests.Body(receiver.Url));

        var expected = new List<(Guid Id, string Op, long Version)>();
        var members = new List<MemberResponse>();
        for (var i = 0; i < 5; i++)
        {
            var member = await CreateMemberAsync(admin, $"Järjestyksen Yhdistys {i} ry");
            members.Add(member);
            expected.Add((member.Id, "upsert", 1));
        }
        var update = MemberRequests.Body("Järjestyksen Yhdistys 0 ry (uusi nimi)");
        update["businessId"] = members[0].BusinessId;
        await admin.PutJsonAsync($"/api/v1/members/{members[0].Id}", update, "\"1\"").ShouldBe(HttpStatusCode.OK);
        expected.Add((members[0].Id, "upsert", 2));
        await admin.DeleteAsync($"/api/v1/members/{members[3].Id}", "\"1\"").ShouldBe(HttpStatusCode.NoContent);
        expected.Add((members[3].Id, "delete", 2));

        await DrainAsync();

        var got = receiver.For(webhook.Id);
        got.Count.ShouldBe(3, "7 entries in batches of 3");
        got.ShouldAllBe(r => r.AnsweredStatus == 204);
        var items = got.SelectMany(r => r.Payload.Items).ToList();
        items.Select(e => (e.Id, e.Op, e.Version)).ShouldBe(expected);
        items.Select(e => e.Seq).ShouldBeInOrder(SortDirection.Ascending);
        items.Select(e => e.Seq).Distinct().Count().ShouldBe(items.Count);
        items.ShouldAllBe(e => e.Type == "members" && e.MunicipalityCode == "564");
        foreach (var delivery in got)
        {
            delivery.DeliveryHeader.ShouldBe(delivery.Payload.DeliveryId.ToString());
            WebhookSignature.Verify(delivery.SignatureHeader, webhook.Secret, delivery.BodyBytes, Clock.GetUtcNow(), TimeSpan.FromMinutes(5))
                .ShouldBeTrue();
        }
        got.Select(r => r.Payload.DeliveryId).Distinct().Count().ShouldBe(3);

        (await Dispatcher.RunOnceAsync()).ShouldBe(0);
        receiver.For(webhook.Id).Count.ShouldBe(3, "nothing is sent twice once acknowledged");

        var next = await CreateMemberAsync(admin, "Myöhempi Yhdistys ry");
        await DrainAsync();
        receiver.For(webhook.Id).Skip(3).SelectMany(r => r.Payload.Items).Select(e => e.Id).ShouldBe([next.Id]);
    }

    [Fact]
    public async Task A_receiver_failing_the_first_three_attempts_gets_the_same_batch_after_backoff_and_then_everything()
    {
        var admin = await AdminAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        var webhook = await WebhookRequests.CreateAsync(admin, WebhookRequests.Body(receiver.Url));
        receiver.FailNext(3);
        var first = await CreateMemberAsync(admin, "Sitkeä Yhdistys ry");

        await Dispatcher.RunOnceAsync();
        receiver.For(webhook.Id).Count.ShouldBe(1);
        await Dispatcher.RunOnceAsync();
        receiver.For(webhook.Id).Count.ShouldBe(1, "not retried before the backoff has passed");

        var second = await CreateMemberAsync(admin, "Toinen Sitkeä Yhdistys ry");
        foreach (var seconds in new[] { 10, 30, 120 })
        {
            var attempts = receiver.For(webhook.Id).Count;
            Clock.Advance(TimeSpan.FromSeconds(seconds * 0.9));
            await Dispatcher.RunOnceAsync();
            receiver.For(webhook.Id).Count.ShouldBe(attempts, $"not retried before the {seconds} s step");
            Clock.Advance(TimeSpan.FromSeconds((seconds * 0.3) + 1));
            await Dispatcher.RunOnceAsync();
            receiver.For(webhook.Id).Count.ShouldBeGreaterThan(attempts, $"retried after the {seconds} s step (plus jitter)");
        }
        await DrainAsync();

        var got = receiver.For(webhook.Id);
        got.Select(r => r.AnsweredStatus).ShouldBe([500, 500, 500, 204, 204]);
        got.Take(4).Select(r => r.Payload.DeliveryId).Distinct().Count().ShouldBe(1, "a retried batch keeps its deliveryId");
        got.Take(4).ShouldAllBe(r => r.Payload.Items.Count == 1 && r.Payload.Items[0].Id == first.Id);
        got[4].Payload.Items.Select(e => e.Id).ShouldBe([second.Id]);

        var log = await (await admin.GetAsync($"/api/v1/webhooks/{webhook.Id}/deliveries?limit=200").ShouldBe(HttpStatusCode.OK))
            .ReadAsync<WebhookDeliveryPage>();
        log.Items.Count.ShouldBe(5);
        var byAttempt = log.Items.Where(d => d.DeliveryId == got[0].Payload.DeliveryId).OrderBy(d => d.Attempt).ToList();
        byAttempt.Select(d => d.Attempt).ShouldBe([1, 2, 3, 4]);
        byAttempt.Select(d => d.StatusCode).ShouldBe([500, 500, 500, 204]);
        byAttempt[0].Error!.ShouldContain("500");
        byAttempt[3].Error.ShouldBeNull();
    }

    [Fact]
    public async Task Ping_answer_and_delivery_log_keep_the_status_code_never_the_receivers_body_or_redirect_target()
    {
        const string Secret = "db-password=hunter2-internal-service-answer";
        var admin = await AdminAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        var webhook = await WebhookRequests.CreateAsync(admin, WebhookRequests.Body(receiver.Url));
        receiver.FailNext(2, Secret);

        var pingResponse = await admin.PostAsync($"/api/v1/webhooks/{webhook.Id}/ping", null).ShouldBe(HttpStatusCode.OK);
        (await pingResponse.Content.ReadAsStringAsync()).ShouldNotContain("hunter2");
        var ping = await pingResponse.ReadAsync<WebhookPingResponse>();
        ping.Delivered.ShouldBeFalse();
        ping.StatusCode.ShouldBe(500);
        ping.Error.ShouldBe("HTTP 500: the receiver did not accept the delivery.");

        await CreateMemberAsync(admin, "Salaisuuksia Vuotamaton ry");
        await Dispatcher.RunOnceAsync();
        receiver.For(webhook.Id).Select(r => r.AnsweredStatus).ShouldBe([500, 500], "the ping and the batch both reached the receiver");

        var redirecting = await WebhookRequests.CreateAsync(admin, WebhookRequests.Body(receiver.RedirectUrl));
        var redirectPing = await admin.PostAsync($"/api/v1/webhooks/{redirecting.Id}/ping", null).ShouldBe(HttpStatusCode.OK);
        (await redirectPing.Content.ReadAsStringAsync()).ShouldNotContain("internal-redirect-target");
        (await redirectPing.ReadAsync<WebhookPingResponse>()).StatusCode.ShouldBe(307);

        foreach (var id in new[] { webhook.Id, redirecting.Id })
        {
            var log = await (await admin.GetAsync($"/api/v1/webhooks/{id}/deliveries?limit=200").ShouldBe(HttpStatusCode.OK))
                .Content.ReadAsStringAsync();
            log.ShouldNotContain("hunter2");
            log.ShouldNotContain("internal-redirect-target");
            log.ShouldContain("\"statusCode\":");
        }
        var batchLog = await (await admin.GetAsync($"/api/v1/webhooks/{webhook.Id}/deliveries?limit=200")).ReadAsync<WebhookDeliveryPage>();
        batchLog.Items.Select(d => d.StatusCode).ShouldBe([500, 500]);
    }

    [Fact]
    public async Task Signature_verifies_with_the_secret_only_and_a_rotated_secret_signs_from_then_on()
    {
        var admin = await AdminAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        var webhook = await WebhookRequests.CreateAsync(admin, WebhookRequests.Body(receiver.Url));
        await CreateMemberAsync(admin, "Allekirjoitettu Yhdistys ry");
        await DrainAsync();
        var before = receiver.For(webhook.Id).Single();
        var now = Clock.GetUtcNow();
        WebhookSignature.Verify(before.SignatureHeader, webhook.Secret, before.BodyBytes, now, TimeSpan.FromMinutes(5)).ShouldBeTrue();
        WebhookSignature.Verify(before.SignatureHeader, WebhookSecrets.New(), before.BodyBytes, now, TimeSpan.FromMinutes(5)).ShouldBeFalse();
        var tampered = before.Body.Replace("upsert", "delete", StringComparison.Ordinal);
        WebhookSignature.Verify(before.SignatureHeader, webhook.Secret, System.Text.Encoding.UTF8.GetBytes(tampered), now, TimeSpan.FromMinutes(5))
            .ShouldBeFalse();

        var rotated = await (await admin.PostAsync($"/api/v1/webhooks/{webhook.Id}/rotate-secret", null).ShouldBe(HttpStatusCode.OK))
            .ReadAsync<WebhookWithSecretResponse>();
        rotated.Secret.ShouldNotBe(webhook.Secret);
        rotated.Version.ShouldBe(webhook.Version + 1);
        await CreateMemberAsync(admin, "Uudella Avaimella ry");
        await DrainAsync();
        var after = receiver.For(webhook.Id)[1];
        WebhookSignature.Verify(after.SignatureHeader, rotated.Secret, after.BodyBytes, Clock.GetUtcNow(), TimeSpan.FromMinutes(5)).ShouldBeTrue();
        WebhookSignature.Verify(after.SignatureHeader, webhook.Secret, after.BodyBytes, Clock.GetUtcNow(), TimeSpan.FromMinutes(5)).ShouldBeFalse();

        var ping = await (await admin.PostAsync($"/api/v1/webhooks/{webhook.Id}/ping", null).ShouldBe(HttpStatusCode.OK))
            .ReadAsync<WebhookPingResponse>();
        ping.Delivered.ShouldBeTrue();
        ping.StatusCode.ShouldBe(204);
        var pinged = receiver.For(webhook.Id)[2];
        pinged.Payload.Items.ShouldBeEmpty();
        pinged.Payload.DeliveryId.ShouldBe(ping.DeliveryId);
        WebhookSignature.Verify(pinged.SignatureHeader, rotated.Secret, pinged.BodyBytes, Clock.GetUtcNow(), TimeSpan.FromMinutes(5)).ShouldBeTrue();
    }

    [Fact]
    public async Task Municipality_and_type_filters_hold()
    {
        var admin = await AdminAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        var ouluMembers = await WebhookRequests.CreateAsync(admin, WebhookRequests.Body(receiver.Url, ["members"], "564"));
        var partnerships = await WebhookRequests.CreateAsync(admin, WebhookRequests.Body(receiver.Url, ["partnerships"]));
        var both = await WebhookRequests.CreateAsync(admin, WebhookRequests.Body(receiver.Url, ["members", "partnerships"], "609"));

        var oulu = await CreateMemberAsync(admin, "Oululainen Yhdistys ry", "564");
        var pori = await CreateMemberAsync(admin, "Porilainen Yhdistys ry", "609");
        var ouluPartnership = await WebhookRequests.WriteChangeAsync(Factory, "partnerships", "564");
        var poriPartnership = await WebhookRequests.WriteChangeAsync(Factory, "partnerships", "609");
        await WebhookRequests.WriteChangeAsync(Factory, "events", "609");
        await DrainAsync();

        Guid[] Ids(Guid subscription) => receiver.For(subscription).SelectMany(r => r.Payload.Items).Select(e => e.Id).ToArray();
        Ids(ouluMembers.Id).ShouldBe([oulu.Id]);
        Ids(partnerships.Id).ShouldBe([ouluPartnership, poriPartnership]);
        Ids(both.Id).ShouldBe([pori.Id, poriPartnership]);
    }

    [Fact]
    public async Task A_record_leaving_a_subscriptions_view_arrives_as_a_delete_and_members_only_events_never_arrive()
    {
        var admin = await AdminAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        var oulu = await WebhookRequests.CreateAsync(admin, WebhookRequests.Body(receiver.Url, ["partnerships", "events"], "564"));
        var helsinki = await WebhookRequests.CreateAsync(admin, WebhookRequests.Body(receiver.Url, ["partnerships"], "091"));

        var partnership = await Partnerships.PartnershipRequests.CreateAsync(admin, "564");
        var (city, coordinator) = await Partnerships.PartnershipRequests.MembersAsync(admin, "091");
        await admin.PutJsonAsync($"/api/v1/partnerships/{partnership.Id}",
            Partnerships.PartnershipRequests.Body(city, coordinator, municipalityCode: "091")).ShouldBe(HttpStatusCode.OK);
        var organizer = await Events.EventRequests.MemberAsync(admin);
        await Events.EventRequests.PublishedAsync(admin,
            Events.EventRequests.Body([organizer], Clock.GetUtcNow().AddDays(10), "Jäsenilta", visibility: "members"));
        await DrainAsync();

        (string, Guid, string, long)[] Items(Guid subscription) =>
            [.. receiver.For(subscription).SelectMany(r => r.Payload.Items).Select(e => (e.Type, e.Id, e.Op, e.Version))];
        Items(oulu.Id).ShouldBe([("partnerships", partnership.Id, "upsert", 1L), ("partnerships", partnership.Id, "delete", 2L)]);
        Items(helsinki.Id).ShouldBe([("partnerships", partnership.Id, "upsert", 2L)]);
    }

    [Fact]
    public async Task Event_entries_follow_api_key_visibility_so_a_draft_members_only_event_never_reaches_the_receiver()
    {
        var admin = await AdminAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        var all = await WebhookRequests.CreateAsync(admin, WebhookRequests.Body(receiver.Url, ["events"]));
        var oulu = await WebhookRequests.CreateAsync(admin, WebhookRequests.Body(receiver.Url, ["events"], "564"));
        var organizer = await EventRequests.MemberAsync(admin);
        var startsAt = Clock.GetUtcNow().AddDays(10);

        var secret = await EventRequests.CreateAsync(admin, EventRequests.Body([organizer], startsAt, "Hallituksen sisäinen ilta", visibility: "members"));
        var draft = await EventRequests.CreateAsync(admin, EventRequests.Body([organizer], startsAt, "Luonnos julkisesta illasta"));
        var membersOnly = await EventRequests.PublishedAsync(admin, EventRequests.Body([organizer], startsAt, "Jäsenilta", visibility: "members"));
        var open = await EventRequests.PublishedAsync(admin, EventRequests.Body([organizer], startsAt, "Avoin kumppanuusilta"));
        var elsewhere = await EventRequests.PublishedAsync(admin, EventRequests.Body([organizer], startsAt, "Porin ilta", "609"));
        await DrainAsync();

        var everything = string.Join("\n", receiver.Received.Select(r => r.Body));
        everything.ShouldNotContain(secret.Id.ToString());
        everything.ShouldNotContain(draft.Id.ToString());
        everything.ShouldNotContain(membersOnly.Id.ToString());
        receiver.For(all.Id).SelectMany(r => r.Payload.Items).Select(e => e.Id).Distinct().ShouldBe([open.Id, elsewhere.Id]);
        receiver.For(oulu.Id).SelectMany(r => r.Payload.Items).Select(e => e.Id).Distinct().ShouldBe([open.Id]);
    }

    [Fact]
    public async Task Nothing_is_delivered_for_a_write_that_rolled_back()
    {
        var admin = await AdminAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        var webhook = await WebhookRequests.CreateAsync(admin, WebhookRequests.Body(receiver.Url, ["members", "partnerships"]));
        var existing = await CreateMemberAsync(admin, "Alkuperäinen Yhdistys ry");
        await DrainAsync();

        var duplicate = MemberRequests.Body("Kaksoisolento ry");
        duplicate["businessId"] = existing.BusinessId;
        await admin.PostJsonAsync("/api/v1/members", duplicate).ShouldBeProblem(HttpStatusCode.Conflict);
        await WebhookRequests.WriteChangeAsync(Factory, "partnerships", "564", commit: false);
        var committed = await WebhookRequests.WriteChangeAsync(Factory, "partnerships", "564");
        await DrainAsync();

        receiver.For(webhook.Id).SelectMany(r => r.Payload.Items).Select(e => e.Id).ShouldBe([existing.Id, committed]);
    }

    [Fact]
    public async Task An_unreachable_receiver_becomes_failing_then_is_not_attempted_until_re_enabled()
    {
        var admin = await AdminAsync();
        var webhook = await WebhookRequests.CreateAsync(admin, WebhookRequests.Body(WebhookReceiver.ClosedPortUrl()));
        var member = await CreateMemberAsync(admin, "Tavoittamaton Vastaanottaja ry");

        async Task<WebhookResponse> Current() =>
            await (await admin.GetAsync($"/api/v1/webhooks/{webhook.Id}").ShouldBe(HttpStatusCode.OK)).ReadAsync<WebhookResponse>();

        await Dispatcher.RunOnceAsync();
        (await Current()).Status.ShouldBe(WebhookStatus.Active, "one failure is not yet failing");
        for (var i = 0; i < 10 && (await Current()).Status == WebhookStatus.Active; i++)
        {
            Clock.Advance(TimeSpan.FromSeconds(150));
            await Dispatcher.RunOnceAsync();
        }
        var failing = await Current();
        failing.Status.ShouldBe(WebhookStatus.Failing);
        failing.Version.ShouldBeGreaterThan(webhook.Version, "the status change shows in the ETag");

        async Task<int> Attempts() =>
            (await (await admin.GetAsync($"/api/v1/webhooks/{webhook.Id}/deliveries?limit=200")).ReadAsync<WebhookDeliveryPage>()).Items.Count;
        var attempts = await Attempts();
        attempts.ShouldBeGreaterThan(2);
        (await Attempts()).ShouldBe(attempts);
        Clock.Advance(TimeSpan.FromHours(2));
        await Dispatcher.RunOnceAsync();
        (await Attempts()).ShouldBe(attempts, "a failing subscription is not attempted");
        var listed = await (await admin.GetAsync("/api/v1/webhooks?limit=200")).ReadAsync<WebhookPage>();
        listed.Items.Single(w => w.Id == webhook.Id).Status.ShouldBe(WebhookStatus.Failing);

        // Re-enabled towards a receiver that answers, it gets the backlog: nothing was lost while failing.
        await using var receiver = await WebhookReceiver.StartAsync();
        var body = WebhookRequests.Body(receiver.Url);
        body["status"] = "active";
        var enabled = await (await admin.PutJsonAsync($"/api/v1/webhooks/{webhook.Id}", body, $"\"{failing.Version}\"")
            .ShouldBe(HttpStatusCode.OK)).ReadAsync<WebhookResponse>();
        enabled.Status.ShouldBe(WebhookStatus.Active);
        await DrainAsync();
        receiver.For(webhook.Id).SelectMany(r => r.Payload.Items).Select(e => e.Id).ShouldBe([member.Id]);
    }

    [Fact]
    public async Task A_failed_attempt_shows_since_when_it_fails_and_when_the_retry_is_due_until_delivery_succeeds()
    {
        var admin = await AdminAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        var webhook = await WebhookRequests.CreateAsync(admin, WebhookRequests.Body(receiver.Url));
        receiver.FailNext(1);
        webhook.NextAttemptAt.ShouldBeNull();
        webhook.FailingSince.ShouldBeNull();
        await CreateMemberAsync(admin, "Uudelleenyritettävä ry");

        async Task<WebhookResponse> Current() =>
            await (await admin.GetAsync($"/api/v1/webhooks/{webhook.Id}").ShouldBe(HttpStatusCode.OK)).ReadAsync<WebhookResponse>();

        var failedAt = Clock.GetUtcNow();
        await Dispatcher.RunOnceAsync();
        var waiting = await Current();
        waiting.FailingSince.ShouldNotBeNull();
        waiting.FailingSince.Value.ShouldBe(failedAt, TimeSpan.FromSeconds(1));
        waiting.NextAttemptAt.ShouldNotBeNull();
        waiting.NextAttemptAt.Value.ShouldBeGreaterThan(failedAt, "the retry waits for the backoff");

        // Paused, nothing is attempted, so no retry is due.
        var body = WebhookRequests.Body(receiver.Url);
        body["status"] = "paused";
        var paused = await (await admin.PutJsonAsync($"/api/v1/webhooks/{webhook.Id}", body, $"\"{waiting.Version}\"")
            .ShouldBe(HttpStatusCode.OK)).ReadAsync<WebhookResponse>();
        paused.NextAttemptAt.ShouldBeNull();

        body["status"] = "active";
        await (await admin.PutJsonAsync($"/api/v1/webhooks/{webhook.Id}", body, $"\"{paused.Version}\"")).ShouldBe(HttpStatusCode.OK);
        await DrainAsync();
        var delivered = await Current();
        delivered.NextAttemptAt.ShouldBeNull();
        delivered.FailingSince.ShouldBeNull();
    }

    [Fact]
    public async Task Two_dispatchers_on_one_database_deliver_each_batch_once()
    {
        var admin = await AdminAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        var webhooks = new List<WebhookWithSecretResponse>();
        for (var i = 0; i < 3; i++)
        {
            webhooks.Add(await WebhookRequests.CreateAsync(admin, WebhookRequests.Body(receiver.Url)));
        }
        // A second dispatcher instance is what a second process is to the database: its own leases, the same rows.
        var other = ActivatorUtilities.CreateInstance<WebhookDispatcher>(Factory.Services);
        var created = new List<Guid>();
        for (var round = 0; round < 4; round++)
        {
            for (var i = 0; i < 4; i++)
            {
                created.Add((await CreateMemberAsync(admin, $"Rinnakkainen {round}-{i} ry")).Id);
            }
            for (var pass = 0; pass < 4; pass++)
            {
                await Task.WhenAll(Dispatcher.RunOnceAsync(), other.RunOnceAsync(), Task.Run(() => other.RunOnceAsync()));
            }
        }

        foreach (var webhook in webhooks)
        {
            var got = receiver.For(webhook.Id);
            got.Select(r => r.Payload.DeliveryId).Distinct().Count().ShouldBe(got.Count, "no batch was posted twice");
            got.SelectMany(r => r.Payload.Items).Select(e => e.Id).ShouldBe(created);
        }
    }

    [Fact]
    public async Task Delivery_log_is_keyset_paged_and_pruned_after_the_retention_period()
    {
        var admin = await AdminAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        var webhook = await WebhookRequests.CreateAsync(admin, WebhookRequests.Body(receiver.Url));
        for (var i = 0; i < 5; i++)
        {
            await admin.PostAsync($"/api/v1/webhooks/{webhook.Id}/ping", null).ShouldBe(HttpStatusCode.OK);
        }
        var seen = new List<WebhookDeliveryResponse>();
        string? cursor = null;
        do
        {
            var url = $"/api/v1/webhooks/{webhook.Id}/deliveries?limit=2" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}");
            var page = await (await admin.GetAsync(url).ShouldBe(HttpStatusCode.OK)).ReadAsync<WebhookDeliveryPage>();
            page.Items.Count.ShouldBeLessThanOrEqualTo(2);
            seen.AddRange(page.Items);
            cursor = page.NextCursor;
        }
        while (cursor is not null);
        seen.Select(d => d.DeliveryId).ShouldBe(receiver.For(webhook.Id).Select(r => r.Payload.DeliveryId), ignoreOrder: true);
        seen.Select(d => d.Id).Distinct().Count().ShouldBe(5);
        seen.ShouldAllBe(d => d.StatusCode == 204 && d.Attempt == 1 && d.FirstSeq == null);

        Clock.Advance(TimeSpan.FromDays(31));
        await Dispatcher.RunOnceAsync();
        var after = await (await admin.GetAsync($"/api/v1/webhooks/{webhook.Id}/deliveries")).ReadAsync<WebhookDeliveryPage>();
        after.Items.ShouldBeEmpty();
    }

    [Fact]
    public async Task Signing_secrets_are_stored_encrypted()
    {
        var admin = await AdminAsync();
        var webhook = await WebhookRequests.CreateAsync(admin, WebhookRequests.Body("https://asianhallinta.example.fi/hook"));
        await using var connection = await Factory.Services.GetRequiredService<CommunityHub.Api.Infrastructure.Data.Db>().OpenAsync(CancellationToken.None);
        var stored = await connection.ExecuteScalarAsync<string>(
            "SELECT secret_protected FROM webhook_subscriptions WHERE id = @Id", new { webhook.Id });
        stored.ShouldNotBeNullOrEmpty();
        stored.ShouldNotContain(webhook.Secret);
        stored.ShouldNotContain(webhook.Secret["whsec_".Length..]);
        Factory.Services.GetRequiredService<WebhookSecrets>().Unprotect(stored).ShouldBe(webhook.Secret);
    }
}

public sealed class WebhookDeliverySqliteTests(SqliteApiFactory factory) : WebhookDeliveryContract<SqliteApiFactory>(factory);

public sealed class WebhookDeliverySqlServerTests(SqlServerApiFactory factory) : WebhookDeliveryContract<SqlServerApiFactory>(factory);
