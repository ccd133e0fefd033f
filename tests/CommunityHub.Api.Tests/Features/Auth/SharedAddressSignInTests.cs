using System.Net;
using CommunityHub.Api.Tests.Infrastructure;
using Shouldly;
using ClientAddress = CommunityHub.Api.Tests.Infrastructure.TestClientAddress;

namespace CommunityHub.Api.Tests.Features.Auth;

/// <summary>
/// Nobody at a shared address (a city hall, a school, a library behind one NAT address) can lock the others out: a
/// browser that signed in before carries a device cookie and is counted on its own; IPv6 is counted per /64.
/// </summary>
public sealed class SharedAddressSignInTests(SqliteApiFactory factory) : IClassFixture<SqliteApiFactory>
{
    private static Task<HttpResponseMessage> SignIn(HttpClient client, string password, string email = ApiFactory.AdminEmail) =>
        client.PostJsonAsync("/api/v1/auth/token", new { email, password });

    [Fact]
    public async Task A_flood_of_failures_at_a_shared_address_never_blocks_a_browser_that_signed_in_there_before()
    {
        const string cityHall = "203.0.113.60";
        var browser = ClientAddress.From(factory.Anonymous(), cityHall);
        var first = await SignIn(browser, ApiFactory.AdminPassword).ShouldBe(HttpStatusCode.OK);

        var stranger = ClientAddress.From(factory.Anonymous(), cityHall);
        for (var i = 0; i < 25; i++)
        {
            await SignIn(stranger, $"made-up-password-{i:D2}", $"made-up-{i}@example.fi");
        }
        for (var i = 0; i < 6; i++)
        {
            await SignIn(stranger, $"wrong-admin-guess-{i:D2}");
        }
        await SignIn(stranger, ApiFactory.AdminPassword).ShouldBeProblem(HttpStatusCode.TooManyRequests);

        await SignIn(browser, ApiFactory.AdminPassword).ShouldBe(HttpStatusCode.OK);
        await SignIn(browser, ApiFactory.AdminPassword).ShouldBe(HttpStatusCode.OK);

        // The cookie speaks for its account only, and a browser without one is slowed for minutes, not hours.
        await SignIn(browser, "Someone-elses-password-1", "someone.else@example.fi").ShouldBeProblem(HttpStatusCode.TooManyRequests);
        var fresh = ClientAddress.From(factory.Anonymous(), cityHall);
        var slowed = await SignIn(fresh, ApiFactory.AdminPassword);
        await Task.FromResult(slowed).ShouldBeProblem(HttpStatusCode.TooManyRequests);
        slowed.Headers.RetryAfter!.Delta!.Value.ShouldBeLessThanOrEqualTo(TimeSpan.FromMinutes(15));

        var cookie = first.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("communityhub_device_", StringComparison.Ordinal)).ToLowerInvariant();
        cookie.ShouldContain("httponly");
        cookie.ShouldContain("samesite=strict");
        cookie.ShouldContain("path=/api/v1/auth");
        cookie.ShouldNotContain("secure", customMessage: "the test server speaks plain HTTP; over HTTPS the cookie is Secure");
        cookie.ShouldNotContain(ApiFactory.AdminEmail.ToLowerInvariant());
    }

    [Fact]
    public async Task A_browser_with_a_device_cookie_still_gets_only_a_few_wrong_passwords()
    {
        var email = $"device-{Guid.NewGuid():N}@tests.communityhub.local";
        var admin = await factory.AdminAsync();
        await admin.PostJsonAsync("/api/v1/users", new { email, displayName = "Laite Testaaja", role = "viewer", password = "Device-password-2026" })
            .ShouldBe(HttpStatusCode.Created);
        var browser = ClientAddress.From(factory.Anonymous(), "198.51.100.61");
        await SignIn(browser, "Device-password-2026", email).ShouldBe(HttpStatusCode.OK);
        for (var i = 0; i < 5; i++)
        {
            await SignIn(browser, $"device-guess-{i:D2}", email).ShouldBe(HttpStatusCode.Unauthorized);
        }
        await SignIn(browser, "Device-password-2026", email).ShouldBeProblem(HttpStatusCode.TooManyRequests);
        // Elsewhere the person signs in as before.
        await SignIn(ClientAddress.From(factory.Anonymous(), "192.0.2.61"), "Device-password-2026", email).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_device_cookie_is_secure_over_https_and_speaks_for_its_own_account_only()
    {
        var email = $"laite-{Guid.NewGuid():N}@tests.communityhub.local";
        var admin = await factory.AdminAsync();
        await admin.PostJsonAsync("/api/v1/users", new { email, displayName = "Toinen Tili", role = "viewer", password = "Other-password-2026" })
            .ShouldBe(HttpStatusCode.Created);
        const string library = "203.0.113.62";
        var https = ClientAddress.From(factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri("https://localhost"),
            HandleCookies = false,
        }), library);
        var signedIn = await SignIn(https, ApiFactory.AdminPassword).ShouldBe(HttpStatusCode.OK);
        var adminCookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(CommunityHub.Api.Infrastructure.Security.DeviceCookies.NamePrefix, StringComparison.Ordinal));
        adminCookie.ToLowerInvariant().ShouldContain("; secure");
        var value = adminCookie[(adminCookie.IndexOf('=', StringComparison.Ordinal) + 1)..adminCookie.IndexOf(';', StringComparison.Ordinal)];

        var stranger = ClientAddress.From(factory.Anonymous(), library);
        for (var i = 0; i < 22; i++)
        {
            await SignIn(stranger, $"library-guess-{i:D2}", $"library-{i}@example.fi");
        }
        // The admin's cookie, presented under the other account's cookie name, names the admin: it does not count.
        var replayed = ClientAddress.From(factory.Anonymous(), library);
        var otherName = CommunityHub.Api.Infrastructure.Security.DeviceCookies.CookieName(email.ToUpperInvariant());
        replayed.DefaultRequestHeaders.Add("Cookie", $"{otherName}={value}");
        await SignIn(replayed, "Other-password-2026", email).ShouldBeProblem(HttpStatusCode.TooManyRequests);
        var tampered = ClientAddress.From(factory.Anonymous(), library);
        tampered.DefaultRequestHeaders.Add("Cookie", $"{adminCookie[..adminCookie.IndexOf('=', StringComparison.Ordinal)]}={value[..^4]}AAAA");
        await SignIn(tampered, ApiFactory.AdminPassword).ShouldBeProblem(HttpStatusCode.TooManyRequests);
        var owner = ClientAddress.From(factory.Anonymous(), library);
        owner.DefaultRequestHeaders.Add("Cookie", adminCookie[..adminCookie.IndexOf(';', StringComparison.Ordinal)]);
        await SignIn(owner, ApiFactory.AdminPassword).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Thirty_wrong_passwords_from_thirty_addresses_of_one_ipv6_64_are_throttled_like_one_address()
    {
        var answers = new List<HttpStatusCode>();
        for (var i = 1; i <= 30; i++)
        {
            var client = ClientAddress.From(factory.Anonymous(), $"2001:db8:24:64::{i:x}");
            answers.Add((await SignIn(client, $"ipv6-guess-{i:D2}", "ipv6-target@example.fi")).StatusCode);
        }
        answers.Count(s => s == HttpStatusCode.Unauthorized).ShouldBe(5);
        answers.Skip(5).ShouldAllBe(s => s == HttpStatusCode.TooManyRequests);
        // Another /64 is another client.
        await SignIn(ClientAddress.From(factory.Anonymous(), "2001:db8:24:65::1"), "ipv6-other-guess", "ipv6-target@example.fi")
            .ShouldBe(HttpStatusCode.Unauthorized);
    }
}
