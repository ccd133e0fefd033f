using System.Globalization;
using System.Net;
using CommunityHub.Api.Tests.Infrastructure;
using Shouldly;

namespace CommunityHub.Api.Tests.Features.ApiKeys;

/// <summary>
/// The per-key limit is announced on every answer to a key (IETF RateLimit fields) and counted in the database, so
/// two instances on one database share it. A 5-request hourly window, so a test never straddles one.
/// </summary>
public sealed class ApiKeyRateLimitHeadersTests : IClassFixture<SqliteApiFactory>
{
    private readonly SqliteApiFactory factory;

    public ApiKeyRateLimitHeadersTests(SqliteApiFactory factory)
    {
        this.factory = factory;
        factory.Set("ApiKeys:PermitsPerMinute", "5");
        factory.Set("ApiKeys:WindowSeconds", "3600");
    }

    private static int Header(HttpResponseMessage response, string name) =>
        int.Parse(response.Headers.GetValues(name).Single(), CultureInfo.InvariantCulture);

    [Fact]
    public async Task Every_answer_to_a_key_carries_the_ratelimit_fields_and_remaining_counts_down_to_a_429_with_retry_after()
    {
        var key = factory.WithKey((await ApiKeyRequests.CreateAsync(await factory.AdminAsync(), ["members:read"])).Key);
        var first = await key.GetAsync("/api/v1/members").ShouldBe(HttpStatusCode.OK);
        Header(first, "RateLimit-Limit").ShouldBe(5);
        Header(first, "RateLimit-Remaining").ShouldBe(4);
        Header(first, "RateLimit-Reset").ShouldBeInRange(1, 3600);
        var refused = await key.GetAsync("/api/v1/partnerships").ShouldBe(HttpStatusCode.Forbidden);
        Header(refused, "RateLimit-Remaining").ShouldBe(3, "an error answer is counted and announced too");
        var missing = await key.GetAsync($"/api/v1/members/{Guid.NewGuid()}").ShouldBe(HttpStatusCode.NotFound);
        Header(missing, "RateLimit-Remaining").ShouldBe(2);
        await key.GetAsync("/api/v1/members").ShouldBe(HttpStatusCode.OK);
        Header(await key.GetAsync("/api/v1/members").ShouldBe(HttpStatusCode.OK), "RateLimit-Remaining").ShouldBe(0);

        var limited = await key.GetAsync("/api/v1/members").ShouldBe(HttpStatusCode.TooManyRequests);
        Header(limited, "RateLimit-Remaining").ShouldBe(0);
        var retryAfter = int.Parse(limited.Headers.GetValues("Retry-After").Single(), CultureInfo.InvariantCulture);
        retryAfter.ShouldBeInRange(1, 3600);
        retryAfter.ShouldBe(Header(limited, "RateLimit-Reset"));

        var person = await factory.AdminAsync();
        (await person.GetAsync("/api/v1/members")).Headers.Contains("RateLimit-Limit").ShouldBeFalse("people are not limited per key");
    }

    [Fact]
    public async Task Two_instances_on_one_database_share_a_keys_count()
    {
        var key = (await ApiKeyRequests.CreateAsync(await factory.AdminAsync(), ["members:read"])).Key;
        await using var second = new SqliteApiFactory(factory.DatabasePath);
        second.Set("ApiKeys:PermitsPerMinute", "5");
        second.Set("ApiKeys:WindowSeconds", "3600");
        var onFirst = factory.WithKey(key);
        var onSecond = second.WithKey(key);

        Header(await onFirst.GetAsync("/api/v1/members").ShouldBe(HttpStatusCode.OK), "RateLimit-Remaining").ShouldBe(4);
        Header(await onFirst.GetAsync("/api/v1/members").ShouldBe(HttpStatusCode.OK), "RateLimit-Remaining").ShouldBe(3);
        Header(await onSecond.GetAsync("/api/v1/members").ShouldBe(HttpStatusCode.OK), "RateLimit-Remaining").ShouldBe(2, "the second instance sees the first's use");
        await onSecond.GetAsync("/api/v1/members").ShouldBe(HttpStatusCode.OK);
        await onFirst.GetAsync("/api/v1/members").ShouldBe(HttpStatusCode.OK);
        await onSecond.GetAsync("/api/v1/members").ShouldBe(HttpStatusCode.TooManyRequests);
        await onFirst.GetAsync("/api/v1/members").ShouldBe(HttpStatusCode.TooManyRequests);
    }
}
