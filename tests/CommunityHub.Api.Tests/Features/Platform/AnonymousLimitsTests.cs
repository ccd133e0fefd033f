using System.Net;
using System.Text;
using CommunityHub.Api.Infrastructure.Http;
using CommunityHub.Api.Tests.Features.Events;
using CommunityHub.Api.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using Shouldly;

namespace CommunityHub.Api.Tests.Features.Platform;

/// <summary>
/// Abuse limits on what anyone may call: a per-address rate limit (which a rush from many addresses never meets) and a
/// 1 MB cap on request bodies.
/// </summary>
public sealed class AnonymousLimitsTests : IClassFixture<SqliteApiFactory>
{
    private const int Limit = 5;
    private readonly SqliteApiFactory factory;

    public AnonymousLimitsTests(SqliteApiFactory factory)
    {
        this.factory = factory;
        factory.Clock ??= new FakeTimeProvider(DateTimeOffset.UtcNow);
        factory.Set("RateLimits:Anonymous:PermitsPerMinute", $"{Limit}");
    }

    private static int signIns;

    private DateTimeOffset Now => factory.Clock!.GetUtcNow();

    /// <summary>The admin, signed in from an address of its own (sign-in is an anonymous endpoint, limited too).</summary>
    private async Task<HttpClient> AdminAsync()
    {
        var client = TestClientAddress.From(factory.Anonymous(), $"192.0.2.{Interlocked.Increment(ref signIns)}");
        var token = await (await client.PostJsonAsync("/api/v1/auth/token", new { email = ApiFactory.AdminEmail, password = ApiFactory.AdminPassword })
            .ShouldBe(HttpStatusCode.OK)).JsonAsync();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token.GetProperty("accessToken").GetString());
        return client;
    }

    private async Task<Guid> PublishedEventAsync(int? capacity = null)
    {
        var admin = await AdminAsync();
        var organizer = await EventRequests.MemberAsync(admin);
        return (await EventRequests.PublishedAsync(admin, EventRequests.Body([organizer], Now.AddDays(10), capacity: capacity))).Id;
    }

    [Fact]
    public async Task One_address_over_the_limit_gets_429_with_retry_after_while_other_addresses_and_signed_in_users_go_on()
    {
        var eventId = await PublishedEventAsync();
        var noisy = TestClientAddress.From(factory.Anonymous(), "203.0.113.7");
        for (var i = 0; i < Limit; i++)
        {
            await EventRequests.RegisterAsync(noisy, eventId, $"Toistaja {i}", $"toistaja{i}@example.fi").ShouldBe(HttpStatusCode.Accepted);
        }

        var refused = await EventRequests.RegisterAsync(noisy, eventId, "Liikaa", "liikaa@example.fi");
        var problem = await Task.FromResult(refused).ShouldBeProblem(HttpStatusCode.TooManyRequests);
        problem.GetProperty("detail").GetString()!.ShouldContain("address");
        refused.Headers.RetryAfter.ShouldNotBeNull();
        refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds.ShouldBeInRange(1, 60);
        // The limit covers the anonymous endpoints together: sign-in and feedback from the address wait too.
        await noisy.PostJsonAsync("/api/v1/auth/token", new { email = "x@example.fi", password = "whatever-password" })
            .ShouldBeProblem(HttpStatusCode.TooManyRequests);
        await noisy.PostJsonAsync($"/api/v1/events/{eventId}/feedback", new { rating = 5 }).ShouldBeProblem(HttpStatusCode.TooManyRequests);

        var neighbour = TestClientAddress.From(factory.Anonymous(), "203.0.113.8");
        await EventRequests.RegisterAsync(neighbour, eventId, "Naapuri", "naapuri@example.fi").ShouldBe(HttpStatusCode.Accepted);
        var admin = await AdminAsync();
        admin.DefaultRequestHeaders.Remove(TestClientAddress.Header);
        TestClientAddress.From(admin, "203.0.113.7");
        await EventRequests.RegisterAsync(admin, eventId, "Henkilökunta", "henkilokunta@example.fi").ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_signed_in_user_is_limited_per_user_on_registrations_and_feedback_wherever_they_come_from()
    {
        var eventId = await PublishedEventAsync();
        var admin = await AdminAsync();
        var email = $"rajattu-{Guid.NewGuid():N}@tests.communityhub.local";
        await admin.PostJsonAsync("/api/v1/users", new { email, displayName = "Rajattu Katselija", role = "viewer", password = "Viewer-password-2026" })
            .ShouldBe(HttpStatusCode.Created);
        var signIn = TestClientAddress.From(factory.Anonymous(), "192.0.2.230");
        var token = (await (await signIn.PostJsonAsync("/api/v1/auth/token", new { email, password = "Viewer-password-2026" }).ShouldBe(HttpStatusCode.OK))
            .JsonAsync()).GetProperty("accessToken").GetString();
        HttpClient Viewer(int i)
        {
            var client = TestClientAddress.From(factory.Anonymous(), $"198.18.{i}.1");
            client.DefaultRequestHeaders.Authorization = new("Bearer", token);
            return client;
        }

        for (var i = 0; i < Limit; i++)
        {
            var answer = await EventRequests.RegisterAsync(Viewer(i), eventId, $"Katselijan Kaveri {i}", $"kaveri{i}-{email}");
            answer.StatusCode.ShouldNotBe(HttpStatusCode.TooManyRequests, $"registration {i + 1} of {Limit} is within the limit");
        }
        var refused = await EventRequests.RegisterAsync(Viewer(Limit), eventId, "Yksi Liikaa", $"liikaa-{email}");
        var problem = await Task.FromResult(refused).ShouldBeProblem(HttpStatusCode.TooManyRequests);
        problem.GetProperty("detail").GetString()!.ShouldContain("user");
        refused.Headers.RetryAfter.ShouldNotBeNull();
        await Viewer(Limit + 1).PostJsonAsync($"/api/v1/events/{eventId}/feedback", new { rating = 5, cancelToken = "ei-ole" })
            .ShouldBeProblem(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task Two_hundred_registrations_from_two_hundred_addresses_at_once_all_succeed()
    {
        var eventId = await PublishedEventAsync(capacity: 150);
        var answers = await Task.WhenAll(Enumerable.Range(0, 200).Select(async i =>
        {
            var client = TestClientAddress.From(factory.Anonymous(), $"198.51.{i / 100}.{(i % 100) + 1}");
            return (await EventRequests.RegisterAsync(client, eventId, $"Kurssilainen {i}", $"kurssilainen{i}@example.fi")).StatusCode;
        }));
        answers.ShouldAllBe(s => s == HttpStatusCode.Accepted);

        var admin = await AdminAsync();
        var current = await (await admin.GetAsync($"/api/v1/events/{eventId}").ShouldBe(HttpStatusCode.OK)).JsonAsync();
        current.GetProperty("confirmedCount").GetInt32().ShouldBe(150);
        current.GetProperty("waitlistCount").GetInt32().ShouldBe(50);
    }

    [Fact]
    public async Task Two_instances_on_one_database_share_an_addresses_count()
    {
        await using var second = new SqliteApiFactory(factory.DatabasePath) { Clock = factory.Clock };
        second.Set("RateLimits:Anonymous:PermitsPerMinute", $"{Limit}");
        var onFirst = TestClientAddress.From(factory.Anonymous(), "203.0.113.50");
        var onSecond = TestClientAddress.From(second.Anonymous(), "203.0.113.50");
        var feedback = $"/api/v1/events/{Guid.NewGuid()}/feedback";
        var body = new { rating = 4, cancelToken = "ei-ole" };

        for (var i = 0; i < Limit; i++)
        {
            var answer = await (i % 2 == 0 ? onFirst : onSecond).PostJsonAsync(feedback, body);
            answer.StatusCode.ShouldNotBe(HttpStatusCode.TooManyRequests, $"request {i + 1} of {Limit} is within the limit");
        }
        await onSecond.PostJsonAsync(feedback, body).ShouldBeProblem(HttpStatusCode.TooManyRequests);
        await onFirst.PostJsonAsync(feedback, body).ShouldBeProblem(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public void Ipv6_addresses_share_a_limit_per_64_and_ipv4_per_address()
    {
        ClientRateLimit.PartitionOf(IPAddress.Parse("2001:db8:1:2:aaaa::1"))
            .ShouldBe(ClientRateLimit.PartitionOf(IPAddress.Parse("2001:db8:1:2:bbbb::2")));
        ClientRateLimit.PartitionOf(IPAddress.Parse("2001:db8:1:3::1"))
            .ShouldNotBe(ClientRateLimit.PartitionOf(IPAddress.Parse("2001:db8:1:2::1")));
        ClientRateLimit.PartitionOf(IPAddress.Parse("::ffff:203.0.113.7")).ShouldBe("203.0.113.7");
        ClientRateLimit.PartitionOf(IPAddress.Parse("203.0.113.7")).ShouldNotBe(ClientRateLimit.PartitionOf(IPAddress.Parse("203.0.113.8")));
    }

    [Fact]
    public async Task A_two_megabyte_json_body_is_413_problem_json_and_nothing_is_created()
    {
        var admin = await AdminAsync();
        var big = "{\"name\":\"" + new string('a', 2 * 1024 * 1024) + "\"}";
        var problem = await admin.PostRawAsync("/api/v1/members", big).ShouldBeProblem(HttpStatusCode.RequestEntityTooLarge);
        problem.GetProperty("detail").GetString()!.ShouldContain("1048576");

        var eventId = await PublishedEventAsync();
        var anonymous = TestClientAddress.From(factory.Anonymous(), "192.0.2.11");
        var registration = "{\"name\":\"Iso\",\"email\":\"iso@example.fi\",\"notes\":\"" + new string('x', 2 * 1024 * 1024) + "\"}";
        await anonymous.PostRawAsync($"/api/v1/events/{eventId}/registrations", registration).ShouldBeProblem(HttpStatusCode.RequestEntityTooLarge);

        // Without a Content-Length (chunked), the body is refused once it passes the cap.
        using var chunked = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/events/{eventId}/registrations")
        {
            Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(registration))),
        };
        chunked.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        chunked.Headers.TransferEncodingChunked = true;
        await anonymous.SendAsync(chunked).ShouldBeProblem(HttpStatusCode.RequestEntityTooLarge);

        var list = await (await admin.GetAsync($"/api/v1/events/{eventId}/registrations").ShouldBe(HttpStatusCode.OK)).JsonAsync();
        list.GetProperty("items").GetArrayLength().ShouldBe(0);

        // A body under the cap is read as before (here: a validation answer, not a 413).
        var fine = "{\"name\":\"Pieni\",\"email\":\"pieni@example.fi\",\"notes\":\"" + new string('x', 3000) + "\"}";
        (await anonymous.PostRawAsync($"/api/v1/events/{eventId}/registrations", fine)).StatusCode.ShouldNotBe(HttpStatusCode.RequestEntityTooLarge);
    }
}
