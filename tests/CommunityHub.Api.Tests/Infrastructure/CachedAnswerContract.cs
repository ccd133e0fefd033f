using System.Net;
using System.Text.Json;
using CommunityHub.Api.Features.Partnerships;
using CommunityHub.Api.Infrastructure.Data;
using CommunityHub.Api.Infrastructure.Http;
using CommunityHub.Api.Tests.Features.ApiKeys;
using CommunityHub.Api.Tests.Features.Partnerships;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace CommunityHub.Api.Tests.Infrastructure;

/// <summary>
/// What a cached answer still reads from the database on every request: the API key (revocation and scopes) and the
/// change feed's head. Both reads run on kept-prepared statements of pooled connections, so each case first lets the
/// cache answer, then changes the database on a connection of its own, as another instance would (no in-process
/// notice), and expects the very next request to see it.
/// </summary>
public abstract class CachedAnswerContract<TFactory>(TFactory factory) : ContractTests<TFactory>(factory)
    where TFactory : ApiFactory
{
    private const string Page = "/api/v1/partnerships?municipality=564&limit=10";

    private ResponseCache Cache => Factory.Services.GetRequiredService<ResponseCache>();

    private Db Db => Factory.Services.GetRequiredService<Db>();

    [Fact]
    public async Task A_key_revoked_by_another_instance_is_refused_on_the_next_request_right_after_cached_answers()
    {
        var admin = await Factory.AdminAsync();
        await PartnershipRequests.CreateAsync(admin, "564", "Avaimen välimuistin kumppanuus");
        var key = await ApiKeyRequests.CreateAsync(admin, ["partnerships:read"], "564");
        var machine = Factory.WithKey(key.Key);
        await CachedAsync(machine);

        await using (var other = await Db.OpenAsync(CancellationToken.None))
        {
            await other.ExecuteAsync("UPDATE api_keys SET revoked_at = @Now WHERE id = @Id", new { key.Id, Now = DateTimeOffset.UtcNow });
        }

        var refused = await machine.GetAsync(Page).ShouldBe(HttpStatusCode.Unauthorized);
        refused.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task A_scope_taken_from_a_key_by_another_instance_holds_on_the_next_request_right_after_cached_answers()
    {
        var admin = await Factory.AdminAsync();
        var key = await ApiKeyRequests.CreateAsync(admin, ["partnerships:read", "members:read"], "564");
        var machine = Factory.WithKey(key.Key);
        await CachedAsync(machine);

        await using (var other = await Db.OpenAsync(CancellationToken.None))
        {
            await other.ExecuteAsync("UPDATE api_keys SET scopes = 'members:read' WHERE id = @Id", new { key.Id });
        }

        await machine.GetAsync(Page).ShouldBeProblem(HttpStatusCode.Forbidden);
        await machine.GetAsync("/api/v1/members?limit=1").ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_change_committed_on_another_connection_makes_the_next_cached_read_fresh()
    {
        var admin = await Factory.AdminAsync();
        var created = await PartnershipRequests.CreateAsync(admin, "564", "Ennen toisen yhteyden kirjoitusta");
        var key = await ApiKeyRequests.CreateAsync(admin, ["partnerships:read"], "564");
        var machine = Factory.WithKey(key.Key);
        await CachedAsync(machine);

        // Held open across the next request, so the request's reads run on other pooled connections, whose kept
        // statements must not pin a snapshot from before this commit.
        await using var other = await Db.OpenAsync(CancellationToken.None);
        await using (var tx = await other.BeginTransactionAsync())
        {
            await other.ExecuteAsync(
                "UPDATE partnerships SET title = 'Toisen yhteyden otsikko', version = version + 1 WHERE id = @Id", new { created.Id }, tx);
            await other.ExecuteAsync(
                """
                INSERT INTO changes (entity_type, entity_id, op, version, changed_at, municipality_code, public_view)
                VALUES ('partnership', @Id, 'upsert', @Version, @Now, '564', 1)
                """,
                new { created.Id, Version = created.Version + 1, Now = DateTimeOffset.UtcNow },
                tx);
            await tx.CommitAsync();
        }

        var misses = Cache.Misses;
        var response = await machine.GetAsync(Page).ShouldBe(HttpStatusCode.OK);
        Cache.Misses.ShouldBe(misses + 1, "the head moved, so the stored page is not served");
        var page = JsonSerializer.Deserialize<PartnershipPage>(await response.Content.ReadAsByteArrayAsync(), Json.Options)!;
        page.Items.Single(p => p.Id == created.Id).Title.ShouldBe("Toisen yhteyden otsikko");
    }

    /// <summary>Asks for the page until the cache answers it (the first request may build and store it).</summary>
    private async Task CachedAsync(HttpClient machine)
    {
        await machine.GetAsync(Page).ShouldBe(HttpStatusCode.OK);
        var hits = Cache.Hits;
        await machine.GetAsync(Page).ShouldBe(HttpStatusCode.OK);
        await machine.GetAsync(Page).ShouldBe(HttpStatusCode.OK);
        Cache.Hits.ShouldBe(hits + 2, "both repeats are answered from the cache");
    }
}

public sealed class CachedAnswerSqliteTests(SqliteApiFactory factory) : CachedAnswerContract<SqliteApiFactory>(factory);

public sealed class CachedAnswerSqlServerTests(SqlServerApiFactory factory) : CachedAnswerContract<SqlServerApiFactory>(factory);
