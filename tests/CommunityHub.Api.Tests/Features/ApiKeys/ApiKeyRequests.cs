using System.Net;
using CommunityHub.Api.Features.ApiKeys;
using CommunityHub.Api.Infrastructure.Data;
using CommunityHub.Api.Tests.Infrastructure;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace CommunityHub.Api.Tests.Features.ApiKeys;

public static class ApiKeyRequests
{
    public static async Task<ApiKeyCreated> CreateAsync(HttpClient admin, string[] scopes, string? municipalityCode = null, string name = "Kunnan integraatio")
    {
        var response = await admin.PostJsonAsync("/api/v1/api-keys", new { name, scopes, municipalityCode }).ShouldBe(HttpStatusCode.Created);
        return await response.ReadAsync<ApiKeyCreated>();
    }

    /// <summary>A client that sends only <c>X-Api-Key</c>.</summary>
    public static HttpClient WithKey(this ApiFactory factory, string key)
    {
        var client = factory.Anonymous();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    /// <summary>Counts rows straight in the app's database, for what HTTP does not show (audit rows, feed rows).</summary>
    public static async Task<int> CountAsync(this ApiFactory factory, string sql, object parameters)
    {
        var db = factory.Services.GetRequiredService<Db>();
        await using var connection = await db.OpenAsync(CancellationToken.None);
        return await connection.ExecuteScalarAsync<int>(sql, parameters);
    }
}
