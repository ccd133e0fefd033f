using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using CommunityHub.Api.Features.Members;
using CommunityHub.Api.Features.Pilots;
using CommunityHub.Api.Infrastructure.Data.DemoData;
using CommunityHub.Api.Infrastructure.Http;
using CommunityHub.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace CommunityHub.Api.Tests.Features.Pilots;

/// <summary>
/// The demo pilots load through the real commands: every stage is reached by legal transitions. The members seeder
/// runs first on the members section without contacts (contacts need a signed-in editor, which startup seeding lacks).
/// </summary>
public abstract class PilotDemoDataContract<TFactory>(TFactory factory) : ContractTests<TFactory>(factory)
    where TFactory : ApiFactory
{
    [Fact]
    public async Task Demo_pilots_are_seeded_at_their_stages_with_dates_team_and_history()
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
            var seeders = scope.ServiceProvider.GetServices<IDemoDataSeeder>()
                .Where(s => s is MemberDemoData or PilotDemoData).OrderBy(s => s.Order).ToList();
            seeders.Count.ShouldBe(2);
            foreach (var seeder in seeders)
            {
                await seeder.SeedAsync(data, CancellationToken.None);
            }
        }
        var expected = data.Section("pilots").ToList();
        expected.ShouldNotBeEmpty();
        expected.ShouldAllBe(p => data.Keys.ContainsKey(p.GetProperty("key").GetString()!));
        var page = await (await admin.GetAsync("/api/v1/pilots?limit=200").ShouldBe(HttpStatusCode.OK)).ReadAsync<PilotPage>();
        page.Items.Count.ShouldBe(expected.Count);

        foreach (var element in expected)
        {
            var title = element.GetProperty("title").GetString();
            var pilot = page.Items.Single(p => p.Title == title);
            pilot.Stage.ShouldBe(EnumText.Parse<PilotStage>(element.GetProperty("stage").GetString()!), title);
            pilot.Team.Count.ShouldBe(element.GetProperty("team").GetArrayLength(), title);
            pilot.Metrics.Count.ShouldBe(element.GetProperty("metrics").GetArrayLength(), title);
            if (element.GetProperty("startedOn").GetString() is { } started)
            {
                pilot.StartedOn.ShouldBe(DateOnly.Parse(started, System.Globalization.CultureInfo.InvariantCulture), title);
            }
            var history = await (await admin.GetAsync($"/api/v1/pilots/{pilot.Id}/history")).ReadAsync<PilotHistory>();
            if (pilot.Stage == PilotStage.Idea)
            {
                history.Items.ShouldBeEmpty();
            }
            else
            {
                history.Items[^1].To.ShouldBe(pilot.Stage, title);
                history.Items[0].From.ShouldBe(PilotStage.Idea, title);
                history.Items.ShouldAllBe(h => h.ActorName == "Demo data");
            }
        }
        var adopted = page.Items.Single(p => p.Stage == PilotStage.Adopted);
        (await (await admin.GetAsync($"/api/v1/pilots/{adopted.Id}/history")).ReadAsync<PilotHistory>()).Items.Count.ShouldBe(5);
    }
}

public sealed class PilotDemoDataSqliteTests(SqliteApiFactory factory) : PilotDemoDataContract<SqliteApiFactory>(factory);

public sealed class PilotDemoDataSqlServerTests(SqlServerApiFactory factory) : PilotDemoDataContract<SqlServerApiFactory>(factory);
