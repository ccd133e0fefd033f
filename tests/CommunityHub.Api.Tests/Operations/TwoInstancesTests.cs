using System.Net;
using CommunityHub.Api.Features.Webhooks;
using CommunityHub.Api.Tests.Features.Members;
using CommunityHub.Api.Tests.Features.Webhooks;
using CommunityHub.Api.Tests.Infrastructure;
using Dapper;
using Microsoft.Data.Sqlite;
using Shouldly;

namespace CommunityHub.Api.Tests.Operations;

/// <summary>
/// Two real API processes on one SQLite file, each with its background webhook dispatcher running, and one receiver:
/// what an instance keeps must be shared through the database. Each case is a [Fact] on the shared pair.
/// </summary>
public sealed class TwoInstances : IAsyncLifetime
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "communityhub-tests", Guid.NewGuid().ToString("N"));

    public ApiProcess A { get; private set; } = null!;

    public ApiProcess B { get; private set; } = null!;

    public WebhookReceiver Receiver { get; private set; } = null!;

    public string DatabasePath => Path.Combine(folder, "shared.db");

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(folder);
        var settings = ApiProcess.Settings(DatabasePath);
        settings["Webhooks__AllowHttp"] = "true";
        settings["Webhooks__AllowedNetworks"] = "127.0.0.0/8, ::1/128";
        settings["Webhooks__PollMilliseconds"] = "100";
        settings["Webhooks__BatchSize"] = "2";
        settings["Webhooks__BackoffSeconds"] = "1";
        settings["Webhooks__TimeoutSeconds"] = "5";
        // A small per-key limit in a window longer than the test, so the count can only be shared or not.
        settings["ApiKeys__PermitsPerMinute"] = "6";
        settings["ApiKeys__WindowSeconds"] = "3600";
        // Each request reads the user's session state (the up-to-5-second cache is tested with a fake clock in SessionTests).
        settings["Auth__SessionCheckSeconds"] = "0";
        Receiver = await WebhookReceiver.StartAsync();
        A = await ApiProcess.StartAsync(settings, CancellationToken.None);
        B = await ApiProcess.StartAsync(settings, CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        await A.DisposeAsync();
        await B.DisposeAsync();
        await Receiver.DisposeAsync();
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
}

