using System.Net;
using CommunityHub.Api.Tests.Infrastructure;
using Shouldly;

namespace CommunityHub.Api.Tests.Features.ApiKeys;

/// <summary>A low configured per-key limit (3 requests per hour) so the test never straddles a window.</summary>
public abstract class ApiKeyRateLimitContract<TFactory> : ContractTests<TFactory>
    where TFactory : ApiFactory
{
    protected ApiKeyRateLimitContract(TFactory factory)
        : base(factory)
    {
        factory.Set("ApiKeys:PermitsPerMinute", "3");
        factory.Set("ApiKeys:WindowSeconds", "3600");
    }

    [Fact]
    public async Task A_key_over_its_limit_gets_429_with_retry_after_while_other_keys_and_people_go_on()
    {
        var admin = await Factory.AdminAsync();
        var busy = Factory.WithKey((await ApiKeyRequests.CreateAsync(admin, ["members:read"], name: "Kiireinen")).Key);
        var other = Factory.WithKey((await ApiKeyRequests.CreateAsync(admin, ["members:read"], name: "Toinen")).Key);

        for (var i = 0; i < 3; i++)
        {
            await busy.GetAsync("/api/v1/changes").ShouldBe(HttpStatusCode.OK);
        }
        var limited = await busy.GetAsync("/api/v1/members");
        await limited.ShouldBe(HttpStatusCode.TooManyRequests);
        limited.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var retryAfter = int.Parse(limited.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        retryAfter.ShouldBeInRange(1, 3600);
        (await limited.JsonAsync()).GetProperty("status").GetInt32().ShouldBe(429);

        await other.GetAsync("/api/v1/changes").ShouldBe(HttpStatusCode.OK);
        for (var i = 0; i < 5; i++)
        {
            await admin.GetAsync("/api/v1/changes").ShouldBe(HttpStatusCode.OK);
        }
        await busy.GetAsync("/api/v1/changes").ShouldBe(HttpStatusCode.TooManyRequests);
    }
}

public sealed class ApiKeyRateLimitSqliteTests(SqliteApiFactory factory) : ApiKeyRateLimitContract<SqliteApiFactory>(factory);

public sealed class ApiKeyRateLimitSqlServerTests(SqlServerApiFactory factory) : ApiKeyRateLimitContract<SqlServerApiFactory>(factory);
