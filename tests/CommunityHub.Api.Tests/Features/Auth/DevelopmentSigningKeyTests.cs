using System.Net;
using System.Net.Http.Headers;
using System.Text;
using CommunityHub.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Shouldly;

namespace CommunityHub.Api.Tests.Features.Auth;

/// <summary>
/// Development without Auth:SigningKey (a developer's machine, a training or demo server) signs with a random key made
/// on first start and kept owner-only in the data folder, never with a key anyone can read in the source.
/// </summary>
public sealed class DevelopmentSigningKeyTests : IAsyncLifetime
{
    /// <summary>The key earlier versions used in Development, as published in their source.</summary>
    private const string FormerSourceKey = "communityhub-development-only-signing-key-0123456789";

    private readonly string folder = Path.Combine(Path.GetTempPath(), "communityhub-tests", Guid.NewGuid().ToString("N"));
    private readonly SqliteApiFactory factory = new();

    public ValueTask InitializeAsync()
    {
        Configure(factory);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await factory.DisposeAsync();
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private void Configure(ApiFactory api)
    {
        api.Unset("Auth:SigningKey");
        api.Set("Database:DataDirectory", folder);
    }

    private static Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> Development(ApiFactory api) =>
        api.WithWebHostBuilder(b => b.UseEnvironment("Development"));

    [Fact]
    public async Task A_random_key_is_made_on_first_start_kept_owner_only_and_reused_and_the_former_source_key_signs_nothing()
    {
        var development = Development(factory);
        var client = development.CreateClient();
        var signIn = await client.PostJsonAsync("/api/v1/auth/token", new { email = ApiFactory.AdminEmail, password = ApiFactory.AdminPassword })
            .ShouldBe(HttpStatusCode.OK);
        var token = (await signIn.JsonAsync()).GetProperty("accessToken").GetString();

        var path = Path.Combine(folder, "development-signing-key");
        File.Exists(path).ShouldBeTrue();
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(path).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        (await File.ReadAllTextAsync(path)).ShouldNotContain(FormerSourceKey);

        var forged = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "communityhub",
            Audience = "communityhub-api",
            Expires = DateTime.UtcNow.AddMinutes(10),
            Claims = new Dictionary<string, object> { ["sub"] = "x", ["role"] = "admin" },
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(FormerSourceKey)), SecurityAlgorithms.HmacSha256),
        });
        var forger = development.CreateClient();
        forger.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", forged);
        await forger.GetAsync("/api/v1/users").ShouldBeProblem(HttpStatusCode.Unauthorized);

        // A second start (here a second instance on the same data folder) keeps the key: tokens stay valid.
        await using var restarted = new SqliteApiFactory(factory.DatabasePath);
        Configure(restarted);
        var again = Development(restarted).CreateClient();
        again.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        await again.GetAsync("/api/v1/users").ShouldBe(HttpStatusCode.OK);
    }
}
