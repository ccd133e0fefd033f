using System.Net.Http.Headers;
using System.Text;
using CommunityHub.Api.Infrastructure.Security;
using CommunityHub.Api.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CommunityHub.Api.Tests.Features.Partnerships;

/// <summary>
/// A client that the API sees as an API key: a token signed with the test key carrying the claims an API-key
/// principal has (amr=api_key, scope=…, municipality=…). It exercises the scope policies and the municipality
/// binding of this feature independently of how keys are issued and looked up (X-Api-Key).
/// </summary>
public static class ApiKeyPrincipal
{
    public static HttpClient Client(ApiFactory factory, string[] scopes, string? municipality)
    {
        var settings = new AuthSettings();
        var claims = new Dictionary<string, object>
        {
            [Claims.Subject] = $"apikey:{Guid.NewGuid()}",
            [Claims.Name] = "Test key",
            [Claims.AuthMethod] = Claims.ApiKeyMethod,
            [Claims.ApiKeyScope] = scopes,
        };
        if (municipality is not null)
        {
            claims[Claims.Municipality] = municipality;
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
