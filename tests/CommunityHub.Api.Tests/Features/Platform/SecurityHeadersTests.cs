using System.Net;
using System.Text.RegularExpressions;
using CommunityHub.Api.Tests.Infrastructure;
using Shouldly;

namespace CommunityHub.Api.Tests.Features.Platform;

/// <summary>Security headers on every response: API answers, problems and Swagger UI.</summary>
public sealed partial class SecurityHeadersTests(SqliteApiFactory factory) : IClassFixture<SqliteApiFactory>
{
    private static void ShouldCarrySecurityHeaders(HttpResponseMessage response)
    {
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        csp.ShouldContain("frame-ancestors 'none'");
        ScriptSource().Match(csp).Groups[1].Value.ShouldNotContain("unsafe-inline");
        csp.ShouldContain("script-src 'self'");
        csp.ShouldNotContain("unsafe-eval");
        response.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff");
        response.Headers.GetValues("Referrer-Policy").Single().ShouldBe("no-referrer");
        // The tests run as "Testing": outside Development, so HSTS is on.
        response.Headers.GetValues("Strict-Transport-Security").Single().ShouldStartWith("max-age=");
    }

    [Fact]
    public async Task An_api_answer_carries_the_security_headers()
    {
        var admin = await factory.AdminAsync();
        ShouldCarrySecurityHeaders(await admin.GetAsync("/api/v1/members").ShouldBe(HttpStatusCode.OK));
        ShouldCarrySecurityHeaders(await factory.Anonymous().GetAsync("/openapi/v1.json").ShouldBe(HttpStatusCode.OK));
    }

    [Fact]
    public async Task A_404_problem_and_a_401_carry_them_too()
    {
        var admin = await factory.AdminAsync();
        var missing = await admin.GetAsync($"/api/v1/members/{Guid.CreateVersion7()}").ShouldBe(HttpStatusCode.NotFound);
        missing.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        ShouldCarrySecurityHeaders(missing);
        ShouldCarrySecurityHeaders(await factory.Anonymous().GetAsync("/api/v1/no-such-thing").ShouldBe(HttpStatusCode.NotFound));
        ShouldCarrySecurityHeaders(await factory.Anonymous().GetAsync("/api/v1/users").ShouldBe(HttpStatusCode.Unauthorized));
    }

    [Fact]
    public async Task Swagger_ui_carries_them_and_runs_no_inline_script()
    {
        var anonymous = factory.Anonymous();
        var page = await anonymous.GetAsync("/swagger/index.html").ShouldBe(HttpStatusCode.OK);
        ShouldCarrySecurityHeaders(page);
        var html = await page.Content.ReadAsStringAsync();
        var scripts = ScriptTag().Matches(html).Select(m => m.Value).ToList();
        scripts.ShouldNotBeEmpty();
        scripts.ShouldAllBe(tag => tag.Contains("src=", StringComparison.Ordinal), "every script is a file the policy allows");
        InlineScriptBody().IsMatch(html).ShouldBeFalse("no inline script block");
        html.ShouldNotContain(" onload=", Case.Insensitive);

        var index = await anonymous.GetAsync("/swagger/index.js").ShouldBe(HttpStatusCode.OK);
        ShouldCarrySecurityHeaders(index);
        (await index.Content.ReadAsStringAsync()).ShouldContain("/openapi/v1.json");
    }

    [GeneratedRegex(@"script-src ([^;]*)")]
    private static partial Regex ScriptSource();

    [GeneratedRegex(@"<script\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptTag();

    [GeneratedRegex(@"<script\b[^>]*>\s*[^<\s]", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScriptBody();
}
