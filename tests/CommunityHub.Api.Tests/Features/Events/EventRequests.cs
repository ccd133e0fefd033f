using System.Net;
using CommunityHub.Api.Features.Events;
using CommunityHub.Api.Tests.Features.ApiKeys;
using CommunityHub.Api.Tests.Features.Members;
using CommunityHub.Api.Tests.Infrastructure;

namespace CommunityHub.Api.Tests.Features.Events;

/// <summary>Builders for event bodies and the calls most event tests make.</summary>
public static class EventRequests
{
    public static Dictionary<string, object?> Body(
        IEnumerable<Guid> organizers,
        DateTimeOffset startsAt,
        string title = "Kumppanuusilta järjestöille",
        string municipality = "564",
        int? capacity = null,
        string visibility = "public") => new()
    {
        ["title"] = title,
        ["description"] = "Illan aikana esitellään järjestöyhteistyön tiekartta.",
        ["startsAt"] = startsAt.ToString("yyyy-MM-dd'T'HH:mm:ssK", System.Globalization.CultureInfo.InvariantCulture),
        ["endsAt"] = startsAt.AddHours(3).ToString("yyyy-MM-dd'T'HH:mm:ssK", System.Globalization.CultureInfo.InvariantCulture),
        ["venue"] = new { name = "Kulttuurikeskus Cruselli", street = "Kullervontie 11 A", city = "Uusikaupunki" },
        ["municipalityCode"] = municipality,
        ["organizerIds"] = organizers.ToArray(),
        ["capacity"] = capacity,
        ["visibility"] = visibility,
        ["languages"] = new[] { "fi", "sv" },
        ["keywords"] = new[] { "kumppanuus", "järjestöt" },
    };

    public static async Task<Guid> MemberAsync(HttpClient admin, string name = "Kumppanuuskeskus", string municipality = "564") =>
        (await MemberRequests.CreateAsync(admin, MemberRequests.Body($"{name} {Guid.NewGuid().ToString("N")[..8]}", municipality))).Id;

    public static async Task<CommunityEventResponse> CreateAsync(HttpClient client, Dictionary<string, object?> body)
    {
        var response = await client.PostJsonAsync("/api/v1/events", body).ShouldBe(HttpStatusCode.Created);
        return await response.ReadAsync<CommunityEventResponse>();
    }

    public static async Task<CommunityEventResponse> MoveAsync(HttpClient client, Guid id, string to)
    {
        var response = await client.PostJsonAsync($"/api/v1/events/{id}/transitions", new { to }).ShouldBe(HttpStatusCode.OK);
        return await response.ReadAsync<CommunityEventResponse>();
    }

    public static async Task<CommunityEventResponse> PublishedAsync(HttpClient staff, Dictionary<string, object?> body)
    {
        var created = await CreateAsync(staff, body);
        return await MoveAsync(staff, created.Id, "published");
    }

    public static Task<HttpResponseMessage> RegisterAsync(
        HttpClient client, Guid eventId, string name, string email, string? idempotencyKey = null, string? language = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/events/{eventId}/registrations")
        {
            Content = System.Net.Http.Json.JsonContent.Create(language is null ? (object)new { name, email } : new { name, email, language }),
        };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }
        return client.SendAsync(request);
    }

    /// <summary>
    /// A registration's cancel token as its mail carries it: derived from the id with the test signing key (what
    /// <see cref="CommunityHub.Api.Features.Events.Registrations.RegistrationTokens"/> does), so tests that are not about
    /// mail need not read one.
    /// </summary>
    public static string Token(Guid registrationId) =>
        CommunityHub.Api.Features.Events.Registrations.RegistrationTokens.For(
            new CommunityHub.Api.Infrastructure.Security.AuthSettings { SigningKey = ApiFactory.SigningKey }, registrationId);

    /// <summary>Cancels from the mailed link: the token in the body of POST …/cancel.</summary>
    public static Task<HttpResponseMessage> CancelAsync(HttpClient client, Guid eventId, Guid registrationId, string token) =>
        client.PostJsonAsync($"/api/v1/events/{eventId}/registrations/{registrationId}/cancel", new { cancelToken = token });

    /// <summary>
    /// A client that is an API key: a real key with these scopes (and municipality), created by the admin API and sent
    /// as <c>X-Api-Key</c> (only the API-key scheme makes a caller a key; no token claim does).
    /// </summary>
    public static async Task<HttpClient> ApiKeyClientAsync(ApiFactory factory, string? municipality, params string[] scopes)
    {
        var key = await ApiKeyRequests.CreateAsync(await factory.AdminAsync(), scopes, municipality, "Test key");
        return factory.WithKey(key.Key);
    }
}
