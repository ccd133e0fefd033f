using System.Net;
using CommunityHub.Api.Features.Partnerships;
using CommunityHub.Api.Features.Stats;
using CommunityHub.Api.Infrastructure.Data;
using CommunityHub.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace CommunityHub.Api.Tests.Features.Partnerships;

/// <summary>The partnerships section of the stats, on a database holding only this class's partnerships.</summary>
public abstract class PartnershipStatsContract<TFactory>(TFactory factory) : ContractTests<TFactory>(factory)
    where TFactory : ApiFactory
{
    [Fact]
    public async Task Stats_count_by_status_service_area_and_municipality_and_overdue_reviews_for_the_given_day()
    {
        var admin = await Factory.AdminAsync();
        var (city, hub) = await PartnershipRequests.MembersAsync(admin, "564");

        async Task<PartnershipResponse> Create(string municipality, string area, string startsOn, string status)
        {
            var body = PartnershipRequests.Body(city, hub, $"Kumppanuus {area} {municipality}", municipality, area);
            body["startsOn"] = startsOn;
            body["endsOn"] = null;
            var created = await PartnershipRequests.CreateAsync(admin, body);
            return await PartnershipRequests.MoveToAsync(admin, created.Id, status);
        }

        await Create("564", "youth", "2026-01-01", "active");         // due 2026-07-01
        await Create("564", "youth", "2026-06-01", "negotiation");    // due 2026-12-01
        await Create("609", "employment", "2025-01-01", "ended");     // due 2025-07-01, but final
        await Create("609", "culture", "2025-06-01", "draft");        // due 2025-12-01
        var archived = await Create("895", "culture", "2020-01-01", "active");
        await admin.DeleteAsync($"/api/v1/partnerships/{archived.Id}", null).ShouldBe(HttpStatusCode.NoContent);

        var stats = new StatsBuilder();
        var contributor = Factory.Services.CreateScope().ServiceProvider.GetServices<IStatsContributor>().OfType<PartnershipStatsContributor>().Single();
        await using (var connection = await Factory.Services.GetRequiredService<Db>().OpenAsync(CancellationToken.None))
        {
            // 10:00 UTC on 2 Aug 2026: the active one (due 1 Jul) and the draft (due 1 Dec 2025) are overdue.
            await contributor.ContributeAsync(connection, stats, new DateTimeOffset(2026, 8, 2, 10, 0, 0, TimeSpan.Zero), CancellationToken.None);
        }

        var s = stats.Partnerships;
        s.Total.ShouldBe(4);
        s.ByStatus.ShouldBe(
            [new CountBy("draft", 1), new CountBy("negotiation", 1), new CountBy("active", 1), new CountBy("ended", 1), new CountBy("cancelled", 0)]);
        s.ByServiceArea.ShouldBe(
        [
            new CountBy("strategy", 0), new CountBy("immigration", 0), new CountBy("employment", 1), new CountBy("social_health", 0),
            new CountBy("youth", 2), new CountBy("basic_education", 0), new CountBy("culture", 1), new CountBy("leisure", 0),
            new CountBy("wellbeing", 0), new CountBy("other", 0),
        ]);
        s.ByMunicipality.ShouldBe([new CountBy("564", 2), new CountBy("609", 2)]);
        s.ReviewsOverdue.ShouldBe(2);
    }

    [Fact]
    public async Task Stats_list_every_status_and_service_area_in_declared_order_with_zero_where_none_counts()
    {
        // No test of this class cancels a partnership or works in strategy, so those buckets are empty whatever else exists.
        var viewer = await Factory.AsAsync("viewer");
        var stats = await (await viewer.GetAsync("/api/v1/stats").ShouldBe(HttpStatusCode.OK)).ReadAsync<StatsResponse>();

        var s = stats.Partnerships;
        s.ByStatus.Select(c => c.Key).ShouldBe(["draft", "negotiation", "active", "ended", "cancelled"]);
        s.ByStatus.Single(c => c.Key == "cancelled").Count.ShouldBe(0);
        s.ByServiceArea.Select(c => c.Key).ShouldBe(
            ["strategy", "immigration", "employment", "social_health", "youth", "basic_education", "culture", "leisure", "wellbeing", "other"]);
        s.ByServiceArea.Single(c => c.Key == "strategy").Count.ShouldBe(0);
    }
}

public sealed class PartnershipStatsSqliteTests(SqliteApiFactory factory) : PartnershipStatsContract<SqliteApiFactory>(factory);

public sealed class PartnershipStatsSqlServerTests(SqlServerApiFactory factory) : PartnershipStatsContract<SqlServerApiFactory>(factory);
