using System.Net;
using CommunityHub.Api.Tests.Infrastructure;
using Shouldly;

namespace CommunityHub.Api.Tests.Features.Platform;

/// <summary>
/// The limit an operator gets without configuring one: 60 anonymous requests a minute per client address. The other
/// tests raise it (the test client has no address of its own); this one keeps the production default.
/// </summary>
public sealed class AnonymousDefaultLimitTests : IAsyncLifetime
{
    private readonly SqliteApiFactory factory = new();

    public ValueTask InitializeAsync()
    {
        factory.Unset("RateLimits:Anonymous:PermitsPerMinute");
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => factory.DisposeAsync();

    [Fact]
    public async Task Sixty_anonymous_requests_a_minute_pass_and_the_sixty_first_is_429()
    {
        var client = TestClientAddress.From(factory.Anonymous(), "198.51.100.60");
        var feedback = $"/api/v1/events/{Guid.NewGuid()}/feedback";
        for (var i = 1; i <= 60; i++)
        {
            var answer = await client.PostJsonAsync(feedback, new { rating = 3, cancelToken = "ei-ole" });
            answer.StatusCode.ShouldBe(HttpStatusCode.NotFound, $"request {i} of 60 reaches the endpoint");
        }
        var refused = await client.PostJsonAsync(feedback, new { rating = 3, cancelToken = "ei-ole" }).ShouldBeProblem(HttpStatusCode.TooManyRequests);
        refused.GetProperty("detail").GetString()!.ShouldContain("60");
    }
}
