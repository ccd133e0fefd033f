using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using CommunityHub.Api.Features.Auth;
using CommunityHub.Api.Infrastructure.Security;
using CommunityHub.Api.Tests.Features.Members;
using CommunityHub.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Shouldly;

namespace CommunityHub.Api.Tests.Features.Auth;

/// <summary>
/// With Auth:Authority set, tokens of an external OpenID Connect issuer are accepted: a small fake issuer runs on a
/// loopback port (discovery document + JWKS) and signs tokens with its own RSA key; the role and member id come
/// from the configured claims.
/// </summary>
public sealed class ExternalIssuerTests : IAsyncLifetime
{
    private const string Audience = "communityhub-city";
    private readonly RSA rsa = RSA.Create(2048);
    private readonly SqliteApiFactory api = new();
    private WebApplication? issuer;
    private string authority = "";

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        issuer = builder.Build();
        var key = new RsaSecurityKey(rsa.ExportParameters(false)) { KeyId = "test-key-1" };
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(key);
        issuer.MapGet("/.well-known/openid-configuration", (HttpContext http) => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = authority,
            ["jwks_uri"] = $"{authority}/jwks",
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        }));
        issuer.MapGet("/jwks", () => Results.Json(new { keys = new[] { new { kty = jwk.Kty, kid = jwk.Kid, use = "sig", alg = "RS256", n = jwk.N, e = jwk.E } } }));
        await issuer.StartAsync();
        authority = issuer.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        api.Set("Auth:Authority", authority);
        api.Set("Auth:RequireHttpsMetadata", "false");
        api.Set("Auth:ExternalAudience", Audience);
        api.Set("Auth:RoleClaim", "communityhub_role");
        api.Set("Auth:MemberIdClaim", "communityhub_member");
    }

    public async ValueTask DisposeAsync()
    {
        await api.DisposeAsync();
        if (issuer is not null)
        {
            await issuer.DisposeAsync();
        }
        rsa.Dispose();
    }

    private string Token(Dictionary<string, object> claims, string? issuedBy = null, RSA? signer = null)
    {
        var key = new RsaSecurityKey(signer ?? rsa) { KeyId = "test-key-1" };
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuedBy ?? authority,
            Audience = Audience,
            Expires = DateTime.UtcNow.AddMinutes(10),
            Claims = claims,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        });
    }

    private HttpClient With(string token)
    {
        var client = api.Anonymous();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    [Fact]
    public async Task External_tokens_carry_role_and_member_from_the_configured_claims()
    {
        var staff = With(Token(new() { ["sub"] = "oidc|staff-1", ["name"] = "Kaisa Kaupunki", ["communityhub_role"] = "staff" }));
        var me = await (await staff.GetAsync("/api/v1/auth/me").ShouldBe(HttpStatusCode.OK)).ReadAsync<MeResponse>();
        me.Subject.ShouldBe("oidc|staff-1");
        me.Role.ShouldBe(Role.Staff);
        me.DisplayName.ShouldBe("Kaisa Kaupunki");
        var member = await MemberRequests.CreateAsync(staff, MemberRequests.Body("Ulkoisen Kirjautumisen ry"));

        var editor = With(Token(new() { ["sub"] = "oidc|editor-1", ["communityhub_role"] = "member_editor", ["communityhub_member"] = member.Id.ToString() }));
        var body = MemberRequests.Body("Ulkoisen Kirjautumisen ry (muokattu)");
        body["businessId"] = member.BusinessId;
        await editor.PutJsonAsync($"/api/v1/members/{member.Id}", body).ShouldBe(HttpStatusCode.OK);

        var viewer = With(Token(new() { ["sub"] = "oidc|viewer-1", ["communityhub_role"] = "viewer" }));
        await viewer.PostJsonAsync("/api/v1/members", MemberRequests.Body("Ei Oikeuksia ry")).ShouldBeProblem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Tokens_from_another_key_or_issuer_are_401()
    {
        using var stranger = RSA.Create(2048);
        await With(Token(new() { ["sub"] = "x", ["communityhub_role"] = "admin" }, signer: stranger))
            .GetAsync("/api/v1/auth/me").ShouldBeProblem(HttpStatusCode.Unauthorized);
        await With(Token(new() { ["sub"] = "x", ["communityhub_role"] = "admin" }, issuedBy: "https://evil.example"))
            .GetAsync("/api/v1/auth/me").ShouldBeProblem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_external_token_of_a_local_user_ends_when_the_user_is_deleted_or_its_role_differs()
    {
        var admin = await api.AdminAsync();
        var (user, _) = await SessionTests.UserAsync(api, admin, "staff");
        var staff = With(Token(new() { ["sub"] = user.Id.ToString(), ["communityhub_role"] = "staff" }));
        await staff.GetAsync("/api/v1/auth/me").ShouldBe(HttpStatusCode.OK);
        await With(Token(new() { ["sub"] = user.Id.ToString(), ["communityhub_role"] = "admin" }))
            .GetAsync("/api/v1/users").ShouldBeProblem(HttpStatusCode.Unauthorized);

        await admin.DeleteAsync($"/api/v1/users/{user.Id}").ShouldBe(HttpStatusCode.NoContent);

        await staff.PostJsonAsync("/api/v1/members", MemberRequests.Body("Poistetun Ulkoinen ry")).ShouldBeProblem(HttpStatusCode.Unauthorized);
        // A subject the API does not know is the identity provider's to end.
        await With(Token(new() { ["sub"] = "oidc|staff-2", ["communityhub_role"] = "staff" }))
            .GetAsync("/api/v1/auth/me").ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Export_and_erasure_of_an_address_cover_the_name_an_external_user_left_in_the_audit_log()
    {
        var admin = await api.AdminAsync();
        var email = $"Ulla.Ulkoinen.{Guid.NewGuid():N}@Kaupunki.fi";
        var external = With(Token(new() { ["sub"] = "oidc|ulla", ["name"] = "Ulla Ulkoinen", ["email"] = email, ["communityhub_role"] = "staff" }));
        var member = await MemberRequests.CreateAsync(external, MemberRequests.Body("Ulkoisen Kirjoittajan ry"));
        var audit = $"/api/v1/audit?entityType=members&entityId={member.Id}";
        var before = (await (await admin.GetAsync(audit).ShouldBe(HttpStatusCode.OK)).JsonAsync()).GetProperty("items")[0];
        before.GetProperty("actorName").GetString().ShouldBe("Ulla Ulkoinen");

        var export = await (await admin.PostJsonAsync("/api/v1/privacy/subjects/export", new { email = email.ToLowerInvariant() }).ShouldBe(HttpStatusCode.OK))
            .Content.ReadAsStringAsync();
        export.ShouldContain("oidc|ulla");
        await admin.PostJsonAsync("/api/v1/privacy/subjects/erase", new { email }).ShouldBe(HttpStatusCode.OK);

        var after = (await (await admin.GetAsync(audit).ShouldBe(HttpStatusCode.OK)).JsonAsync()).GetProperty("items")[0];
        after.GetProperty("actorId").GetString().ShouldBe("oidc|ulla");
        (!after.TryGetProperty("actorName", out var name) || name.ValueKind == JsonValueKind.Null).ShouldBeTrue(after.ToString());
    }

    [Fact]
    public async Task A_token_signed_with_the_local_key_but_naming_the_external_issuer_and_no_user_is_401()
    {
        var forged = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = authority,
            Audience = Audience,
            Expires = DateTime.UtcNow.AddMinutes(10),
            Claims = new Dictionary<string, object> { ["sub"] = "x", ["communityhub_role"] = "admin" },
            SigningCredentials = new SigningCredentials(
                new SymmetricSecurityKey(System.Text.Encoding.UTF8.GetBytes(ApiFactory.SigningKey)), SecurityAlgorithms.HmacSha256),
        });
        await With(forged).GetAsync("/api/v1/users").ShouldBeProblem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Local_sign_in_keeps_working_beside_the_external_issuer()
    {
        var admin = await api.AdminAsync();
        await admin.GetAsync("/api/v1/users").ShouldBe(HttpStatusCode.OK);
    }
}
