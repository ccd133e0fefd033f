using System.Net;
using CommunityHub.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Shouldly;

namespace CommunityHub.Api.Tests.Features.Platform;

/// <summary>Links handed out never take their host from the request: outside Development App:PublicBaseUrl is required.</summary>
public sealed class PublicBaseUrlTests
{
    [Fact]
    public void Outside_development_a_missing_public_base_url_stops_start_up_naming_the_setting()
    {
        using var app = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Production");
            b.UseSetting("ConnectionStrings:CommunityHub", $"Data Source={Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".db")}");
            b.UseSetting("Auth:SigningKey", ApiFactory.SigningKey);
            b.UseSetting("App:PublicBaseUrl", "");
        });
        var error = Should.Throw<InvalidOperationException>(() => app.CreateClient());
        error.Message.ShouldContain("App:PublicBaseUrl");
    }

    [Fact]
    public void A_public_base_url_that_is_not_an_absolute_http_address_stops_start_up()
    {
        using var app = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Production");
            b.UseSetting("ConnectionStrings:CommunityHub", $"Data Source={Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".db")}");
            b.UseSetting("Auth:SigningKey", ApiFactory.SigningKey);
            b.UseSetting("App:PublicBaseUrl", "hub.example.fi");
        });
        Should.Throw<InvalidOperationException>(() => app.CreateClient()).Message.ShouldContain("App:PublicBaseUrl");
    }

    [Fact]
    public async Task Development_without_the_setting_falls_back_to_the_request_address()
    {
        var folder = Path.Combine(Path.GetTempPath(), "communityhub-tests", Guid.NewGuid().ToString("N"));
        await using var app = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Development");
            b.UseSetting("ConnectionStrings:CommunityHub", $"Data Source={Path.Combine(folder, "dev.db")}");
            b.UseSetting("App:PublicBaseUrl", "");
        });
        var response = await app.CreateClient().GetAsync("/api/v1/events.ics").ShouldBe(HttpStatusCode.OK);
        var urls = (await response.Content.ReadAsStringAsync()).Split("\r\n").Where(l => l.StartsWith("URL:", StringComparison.Ordinal)).ToList();
        urls.ShouldNotBeEmpty();
        urls.ShouldAllBe(u => u.StartsWith("URL:http://localhost/", StringComparison.Ordinal));
    }
}