public sealed class TwoInstancesTests(TwoInstances instances) : IClassFixture<TwoInstances>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_webhook_secret_created_through_one_instance_signs_on_the_other()
    {
        var adminA = await instances.A.AdminAsync();
        var adminB = await instances.B.AdminAsync();
        var webhook = await WebhookRequests.CreateAsync(adminA, WebhookRequests.Body(instances.Receiver.Url, ["events"]));

        var ping = await (await adminB.PostAsync($"/api/v1/webhooks/{webhook.Id}/ping", null).ShouldBe(HttpStatusCode.OK)).ReadAsync<WebhookPingResponse>();
        ping.Delivered.ShouldBeTrue(ping.Error);
        var received = instances.Receiver.For(webhook.Id).Single(r => r.Payload.DeliveryId == ping.DeliveryId);
        WebhookSignature.Verify(received.SignatureHeader, webhook.Secret, received.BodyBytes, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)).ShouldBeTrue();

        // And the other way: a secret rotated through B signs on A.
        var rotated = await (await adminB.PostAsync($"/api/v1/webhooks/{webhook.Id}/rotate-secret", null).ShouldBe(HttpStatusCode.OK))
            .ReadAsync<WebhookWithSecretResponse>();
        var pingA = await (await adminA.PostAsync($"/api/v1/webhooks/{webhook.Id}/ping", null).ShouldBe(HttpStatusCode.OK)).ReadAsync<WebhookPingResponse>();
        pingA.Delivered.ShouldBeTrue(pingA.Error);
        var receivedA = instances.Receiver.For(webhook.Id).Single(r => r.Payload.DeliveryId == pingA.DeliveryId);
        WebhookSignature.Verify(receivedA.SignatureHeader, rotated.Secret, receivedA.BodyBytes, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)).ShouldBeTrue();

        // Shared through the database, not through a folder both happen to see (as keys/ beside a SQLite file would be).
        await using var db = new SqliteConnection($"Data Source={instances.DatabasePath};Mode=ReadOnly;Pooling=False");
        (await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM data_protection_keys")).ShouldBeGreaterThan(0);
        Directory.Exists(Path.Combine(Path.GetDirectoryName(instances.DatabasePath)!, "keys")).ShouldBeFalse();
    }

    [Fact]
    public async Task Each_webhook_batch_is_delivered_once_across_both_instances()
    {
        var adminA = await instances.A.AdminAsync();
        var adminB = await instances.B.AdminAsync();
        var webhook = await WebhookRequests.CreateAsync(adminB, WebhookRequests.Body(instances.Receiver.Url, ["members"]));

        var writes = Enumerable.Range(0, 10).Select(i => MemberRequests.CreateAsync(i % 2 == 0 ? adminA : adminB, MemberRequests.Body($"Kahden Instanssin Yhdistys {i} ry")));
        var members = await Task.WhenAll(writes);
        await WaitForAsync(() => DeliveredIds(webhook.Id).IsSupersetOf(members.Select(m => m.Id)));
        // One more write after everything arrived: a duplicate of an earlier batch would have been sent before it.
        var last = await MemberRequests.CreateAsync(adminA, MemberRequests.Body("Viimeinen Yhdistys ry"));
        await WaitForAsync(() => DeliveredIds(webhook.Id).Contains(last.Id));

        var batches = instances.Receiver.For(webhook.Id).Where(r => r.Payload.Items.Count > 0).ToList();
        batches.ShouldAllBe(r => r.AnsweredStatus == 204);
        batches.Select(r => r.Payload.DeliveryId).ShouldBeUnique();
        var seqs = batches.SelectMany(r => r.Payload.Items).Select(e => e.Seq).ToList();
        seqs.ShouldBeUnique();
        seqs.Count.ShouldBe(11);
        foreach (var batch in batches)
        {
            WebhookSignature.Verify(batch.SignatureHeader, webhook.Secret, batch.BodyBytes, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)).ShouldBeTrue();
        }
    }

    [Fact]
    public async Task A_keys_rate_limit_holds_across_both_instances()
    {
        var adminA = await instances.A.AdminAsync();
        var created = await (await adminA.PostJsonAsync("/api/v1/api-keys", new { name = "Kahden instanssin avain", scopes = new[] { "members:read" } })
            .ShouldBe(HttpStatusCode.Created)).JsonAsync();
        var key = created.GetProperty("key").GetString();
        var clients = new[] { instances.A.Anonymous(), instances.B.Anonymous() };
        foreach (var client in clients)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", key);
        }

        // Six permits in all, taken in turn from A and B: the count is one, so the seventh is refused wherever it lands.
        for (var i = 0; i < 6; i++)
        {
            var answer = await clients[i % 2].GetAsync("/api/v1/members?limit=1").ShouldBe(HttpStatusCode.OK);
            answer.Headers.GetValues("RateLimit-Remaining").Single().ShouldBe((5 - i).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        foreach (var client in clients)
        {
            var refused = await client.GetAsync("/api/v1/members?limit=1");
            refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
            refused.Headers.RetryAfter.ShouldNotBeNull();
        }
    }

    [Fact]
    public async Task A_user_deleted_through_one_instance_is_refused_by_the_other()
    {
        var adminA = await instances.A.AdminAsync();
        var email = $"kahden-{Guid.NewGuid():N}@tests.communityhub.local";
        var user = await (await adminA.PostJsonAsync("/api/v1/users", new { email, displayName = "Kaija Kahdesta", role = "staff", password = "Two-instances-2026" })
            .ShouldBe(HttpStatusCode.Created)).JsonAsync();
        var onB = instances.B.Anonymous();
        var token = (await (await onB.PostJsonAsync("/api/v1/auth/token", new { email, password = "Two-instances-2026" })
            .ShouldBe(HttpStatusCode.OK)).JsonAsync()).GetProperty("accessToken").GetString();
        onB.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        await onB.GetAsync("/api/v1/auth/me").ShouldBe(HttpStatusCode.OK);

        await adminA.DeleteAsync($"/api/v1/users/{user.GetProperty("id").GetGuid()}").ShouldBe(HttpStatusCode.NoContent);

        await onB.GetAsync("/api/v1/auth/me").ShouldBeProblem(HttpStatusCode.Unauthorized);
        await onB.PostJsonAsync("/api/v1/members", MemberRequests.Body("Poistetun Käyttäjän Yhdistys ry")).ShouldBeProblem(HttpStatusCode.Unauthorized);
    }

    private HashSet<Guid> DeliveredIds(Guid webhookId) =>
        instances.Receiver.For(webhookId).SelectMany(r => r.Payload.Items).Select(e => e.Id).ToHashSet();

    /// <summary>Waits for the background dispatchers (they poll every 100 ms) to reach a state, up to a deadline.</summary>
    private static async Task WaitForAsync(Func<bool> condition)
    {
        using var deadline = new CancellationTokenSource(Patience);
        while (!condition())
        {
            await Task.Delay(50, deadline.Token);
        }
    }
}
