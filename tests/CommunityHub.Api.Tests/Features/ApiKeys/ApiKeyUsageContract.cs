using System.Net;
using CommunityHub.Api.Features.ApiKeys;
using CommunityHub.Api.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using Shouldly;

namespace CommunityHub.Api.Tests.Features.ApiKeys;

/// <summary>"Last used" on a fake clock: recorded at most once a minute, never as a content write.</summary>
public abstract class ApiKeyUsageContract<TFactory> : ContractTests<TFactory>
    where TFactory : ApiFactory
{
    private readonly FakeTimeProvider clock;

    protected ApiKeyUsageContract(TFactory factory)
        : base(factory)
    {
        factory.Clock ??= new FakeTimeProvider(DateTimeOffset.UtcNow);
        clock = (FakeTimeProvider)factory.Clock;
    }

    [Fact]
    public async Task Last_used_is_recorded_at_most_once_a_minute_without_a_version_bump_or_audit_row()
    {
        var admin = await Factory.AdminAsync();
        var key = await ApiKeyRequests.CreateAsync(admin, ["members:read"]);
        var machine = Factory.WithKey(key.Key);

        var first = clock.GetUtcNow();
        await machine.GetAsync("/api/v1/changes").ShouldBe(HttpStatusCode.OK);
        (await LastUsedAsync(admin, key.Id)).ShouldBe(first);

        for (var i = 0; i < 5; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(11));
            await machine.GetAsync("/api/v1/changes").ShouldBe(HttpStatusCode.OK);
            await machine.GetAsync("/api/v1/members").ShouldBe(HttpStatusCode.OK);
            (await LastUsedAsync(admin, key.Id)).ShouldBe(first, $"after {(i + 1) * 11} s the first use is still the one recorded");
        }

        clock.Advance(TimeSpan.FromSeconds(5));
        var minuteLater = clock.GetUtcNow();
        await machine.GetAsync("/api/v1/changes").ShouldBe(HttpStatusCode.OK);
        (await LastUsedAsync(admin, key.Id)).ShouldBe(minuteLater);

        var listed = await (await admin.GetAsync($"/api/v1/api-keys/{key.Id}")).ReadAsync<ApiKeyResponse>();
        listed.Version.ShouldBe(1);
        (await Factory.CountAsync("SELECT COUNT(*) FROM audit WHERE entity_id = @Id", new { key.Id })).ShouldBe(1);
        (await Factory.CountAsync("SELECT COUNT(*) FROM changes WHERE entity_id = @Id", new { key.Id })).ShouldBe(0);
    }

    [Fact]
    public async Task Each_key_has_its_own_last_used()
    {
        var admin = await Factory.AdminAsync();
        var used = await ApiKeyRequests.CreateAsync(admin, ["members:read"], name: "Käytetty");
        var idle = await ApiKeyRequests.CreateAsync(admin, ["members:read"], name: "Käyttämätön");
        clock.Advance(TimeSpan.FromMinutes(3));
        await Factory.WithKey(used.Key).GetAsync("/api/v1/changes").ShouldBe(HttpStatusCode.OK);
        (await LastUsedAsync(admin, used.Id)).ShouldBe(clock.GetUtcNow());
        (await LastUsedAsync(admin, idle.Id)).ShouldBeNull();
    }

    private static async Task<DateTimeOffset?> LastUsedAsync(HttpClient admin, Guid id) =>
        (await (await admin.GetAsync($"/api/v1/api-keys/{id}").ShouldBe(HttpStatusCode.OK)).ReadAsync<ApiKeyResponse>()).LastUsedAt;
}

public sealed class ApiKeyUsageSqliteTests(SqliteApiFactory factory) : ApiKeyUsageContract<SqliteApiFactory>(factory);

public sealed class ApiKeyUsageSqlServerTests(SqlServerApiFactory factory) : ApiKeyUsageContract<SqlServerApiFactory>(factory);
