using System.Net;
using CommunityHub.Api.Features.Users;
using CommunityHub.Api.Infrastructure.Data;
using CommunityHub.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace CommunityHub.Api.Tests.Features.Platform;

public sealed class PlatformTests(SqliteApiFactory factory) : IClassFixture<SqliteApiFactory>
{
    [Fact]
    public async Task Health_live_and_ready_answer_anonymously()
    {
        var live = await factory.Anonymous().GetAsync("/health/live").ShouldBe(HttpStatusCode.OK);
        (await live.Content.ReadAsStringAsync()).ShouldBe("Healthy");
        var ready = await factory.Anonymous().GetAsync("/health/ready").ShouldBe(HttpStatusCode.OK);
        (await ready.Content.ReadAsStringAsync()).ShouldBe("Healthy");
    }

    [Fact]
    public async Task Migrations_are_idempotent_on_an_existing_database()
    {
        _ = factory.Anonymous();
        var runner = factory.Services.GetRequiredService<MigrationRunner>();
        (await runner.ApplyAsync(CancellationToken.None)).ShouldBe(0);
        (await runner.ApplyAsync(CancellationToken.None)).ShouldBe(0);

        // A second app on the same file starts cleanly and sees the first one's data.
        var admin = await factory.AdminAsync();
        await admin.PostJsonAsync("/api/v1/members", Members.MemberRequests.Body("Pysyvä Yhdistys ry", "931")).ShouldBe(HttpStatusCode.Created);
        await using var second = new SqliteApiFactory(factory.DatabasePath);
        var page = await (await second.Anonymous().GetAsync("/api/v1/members?municipality=931")).JsonAsync();
        page.GetProperty("items").GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task Unknown_api_paths_stay_problem_404_and_never_fall_back_to_the_web_app()
    {
        var admin = await factory.AdminAsync();
        var response = await admin.GetAsync("/api/v1/no-such-thing").ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await factory.Anonymous().GetAsync("/health/nothing")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await factory.Anonymous().GetAsync("/openapi/v2.json")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}

public sealed class StartupTests
{
    [Fact]
    public void Outside_development_a_missing_signing_key_stops_start_up_with_a_clear_error()
    {
        using var app = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Production");
            b.UseSetting("ConnectionStrings:CommunityHub", $"Data Source={Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".db")}");
            b.UseSetting("Auth:SigningKey", "");
        });
        var error = Should.Throw<InvalidOperationException>(() => app.CreateClient());
        error.Message.ShouldContain("Auth:SigningKey");
    }

    [Fact]
    public async Task Development_creates_the_documented_demo_admin_and_loads_the_demo_data()
    {
        var folder = Path.Combine(Path.GetTempPath(), "communityhub-tests", Guid.NewGuid().ToString("N"));
        await using var app = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Development");
            b.UseSetting("ConnectionStrings:CommunityHub", $"Data Source={Path.Combine(folder, "dev.db")}");
        });
        var client = app.CreateClient();
        var token = await client.PostJsonAsync("/api/v1/auth/token", new { email = AdminBootstrap.DemoAdminEmail, password = AdminBootstrap.DemoPassword })
            .ShouldBe(HttpStatusCode.OK);
        token.ShouldNotBeNull();
        var page = await (await client.GetAsync("/api/v1/members?limit=200")).JsonAsync();
        var names = page.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("name").GetString()).ToList();
        names.Count.ShouldBeGreaterThanOrEqualTo(10);
        names.ShouldContain(n => n!.Contains("Kumppanuuskeskus", StringComparison.Ordinal) || n.Contains("Kumppis", StringComparison.Ordinal));
        names.ShouldContain(n => n!.Contains("Oulun kaupunki", StringComparison.Ordinal));
    }
}
