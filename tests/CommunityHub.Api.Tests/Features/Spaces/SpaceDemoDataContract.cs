using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using CommunityHub.Api.Features.Members;
using CommunityHub.Api.Features.Spaces;
using CommunityHub.Api.Features.Spaces.Bookings;
using CommunityHub.Api.Infrastructure.Data.DemoData;
using CommunityHub.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace CommunityHub.Api.Tests.Features.Spaces;

/// <summary>The demo rooms load with their week of bookings, tenancies, a series, a pending request, a block and a closure.</summary>
public abstract class SpaceDemoDataContract<TFactory>(TFactory factory) : ContractTests<TFactory>(factory)
    where TFactory : ApiFactory
{
    [Fact]
    public async Task Demo_spaces_are_seeded_with_a_week_of_bookings()
    {
        var admin = await Factory.AdminAsync();
        var root = JsonNode.Parse(DemoDataSet.Load().Root.GetRawText())!.AsObject();
        foreach (var member in root["members"]!.AsArray())
        {
            member!.AsObject().Remove("contacts");
        }
        var data = new DemoDataSet { Root = JsonSerializer.SerializeToElement(root) };
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            foreach (var seeder in scope.ServiceProvider.GetServices<IDemoDataSeeder>().Where(s => s is MemberDemoData or SpaceDemoData).OrderBy(s => s.Order))
            {
                await seeder.SeedAsync(data, CancellationToken.None);
            }
        }
        var spaces = await (await Factory.Anonymous().GetAsync("/api/v1/spaces").ShouldBe(HttpStatusCode.OK)).ReadAsync<SpacePage>();
        spaces.Items.Select(s => s.Kind).ShouldBe([SpaceKind.MeetingRoom, SpaceKind.Hall, SpaceKind.Workspace, SpaceKind.Workspace]);
        spaces.Items[0].Closures.Single().Reason.ShouldBe("Ilmanvaihdon huolto");
        var bookings = await (await admin.GetAsync("/api/v1/bookings?limit=200").ShouldBe(HttpStatusCode.OK)).ReadAsync<BookingPage>();
        bookings.Items.Count(b => b.Status == BookingStatus.Requested).ShouldBe(1);
        bookings.Items.Count(b => b.Status == BookingStatus.Blocked).ShouldBe(1);
        bookings.Items.Count(b => b.SeriesId is not null).ShouldBe(8);
        bookings.Items.Count(b => b.Status == BookingStatus.Confirmed && b.SeriesId is null).ShouldBe(13);
        bookings.Items.Where(b => b.Purpose!.StartsWith("Vuokrasopimus", StringComparison.Ordinal)).ShouldAllBe(b => b.OverrideReason != null);
    }
}

public sealed class SpaceDemoDataSqliteTests(SqliteApiFactory factory) : SpaceDemoDataContract<SqliteApiFactory>(factory);

public sealed class SpaceDemoDataSqlServerTests(SqlServerApiFactory factory) : SpaceDemoDataContract<SqlServerApiFactory>(factory);
