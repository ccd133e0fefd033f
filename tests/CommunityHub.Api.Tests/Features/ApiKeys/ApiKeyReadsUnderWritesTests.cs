using System.Globalization;
using System.Net;
using CommunityHub.Api.Infrastructure.Data;
using CommunityHub.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Shouldly;

namespace CommunityHub.Api.Tests.Features.ApiKeys;

/// <summary>
/// A key's read does not queue behind content writes. Each case holds a write open through the app's own
/// <see cref="Db.BeginWriteAsync"/>, as a handler does (this instance's writer queue and SQLite's write lock), and a
/// read made with a key must still be answered: when the key's block of permits runs out, when its window starts
/// again, and when its "last used" is due. A limit of 100,000 per hour (blocks of 100) on a fake clock. An answer not
/// there in 10 seconds is a read that waited for the write (the busy timeout here is 10 seconds).
/// </summary>
public sealed class ApiKeyReadsUnderWritesTests : IClassFixture<SqliteApiFactory>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly SqliteApiFactory factory;
    private readonly FakeTimeProvider clock;

    public ApiKeyReadsUnderWritesTests(SqliteApiFactory factory)
    {
        this.factory = factory;
        factory.Set("ApiKeys:PermitsPerMinute", "100000");
        factory.Set("ApiKeys:WindowSeconds", "3600");
        factory.Clock ??= new FakeTimeProvider(DateTimeOffset.UtcNow);
        clock = (FakeTimeProvider)factory.Clock;
    }

    private static int Header(HttpResponseMessage response, string name) =>
        int.Parse(response.Headers.GetValues(name).Single(), CultureInfo.InvariantCulture);

    private Task<WriteScope> HoldWriteAsync() => factory.Services.GetRequiredService<Db>().BeginWriteAsync(CancellationToken.None);

    [Fact]
    public async Task A_keys_reads_go_on_past_its_first_block_while_a_write_holds_the_database()
    {
        var created = await ApiKeyRequests.CreateAsync(await factory.AdminAsync(), ["members:read"]);
        var key = factory.WithKey(created.Key);
        Header(await key.GetAsync("/api/v1/members").ShouldBe(HttpStatusCode.OK), "RateLimit-Remaining").ShouldBe(99_999);
        // The next block is reserved in the background once the first is in hand; wait until it has landed.
        await factory.Services.GetRequiredService<SharedWindowCounter>().WhenReservedAsync("api_key_usage", $"apikey:{created.Id}");

        await using (await HoldWriteAsync())
        {
            // 150 reads: past the first block of 100, which a request used to refill itself, waiting for the write.
            for (var i = 1; i <= 150; i++)
            {
                var answer = await key.GetAsync("/api/v1/members").WaitAsync(Patience);
                await answer.ShouldBe(HttpStatusCode.OK);
                Header(answer, "RateLimit-Remaining").ShouldBe(99_999 - i, "every request still counts, one at a time");
            }
        }
    }

    [Fact]
    public async Task A_keys_read_is_answered_at_the_start_of_a_new_window_while_a_write_holds_the_database()
    {
        var key = factory.WithKey((await ApiKeyRequests.CreateAsync(await factory.AdminAsync(), ["members:read"])).Key);
        await key.GetAsync("/api/v1/members").ShouldBe(HttpStatusCode.OK);
        await key.GetAsync("/api/v1/members").ShouldBe(HttpStatusCode.OK);
        clock.Advance(TimeSpan.FromSeconds(3601));

        await using (await HoldWriteAsync())
        {
            var answer = await key.GetAsync("/api/v1/members").WaitAsync(Patience);
            await answer.ShouldBe(HttpStatusCode.OK);
            Header(answer, "RateLimit-Remaining").ShouldBe(99_999, "a new window");
            Header(answer, "RateLimit-Reset").ShouldBe(3600);
        }
    }

    [Fact]
    public async Task A_keys_read_is_answered_when_its_last_use_is_due_while_a_write_holds_the_database()
    {
        var key = factory.WithKey((await ApiKeyRequests.CreateAsync(await factory.AdminAsync(), ["members:read"])).Key);
        await key.GetAsync("/api/v1/members").ShouldBe(HttpStatusCode.OK);
        clock.Advance(TimeSpan.FromSeconds(61));

        await using (await HoldWriteAsync())
        {
            var answer = await key.GetAsync("/api/v1/members").WaitAsync(Patience);
            await answer.ShouldBe(HttpStatusCode.OK);
        }
    }
}
