using System.Net;
using CommunityHub.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Shouldly;

namespace CommunityHub.Api.Tests.Features.Mail;

/// <summary>Outside Development mail needs an SMTP host, unless it is switched off explicitly.</summary>
public sealed class MailStartupTests
{
    private static WebApplicationFactory<Program> Production(string? host, string? enabled) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Production");
            b.UseSetting("ConnectionStrings:CommunityHub", $"Data Source={Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".db")}");
            b.UseSetting("Auth:SigningKey", ApiFactory.SigningKey);
            b.UseSetting("App:PublicBaseUrl", "https://hub.example.fi");
            b.UseSetting("Mail:Smtp:Host", host);
            if (enabled is not null)
            {
                b.UseSetting("Mail:Enabled", enabled);
            }
        });

    [Fact]
    public void Outside_development_a_missing_smtp_host_stops_start_up_naming_the_setting()
    {
        using var app = Production(host: "", enabled: null);
        Should.Throw<InvalidOperationException>(() => app.CreateClient()).Message.ShouldContain("Mail:Smtp:Host");
    }

    [Fact]
    public async Task Mail_switched_off_explicitly_starts_without_a_host()
    {
        await using var app = Production(host: "", enabled: "false");
        (await app.CreateClient().GetAsync("/health/live")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public void An_unknown_security_name_stops_start_up()
    {
        using var app = Production(host: "smtp.example.fi", enabled: null);
        using var bad = app.WithWebHostBuilder(b => b.UseSetting("Mail:Smtp:Security", "Tls13Please"));
        Should.Throw<InvalidOperationException>(() => bad.CreateClient()).Message.ShouldContain("Mail:Smtp:Security");
    }
}
