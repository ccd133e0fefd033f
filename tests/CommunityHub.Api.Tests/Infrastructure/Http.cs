using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CommunityHub.Api.Infrastructure.Http;
using Shouldly;

namespace CommunityHub.Api.Tests.Infrastructure;

/// <summary>Small HTTP helpers so tests read as requests and assertions.</summary>
public static class Http
{
    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, object body) =>
        client.PostAsJsonAsync(url, body, Json.Options);

    public static Task<HttpResponseMessage> PostRawAsync(this HttpClient client, string url, string body, string contentType = "application/json") =>
        client.PostAsync(url, new StringContent(body, Encoding.UTF8, MediaTypeHeaderValue.Parse(contentType)));

    public static Task<HttpResponseMessage> PutRawAsync(this HttpClient client, string url, string body) =>
        client.PutAsync(url, new StringContent(body, Encoding.UTF8, "application/json"));

    public static async Task<HttpResponseMessage> PutJsonAsync(this HttpClient client, string url, object body, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = JsonContent.Create(body, options: Json.Options) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }
        return await client.SendAsync(request);
    }

    public static async Task<HttpResponseMessage> DeleteAsync(this HttpClient client, string url, string? ifMatch)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, url);
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }
        return await client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> GetAsync(this HttpClient client, string url, string ifNoneMatch) =>
        client.GetAsync(url, noCache: false, ifNoneMatch);

    /// <summary>A GET, with <c>Cache-Control: no-cache</c> when asked (past any cache, to the database) and <c>If-None-Match</c> when given.</summary>
    public static async Task<HttpResponseMessage> GetAsync(this HttpClient client, string url, bool noCache, string? ifNoneMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (noCache)
        {
            request.Headers.CacheControl = new System.Net.Http.Headers.CacheControlHeaderValue { NoCache = true };
        }
        if (ifNoneMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        }
        return await client.SendAsync(request);
    }

    /// <summary>The body of a 200 JSON answer as bytes, for byte-for-byte comparisons.</summary>
    public static async Task<byte[]> JsonBytesAsync(this Task<HttpResponseMessage> pending)
    {
        var response = await pending.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.ToString().ShouldBe("application/json; charset=utf-8");
        return await response.Content.ReadAsByteArrayAsync();
    }

    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonSerializer.Deserialize<T>(text, Json.Options)
            ?? throw new InvalidOperationException($"Empty body: {text}");
    }

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Asserts the status, and on a mismatch shows the body so the failure explains itself.</summary>
    public static async Task<HttpResponseMessage> ShouldBe(this HttpResponseMessage response, HttpStatusCode status)
    {
        if (response.StatusCode != status)
        {
            var body = await response.Content.ReadAsStringAsync();
            response.StatusCode.ShouldBe(status, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered: {body}");
        }
        return response;
    }

    public static async Task<HttpResponseMessage> ShouldBe(this Task<HttpResponseMessage> response, HttpStatusCode status) =>
        await (await response).ShouldBe(status);

    /// <summary>Asserts a problem+json answer with this status; for a 400, that <paramref name="field"/> is named in errors.</summary>
    public static async Task<JsonElement> ShouldBeProblem(this Task<HttpResponseMessage> pending, HttpStatusCode status, string? field = null)
    {
        var response = await (await pending).ShouldBe(status);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        var problem = await response.JsonAsync();
        problem.GetProperty("status").GetInt32().ShouldBe((int)status);
        if (field is not null)
        {
            var errors = problem.GetProperty("errors");
            errors.TryGetProperty(field, out _).ShouldBeTrue($"errors should name '{field}': {errors}");
        }
        return problem;
    }
}
