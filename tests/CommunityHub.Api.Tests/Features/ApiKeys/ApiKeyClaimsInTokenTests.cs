using System.Net;
using System.Net.Http.Headers;
using System.Text;
using CommunityHub.Api.Features.Auth;
using CommunityHub.Api.Infrastructure.Security;
using CommunityHub.Api.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Shouldly;

namespace CommunityHub.Api.Tests.Features.ApiKeys;

/// <summary>
/// Only the API-key scheme makes a caller a key. A validly signed token that carries the claims a key principal has
/// (amr=api_key, scope, municipality) is still a token: judged by its role, never given a key's scopes.
/// </summary>
public sealed class ApiKeyClaimsInTokenTests(SqliteApiFactory factory) : IClassFixture<SqliteApiFactory>
{
    [Fact]
    public async Task A_signed_token_with_api_key_claims_and_no_role_gets_no_key_access()
    {
        var token = Client(role: null);

        await token.GetAsync("/api/v1/partnerships").ShouldBeProblem(HttpStatusCode.Forbidden);
        await token.GetAsync("/api/v1/pilots").ShouldBeProblem(HttpStatusCode.Forbidden);
        await token.GetAsync("/api/v1/changes").ShouldBeProblem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_signed_token_with_api_key_claims_and_a_role_is_judged_by_its_role()
    {
        var token = Client(role: Roles.Staff);

        var me = await (await token.GetAsync("/api/v1/auth/me").ShouldBe(HttpStatusCode.OK)).ReadAsync<MeResponse>();
        me.Role.ShouldBe(Role.Staff);
        await token.GetAsync("/api/v1/partnerships").ShouldBe(HttpStatusCode.OK);
    }

    private HttpClient Client(string? role)
    {
        var settings = new AuthSettings();
        var claims = new Dictionary<string, object>
        {
            [Claims.Subject] = $"apikey:{Guid.NewGuid()}",
            [Claims.Name] = "Not a key",
            ["amr"] = "api_key",
            [Claims.ApiKeyScope] = new[] { "partnerships:read", "pilots:read", "members:read" },
            [Claims.Municipality] = "564",
        };
        if (role is not null)
        {
            claims[settings.RoleClaim] = role;
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
