using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using CommunityHub.Api.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using Shouldly;

namespace CommunityHub.Api.Tests.Features.Mail;

/// <summary>Password reset for local users: the same answer for every address, a single-use link by mail, sessions end.</summary>
public sealed class PasswordResetTests(MailApiFactory factory) : IClassFixture<MailApiFactory>
{
    internal const string NewPassword = "Uusi-salasana-kevät-2027";

    internal static async Task<string> UserAsync(ApiFactory factory, string password = "User-password-2026")
    {
        var email = $"unohtaja-{Guid.NewGuid():N}@tests.communityhub.local";
        var admin = await factory.AdminAsync();
        (await admin.PostAsJsonAsync("/api/v1/users", new { email, displayName = "Unto Unohtaja", role = "staff", password }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        return email;
    }

    internal static Task<HttpResponseMessage> RequestAsync(HttpClient client, string email, string? language = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/password-reset") { Content = JsonContent.Create(new { email }) };
        if (language is not null)
        {
            request.Headers.AcceptLanguage.Clear();
            request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue(language));
        }
        return client.SendAsync(request);
    }

    internal static Task<HttpResponseMessage> ConfirmAsync(HttpClient client, string token, string password = NewPassword) =>
        client.PostJsonAsync("/api/v1/auth/password-reset/confirm", new { token, newPassword = password });

    [Fact]
    public async Task A_reset_link_sets_a_new_password_once_ends_every_session_and_no_answer_tells_who_has_an_account()
    {
        var email = await UserAsync(factory);
        var session = await factory.SignedInAsync(email, "User-password-2026");
        (await session.GetAsync("/api/v1/auth/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var anonymous = factory.Anonymous();

        var known = await RequestAsync(anonymous, email).ShouldBe(HttpStatusCode.Accepted);
        var unknown = await RequestAsync(anonymous, $"ei-ketaan-{Guid.NewGuid():N}@example.fi").ShouldBe(HttpStatusCode.Accepted);
        (await unknown.Content.ReadAsStringAsync()).ShouldBe(await known.Content.ReadAsStringAsync());
        await RequestAsync(anonymous, email, "fi").ShouldBe(HttpStatusCode.Accepted);
        (await factory.DeliverAsync()).ShouldBe(2);

        var messages = factory.Smtp.To(email);
        messages.Count.ShouldBe(2);
        messages[0].ShouldBeWellFormed("en");
        messages[0].Subject.ShouldBe("Reset your password");
        messages[0].Text().ShouldContain("https://hub.example.fi/reset-password#token=");
        messages[0].Text().ShouldContain("30 minutes");
        messages[1].ShouldBeWellFormed("fi");
        messages[1].Subject.ShouldBe("Salasanan vaihto");
        messages[1].Text().ShouldContain("30 minuuttia");
        var first = messages[0].ResetToken();
        var second = messages[1].ResetToken();
        first.ShouldNotBe(second);

        await ConfirmAsync(anonymous, first, "short").ShouldBeProblem(HttpStatusCode.BadRequest, "newPassword");
        await ConfirmAsync(anonymous, first).ShouldBe(HttpStatusCode.NoContent);
        (await session.GetAsync("/api/v1/auth/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        // Single use, and the other open link of the same user stops working too.
        await ConfirmAsync(anonymous, first, "Kolmas-salasana-2027").ShouldBeProblem(HttpStatusCode.BadRequest, "token");
        await ConfirmAsync(anonymous, second, "Kolmas-salasana-2027").ShouldBeProblem(HttpStatusCode.BadRequest, "token");
        await ConfirmAsync(anonymous, "keksitty-tunniste").ShouldBeProblem(HttpStatusCode.BadRequest, "token");

        (await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { email, password = "User-password-2026" })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { email, password = NewPassword })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var audit = await (await (await factory.AdminAsync()).GetAsync("/api/v1/audit?entityType=password_resets&limit=200")).JsonAsync();
        audit.GetProperty("items").GetArrayLength().ShouldBeGreaterThanOrEqualTo(3);
    }

    [Fact]
    public async Task Requests_for_one_address_are_limited()
    {
        var anonymous = factory.Anonymous();
        var address = $"tulva-{Guid.NewGuid():N}@example.fi";
        for (var i = 0; i < 5; i++)
        {
            await RequestAsync(anonymous, address).ShouldBe(HttpStatusCode.Accepted);
        }
        var refused = await RequestAsync(anonymous, address);
        refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        refused.Headers.RetryAfter.ShouldNotBeNull();
    }
}

/// <summary>A link past its 30 minutes is refused (the clock is moved, not waited for).</summary>
public sealed class PasswordResetExpiryTests : IClassFixture<MailApiFactory>
{
    private readonly MailApiFactory factory;

    public PasswordResetExpiryTests(MailApiFactory factory)
    {
        factory.Clock ??= new FakeTimeProvider(DateTimeOffset.UtcNow);
        this.factory = factory;
    }

    [Fact]
    public async Task A_link_older_than_thirty_minutes_is_refused()
    {
        var email = await PasswordResetTests.UserAsync(factory);
        var anonymous = factory.Anonymous();
        await PasswordResetTests.RequestAsync(anonymous, email).ShouldBe(HttpStatusCode.Accepted);
        await factory.DeliverAsync();
        var token = factory.Smtp.To(email).Single().ResetToken();

        ((FakeTimeProvider)factory.Clock!).Advance(TimeSpan.FromMinutes(30).Add(TimeSpan.FromSeconds(1)));
        await PasswordResetTests.ConfirmAsync(anonymous, token).ShouldBeProblem(HttpStatusCode.BadRequest, "token");
    }
}
