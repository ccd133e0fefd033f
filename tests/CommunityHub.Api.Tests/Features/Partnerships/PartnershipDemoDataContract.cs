using System.Net;
using CommunityHub.Api.Features.Members;
using CommunityHub.Api.Features.Partnerships;
using CommunityHub.Api.Infrastructure.Data.DemoData;
using CommunityHub.Api.Infrastructure.Http;
using CommunityHub.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace CommunityHub.Api.Tests.Features.Partnerships;

/// <summary>
/// The partnerships section of the demo data set seeds through the partnership commands: statuses by transitions,
/// reviews with goal progress. The demo members are created over HTTP first, as the members seeder would.
/// </summary>
public abstract class PartnershipDemoDataContract<TFactory>(TFactory factory) : ContractTests<TFactory>(factory)
    where TFactory : ApiFactory
{
    [Fact]
    public async Task Demo_partnerships_are_seeded_with_their_status_history_and_reviews()
    {
        var admin = await Factory.AdminAsync();
        var data = DemoDataSet.Load();
        foreach (var member in data.Section("members"))
        {
            var created = await (await admin.PostRawAsync("/api/v1/members", member.GetRawText()).ShouldBe(HttpStatusCode.Created)).ReadAsync<MemberResponse>();
            data.Keys[member.GetProperty("key").GetString()!] = created.Id;
        }
        using (var scope = Factory.Services.CreateScope())
        {
            var seeder = scope.ServiceProvider.GetServices<IDemoDataSeeder>().OfType<PartnershipDemoData>().Single();
            seeder.Order.ShouldBe(20);
            await seeder.SeedAsync(data, CancellationToken.None);
        }
        var expected = data.Section("partnerships").ToList();
        expected.Count.ShouldBeGreaterThan(0);

        var page = await (await admin.GetAsync("/api/v1/partnerships?limit=200").ShouldBe(HttpStatusCode.OK)).ReadAsync<PartnershipPage>();
        page.Items.Count.ShouldBe(expected.Count);
        foreach (var element in expected)
        {
            var title = element.GetProperty("title").GetString();
            var seeded = page.Items.Single(p => p.Title == title);
            data.Keys[element.GetProperty("key").GetString()!].ShouldBe(seeded.Id);
            EnumText.Name(seeded.Status).ShouldBe(element.GetProperty("status").GetString());
            seeded.Parties.Count.ShouldBe(element.GetProperty("parties").GetArrayLength());
            seeded.Goals.Count.ShouldBe(element.GetProperty("goals").GetArrayLength());

            var reviews = await (await admin.GetAsync($"/api/v1/partnerships/{seeded.Id}/reviews")).ReadAsync<PartnershipReviewPage>();
            var expectedReviews = element.TryGetProperty("reviews", out var r) ? r.EnumerateArray().ToList() : [];
            reviews.Items.Count.ShouldBe(expectedReviews.Count);
            reviews.Items.ShouldAllBe(x => x.GoalProgress.Count > 0);
            if (expectedReviews.Count > 0)
            {
                var latest = expectedReviews.Max(x => DateOnly.Parse(x.GetProperty("reviewedOn").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
                seeded.NextReviewDue.ShouldBe(latest.AddMonths(element.GetProperty("reviewIntervalMonths").GetInt32()));
            }

            var history = await (await admin.GetAsync($"/api/v1/partnerships/{seeded.Id}/history")).ReadAsync<PartnershipHistory>();
            (history.Items.Count == 0 ? PartnershipStatus.Draft : history.Items[^1].To).ShouldBe(seeded.Status);
        }
    }
}

public sealed class PartnershipDemoDataSqliteTests(SqliteApiFactory factory) : PartnershipDemoDataContract<SqliteApiFactory>(factory);

public sealed class PartnershipDemoDataSqlServerTests(SqlServerApiFactory factory) : PartnershipDemoDataContract<SqlServerApiFactory>(factory);
