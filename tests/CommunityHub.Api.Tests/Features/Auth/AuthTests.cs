using System.Net;
using CommunityHub.Api.Features.Auth;
using CommunityHub.Api.Infrastructure.Security;
using CommunityHub.Api.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using Shouldly;

namespace CommunityHub.Api.Tests.Features.Auth;

public sealed class AuthTests(SqliteApiFactory factory) : IClassFixture<SqliteApiFactory>
{
    [Fact]
    public async Task Token_for_valid_credentials_describes_the_user_and_works_for_me()
    {
        var response = await factory.Anonymous().PostJsonAsync("/api/v1/auth/token", new { email = ApiFactory.AdminEmail.ToUpperInvariant(), password = ApiFactory.AdminPassword })
            .ShouldBe(HttpStatusCode.OK);
        var token = await response.ReadAsync<TokenResponse>();
        token.User.Role.ShouldBe(Role.Admin);
        token.User.Email.ShouldBe(ApiFactory.AdminEmail);
        token.ExpiresAt.ShouldBeGreaterThan(DateTimeOffset.UtcNow);

        var admin = await factory.AdminAsync();
        var me = await (await admin.GetAsync("/api/v1/auth/me").ShouldBe(HttpStatusCode.OK)).ReadAsync<MeResponse>();
        me.Role.ShouldBe(Role.Admin);
        me.Id.ShouldBe(token.User.Id);
    }

    [Fact]
    public async Task Wrong_password_and_unknown_email_get_the_same_401()
    {
        var anonymous = factory.Anonymous();
        var wrong = await anonymous.PostJsonAsync("/api/v1/auth/token", new { email = ApiFactory.AdminEmail, password = "wrong-password-1" })
            .ShouldBeProblem(HttpStatusCode.Unauthorized);
        var unknown = await anonymous.PostJsonAsync("/api/v1/auth/token", new { email = "nobody@example.fi", password = "wrong-password-1" })
            .ShouldBeProblem(HttpStatusCode.Unauthorized);
        wrong.GetProperty("detail").GetString().ShouldBe(unknown.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Missing_fields_are_400_and_no_token_is_401()
    {
        await factory.Anonymous().PostJsonAsync("/api/v1/auth/token", new { email = "a@b.fi" }).ShouldBeProblem(HttpStatusCode.BadRequest, "password");
        await factory.Anonymous().GetAsync("/api/v1/auth/me").ShouldBeProblem(HttpStatusCode.Unauthorized);
        await factory.Anonymous().GetAsync("/api/v1/users").ShouldBeProblem(HttpStatusCode.Unauthorized);
    }
}

/// <summary>Its own factory and clock, so the failure counter and window are this class's alone.</summary>
public sealed class LoginThrottleTests : IAsyncLifetime
{
    private readonly SqliteApiFactory factory = new();
    private readonly FakeTimeProvider clock = new(DateTimeOffset.UtcNow);

    public ValueTask InitializeAsync()
    {
        factory.Clock = clock;
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => factory.DisposeAsync();

    [Fact]
    public async Task Repeated_failures_are_429_with_retry_after_until_the_window_passes()
    {
        var anonymous = factory.Anonymous();
        for (var i = 0; i < 5; i++)
        {
            await anonymous.PostJsonAsync("/api/v1/auth/token", new { email = ApiFactory.AdminEmail, password = $"guess-{i}-xxxxx" })
                .ShouldBe(HttpStatusCode.Unauthorized);
        }
        var limited = await anonymous.PostJsonAsync("/api/v1/auth/token", new { email = ApiFactory.AdminEmail, password = ApiFactory.AdminPassword });
        await limited.ShouldBe(HttpStatusCode.TooManyRequests);
        limited.Headers.RetryAfter.ShouldNotBeNull();
        limited.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");

        clock.Advance(TimeSpan.FromMinutes(16));
        await anonymous.PostJsonAsync("/api/v1/auth/token", new { email = ApiFactory.AdminEmail, password = ApiFactory.AdminPassword })
            .ShouldBe(HttpStatusCode.OK);
    }
}
