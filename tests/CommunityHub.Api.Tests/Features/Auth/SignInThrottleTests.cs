using System.Net;
using CommunityHub.Api.Infrastructure.Security;
using CommunityHub.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Shouldly;

namespace CommunityHub.Api.Tests.Features.Auth;

/// <summary>
/// Test servers have no client address; this sets one from <see cref="Header"/> before anything else runs, standing in
/// for the TCP peer (what the API sees when no proxy is in between).
/// </summary>
public sealed class TestClientAddress : IStartupFilter
{
    public const string Header = "X-Test-Peer-Address";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            if (context.Request.Headers.TryGetValue(Header, out var value) && IPAddress.TryParse(value, out var address))
            {
                context.Connection.RemoteIpAddress = address;
            }
            return nextMiddleware(context);
        });
        next(app);
    };

    public static WebApplicationFactory<Program> On(ApiFactory factory) =>
        factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<IStartupFilter, TestClientAddress>()));

    public static HttpClient From(WebApplicationFactory<Program> app, string address)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add(Header, address);
        return client;
    }
}

/// <summary>Sign-in throttling per account and address with growing delays, shared through the database.</summary>
public sealed class SignInThrottleTests : IAsyncLifetime
{
    private readonly SqliteApiFactory factory = new();
    private readonly FakeTimeProvider clock = new(DateTimeOffset.UtcNow);
    private WebApplicationFactory<Program> app = null!;

    public ValueTask InitializeAsync()
    {
        factory.Clock = clock;
        app = TestClientAddress.On(factory);
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => factory.DisposeAsync();

    private static Task<HttpResponseMessage> SignIn(HttpClient client, string password, string email = ApiFactory.AdminEmail) =>
        client.PostJsonAsync("/api/v1/auth/token", new { email, password });

    [Fact]
    public async Task Forty_parallel_wrong_passwords_get_at_most_five_password_checks()
    {
        var attacker = TestClientAddress.From(app, "203.0.113.40");
        var answers = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => SignIn(attacker, $"wrong-guess-{i:D4}")));

        answers.Count(a => a.StatusCode == HttpStatusCode.Unauthorized).ShouldBe(5);
        answers.Count(a => a.StatusCode == HttpStatusCode.TooManyRequests).ShouldBe(35);
        answers.Where(a => a.StatusCode == HttpStatusCode.TooManyRequests).ShouldAllBe(a => a.Headers.RetryAfter != null);
    }

    [Fact]
    public async Task An_attacker_at_one_address_cannot_keep_the_real_user_out_at_another()
    {
        var attacker = TestClientAddress.From(app, "198.51.100.7");
        for (var i = 0; i < 12; i++)
        {
            await SignIn(attacker, $"attacker-guess-{i:D2}");
        }
        (await SignIn(attacker, ApiFactory.AdminPassword)).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);

        var realUser = TestClientAddress.From(app, "192.0.2.10");
        await SignIn(realUser, ApiFactory.AdminPassword).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Delays_grow_with_each_failure_and_429_says_how_long_in_retry_after()
    {
        var client = TestClientAddress.From(app, "203.0.113.77");
        var email = "nobody-here@example.fi";
        for (var i = 0; i < 4; i++)
        {
            await SignIn(client, $"guess-number-{i}", email).ShouldBe(HttpStatusCode.Unauthorized);
        }
        await SignIn(client, "guess-number-4", email).ShouldBe(HttpStatusCode.Unauthorized);

        var waits = new List<TimeSpan>();
        for (var round = 0; round < 3; round++)
        {
            var limited = await SignIn(client, $"too-soon-{round}", email).ShouldBe(HttpStatusCode.TooManyRequests);
            limited.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
            var wait = limited.Headers.RetryAfter!.Delta!.Value;
            waits.Add(wait);
            clock.Advance(wait);
            await SignIn(client, $"after-wait-{round}", email).ShouldBe(HttpStatusCode.Unauthorized);
        }
        waits.ShouldBe([TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(120)]);
    }

    [Fact]
    public async Task The_throttle_is_shared_by_every_instance_on_the_database()
    {
        var first = TestClientAddress.From(app, "203.0.113.90");
        for (var i = 0; i < 5; i++)
        {
            await SignIn(first, $"first-instance-{i}", "shared@example.fi").ShouldBe(HttpStatusCode.Unauthorized);
        }
        await using var other = new SqliteApiFactory(factory.DatabasePath) { Clock = clock };
        var second = TestClientAddress.From(TestClientAddress.On(other), "203.0.113.90");
        await SignIn(second, "second-instance", "shared@example.fi").ShouldBe(HttpStatusCode.TooManyRequests);
    }
}

/// <summary>Behind a configured proxy the throttle keys on X-Forwarded-For; from anyone else the header is ignored.</summary>
public sealed class ForwardedHeadersTests : IAsyncLifetime
{
    private const string Proxy = "10.20.0.5";
    private readonly SqliteApiFactory factory = new();
    private readonly FakeTimeProvider clock = new(DateTimeOffset.UtcNow);
    private WebApplicationFactory<Program> app = null!;

    public ValueTask InitializeAsync()
    {
        factory.Clock = clock;
        factory.Set("ForwardedHeaders:KnownProxies:0", Proxy);
        app = TestClientAddress.On(factory);
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => factory.DisposeAsync();

    private static Task<HttpResponseMessage> SignIn(HttpClient client, string forwardedFor, string password)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/token")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { email = ApiFactory.AdminEmail, password }),
        };
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return client.SendAsync(request);
    }

    [Fact]
    public async Task Through_the_configured_proxy_each_client_address_is_throttled_on_its_own()
    {
        var proxy = TestClientAddress.From(app, Proxy);
        for (var i = 0; i < 6; i++)
        {
            await SignIn(proxy, "198.51.100.66", $"attacker-guess-{i}");
        }
        (await SignIn(proxy, "198.51.100.66", ApiFactory.AdminPassword)).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);

        await SignIn(proxy, "192.0.2.44", ApiFactory.AdminPassword).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task X_forwarded_for_from_an_unconfigured_source_is_ignored_by_the_throttle()
    {
        var direct = TestClientAddress.From(app, "203.0.113.200");
        for (var i = 0; i < 5; i++)
        {
            // A new made-up address every time: if it were believed, no address would ever reach the limit.
            await SignIn(direct, $"192.0.2.{i + 1}", $"spoofed-guess-{i}").ShouldBe(HttpStatusCode.Unauthorized);
        }
        var limited = await SignIn(direct, "192.0.2.99", ApiFactory.AdminPassword);
        limited.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
    }
}
