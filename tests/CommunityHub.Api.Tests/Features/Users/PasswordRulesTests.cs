using System.Net;
using CommunityHub.Api.Features.Users;
using CommunityHub.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Shouldly;

namespace CommunityHub.Api.Tests.Features.Users;

/// <summary>Passwords: at least 12 characters and not among the most common ones, on create, replace and bootstrap.</summary>
public sealed class PasswordRulesTests(SqliteApiFactory factory) : IClassFixture<SqliteApiFactory>
{
    private static object NewUser(string password) => new
    {
        email = $"salasana-{Guid.NewGuid():N}@example.fi", displayName = "Salasana Testaaja", role = "viewer", password,
    };

    [Fact]
    public async Task An_eleven_character_password_is_400_naming_password()
    {
        var admin = await factory.AdminAsync();
        await admin.PostJsonAsync("/api/v1/users", NewUser("Abcdefgh-12")).ShouldBeProblem(HttpStatusCode.BadRequest, "password");
        await admin.PostJsonAsync("/api/v1/users", NewUser("Abcdefgh-123")).ShouldBe(HttpStatusCode.Created);
    }

    [Theory]
    [InlineData("winniethepooh")]
    [InlineData("WINNIETHEPOOH")]
    [InlineData("password1234")]
    public async Task A_common_password_is_400_naming_password(string password)
    {
        var admin = await factory.AdminAsync();
        await admin.PostJsonAsync("/api/v1/users", NewUser(password)).ShouldBeProblem(HttpStatusCode.BadRequest, "password");
    }

    [Fact]
    public async Task A_replace_with_a_common_password_is_400_too()
    {
        var admin = await factory.AdminAsync();
        var user = await (await admin.PostJsonAsync("/api/v1/users", NewUser("Riittävän-pitkä-2026")).ShouldBe(HttpStatusCode.Created))
            .ReadAsync<UserResponse>();
        await admin.PutJsonAsync($"/api/v1/users/{user.Id}", new { email = user.Email, displayName = user.DisplayName, role = "viewer", password = "password1234" })
            .ShouldBeProblem(HttpStatusCode.BadRequest, "password");
    }

    [Fact]
    public void Outside_development_a_common_bootstrap_password_stops_start_up()
    {
        using var app = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Production");
            b.UseSetting("ConnectionStrings:CommunityHub", $"Data Source={Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".db")}");
            b.UseSetting("Auth:SigningKey", ApiFactory.SigningKey);
            b.UseSetting("App:PublicBaseUrl", "https://hub.example.fi");
            b.UseSetting("Mail:Enabled", "false");
            b.UseSetting("Bootstrap:AdminEmail", "admin@example.fi");
            b.UseSetting("Bootstrap:AdminPassword", "password1234");
        });
        var error = Should.Throw<InvalidOperationException>(() => app.CreateClient());
        error.Message.ShouldContain("Bootstrap:AdminPassword");
    }
}
