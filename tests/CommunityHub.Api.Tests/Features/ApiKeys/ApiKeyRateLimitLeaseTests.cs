using System.Globalization;
using System.Net;
using CommunityHub.Api.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Shouldly;

namespace CommunityHub.Api.Tests.Features.ApiKeys;

/// <summary>
/// A key with a large limit takes its permits from the shared count in blocks, so a read made with it does not wait
/// for the database's writer: here another connection holds SQLite's write lock (as a long import would) and the key's
/// reads are still answered. Counting one permit per request in the database made each of them wait for the lock and
/// fail with 503 once the busy timeout (one second here) ran out.
/// </summary>
public sealed class ApiKeyRateLimitLeaseTests : IClassFixture<SqliteApiFactory>
{
    private readonly SqliteApiFactory factory;

    public ApiKeyRateLimitLeaseTests(SqliteApiFactory factory)
    {
        this.factory = factory;
        factory.Set("ApiKeys:PermitsPerMinute", "100000");
        factory.Set("ApiKeys:WindowSeconds", "3600");
        factory.ConnectionOptions = ";Default Timeout=1";
    }

    [Fact]
    public async Task Reads_with_a_busy_key_are_answered_while_another_writer_holds_the_database()
    {
        var key = factory.WithKey((await ApiKeyRequests.CreateAsync(await factory.AdminAsync(), ["members:read"])).Key);
        var first = await key.GetAsync("/api/v1/members").ShouldBe(HttpStatusCode.OK);
        var remaining = int.Parse(first.Headers.GetValues("RateLimit-Remaining").Single(), CultureInfo.InvariantCulture);
        remaining.ShouldBe(99_999);

        await using var writer = new SqliteConnection($"Data Source={factory.DatabasePath}");
        await writer.OpenAsync();
        // BEGIN IMMEDIATE: this connection holds the write lock until it rolls back.
        await using var transaction = writer.BeginTransaction(deferred: false);

        for (var i = 1; i <= 10; i++)
        {
            var answer = await key.GetAsync("/api/v1/members").ShouldBe(HttpStatusCode.OK);
            answer.Headers.GetValues("RateLimit-Remaining").Single().ShouldBe((remaining - i).ToString(CultureInfo.InvariantCulture),
                "every request still counts, and the count the key sees goes down by one each time");
        }
        await transaction.RollbackAsync();
    }
}
