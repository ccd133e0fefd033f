using System.Net;
using System.Net.Http.Headers;
using System.Text;
using CommunityHub.Api.Features.Auth;
using CommunityHub.Api.Infrastructure.Data;
using CommunityHub.Api.Infrastructure.Security;
using CommunityHub.Api.Tests.Infrastructure;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Shouldly;

namespace CommunityHub.Api.Tests.Features.ApiKeys;

/// <summary>
/// Only the API-key scheme makes a caller a key. A validly signed token that carries the claims a key principal has
/// (amr=api_key, scope, municipality) is still a token: one naming no user is refused like any such token, and one of a
/// user's session is judged by its role, never given a key's scopes.
/// </summary>
public sealed class ApiKeyClaimsInTokenTests(SqliteApiFactory factory) : IClassFixture<SqliteApiFactory>
{
    [Fact]
    public async Task A_signed_token_with_api_key_claims_and_a_key_as_subject_gets_no_key_access()
    {
        var token = Client(role: null, $"apikey:{Guid.NewGuid()}", stamp: null);

        await token.GetAsync("/api/v1/partnerships").ShouldBeProblem(HttpStatusCode.Unauthorized);
        await token.GetAsync("/api/v1/pilots").ShouldBeProblem(HttpStatusCode.Unauthorized);
        await token.GetAsync("/api/v1/changes").ShouldBeProblem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_users_token_with_api_key_claims_and_no_role_gets_no_key_access()
    {
        var (id, stamp) = await UserAsync("viewer");
        var token = Client(role: null, id, stamp);

        await token.GetAsync("/api/v1/partnerships").ShouldBeProblem(HttpStatusCode.Forbidden);
        await token.GetAsync("/api/v1/pilots").ShouldBeProblem(HttpStatusCode.Forbidden);
        await token.GetAsync("/api/v1/changes").ShouldBeProblem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_signed_token_with_api_key_claims_and_a_role_is_judged_by_its_role()
    {
        var (id, stamp) = await UserAsync("staff");
        var token = Client(role: Roles.Staff, id, stamp);

        var me = await (await token.GetAsync("/api/v1/auth/me").ShouldBe(HttpStatusCode.OK)).ReadAsync<MeResponse>();
        me.Role.ShouldBe(Role.Staff);
        await token.GetAsync("/api/v1/partnerships").ShouldBe(HttpStatusCode.OK);
    }

    /// <summary>A new user with this role: its id and current security stamp, as a sign-in would put in its token.</summary>
    private async Task<(string Id, string Stamp)> UserAsync(string role)
    {
        var admin = await factory.AdminAsync();
        var created = await (await admin.PostJsonAsync("/api/v1/users", new
        {
            email = $"claims-{Guid.NewGuid():N}@tests.communityhub.local",
            displayName = "Avainväitteiden Testaaja",
            role,
            password = "Claims-password-2026",
        }).ShouldBe(HttpStatusCode.Created)).JsonAsync();
        var id = created.GetProperty("id").GetString()!;
        await using var connection = await factory.Services.GetRequiredService<Db>().OpenAsync(CancellationToken.None);
        return (id, await connection.ExecuteScalarAsync<string>("SELECT security_stamp FROM users WHERE id = @Id", new { Id = id }) ?? "");
    }

    private HttpClient Client(string? role, string subject, string? stamp)
    {
        var settings = new AuthSettings();
        var claims = new Dictionary<string, object>
        {
            [Claims.Subject] = subject,
            [Claims.Name] = "Not a key",
            ["amr"] = "api_key",
            [Claims.ApiKeyScope] = new[] { "partnerships:read", "pilots:read", "members:read" },
            [Claims.Municipality] = "564",
        };
        if (role is not null)
        {
            claims[settings.RoleClaim] = role;
        }
        if (stamp is not null)
        {
            claims[SessionValidator.StampClaim] = stamp;
        }
        var now = DateTime.UtcNow;
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = settings.Issuer,
            Audience = settings.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddHours(1),
            Claims = claims,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(ApiFactory.SigningKey)), SecurityAlgorithms.HmacSha256),
        });
        var client = factory.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
