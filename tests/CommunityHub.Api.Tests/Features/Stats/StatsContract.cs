using System.Net;
using CommunityHub.Api.Features.Stats;
using CommunityHub.Api.Tests.Features.Members;
using CommunityHub.Api.Tests.Features.Pilots;
using CommunityHub.Api.Tests.Infrastructure;
using Shouldly;

namespace CommunityHub.Api.Tests.Features.Stats;

/// <summary>Stats on a fresh database holding a known data set, so every number is asserted exactly.</summary>
public abstract class StatsContract<TFactory>(TFactory factory) : ContractTests<TFactory>(factory)
    where TFactory : ApiFactory
{
    [Fact]
    public async Task Stats_count_exactly_the_live_members_and_pilots_of_a_known_data_set()
    {
        var admin = await Factory.AdminAsync();
        var empty = await (await admin.GetAsync("/api/v1/stats").ShouldBe(HttpStatusCode.OK)).ReadAsync<StatsResponse>();
        empty.Members.Total.ShouldBe(0);
        empty.Members.ByKind.ShouldAllBe(c => c.Count == 0);
        empty.Members.ByKind.Select(c => c.Key).ShouldBe(["association", "municipality", "company", "foundation", "public_authority", "other"]);
        empty.Pilots.Total.ShouldBe(0);
        empty.Pilots.AdoptionRate.ShouldBeNull();
        empty.Pilots.ByStage.Select(c => c.Key).ShouldBe(["idea", "decided", "preparing", "running", "evaluating", "adopted", "discontinued"]);

        // Members: 3 associations (2 active, 1 applicant), 1 municipality, 1 company that ended; 1 archived association.
        var a1 = await MemberRequests.CreateAsync(admin, MemberRequests.Body("Yhdistys Yksi ry"));
        await MemberRequests.CreateAsync(admin, MemberRequests.Body("Yhdistys Kaksi ry"));
        var applicant = MemberRequests.Body("Hakija ry");
        applicant["membership"] = new { status = "applicant" };
        await MemberRequests.CreateAsync(admin, applicant);
        var city = await MemberRequests.CreateAsync(admin, MemberRequests.Body("Oulun kaupunki", "564", "municipality"));
        var ended = MemberRequests.Body("Entinen Oy", "564", "company");
        ended["membership"] = new { status = "ended", joinedOn = "2015-01-01", endedOn = "2024-12-31" };
        await MemberRequests.CreateAsync(admin, ended);
        var archived = await MemberRequests.CreateAsync(admin, MemberRequests.Body("Arkistoitu ry"));
        await admin.DeleteAsync($"/api/v1/members/{archived.Id}", null).ShouldBe(HttpStatusCode.NoContent);

        // Pilots: idea/education, running/work, 2 adopted (wellbeing, work), 1 discontinued/leisure; 1 archived (work).
        await PilotRequests.WalkToAsync(admin, a1.Id, "idea", PilotRequests.Body(a1.Id, theme: "education"));
        await PilotRequests.WalkToAsync(admin, a1.Id, "running", PilotRequests.Body(a1.Id, theme: "work"));
        await PilotRequests.WalkToAsync(admin, city.Id, "adopted", PilotRequests.Body(city.Id, theme: "wellbeing"));
        await PilotRequests.WalkToAsync(admin, city.Id, "adopted", PilotRequests.Body(city.Id, theme: "work"));
        await PilotRequests.WalkToAsync(admin, a1.Id, "discontinued", PilotRequests.Body(a1.Id, theme: "leisure"));
        var gone = await PilotRequests.CreateAsync(admin, PilotRequests.Body(a1.Id, theme: "work"));
        await admin.DeleteAsync($"/api/v1/pilots/{gone.Id}", null).ShouldBe(HttpStatusCode.NoContent);

        var viewer = await Factory.AsAsync("viewer");
        var stats = await (await viewer.GetAsync("/api/v1/stats").ShouldBe(HttpStatusCode.OK)).ReadAsync<StatsResponse>();

        stats.Members.Total.ShouldBe(5);
        stats.Members.ByKind.ShouldBe(
        [
            new CountBy("association", 3), new CountBy("municipality", 1), new CountBy("company", 1),
            new CountBy("foundation", 0), new CountBy("public_authority", 0), new CountBy("other", 0),
        ]);
        stats.Members.ByMembershipStatus.ShouldBe(
            [new CountBy("applicant", 1), new CountBy("active", 3), new CountBy("suspended", 0), new CountBy("ended", 1)]);

        stats.Pilots.Total.ShouldBe(5);
        stats.Pilots.ByStage.ShouldBe(
        [
            new CountBy("idea", 1), new CountBy("decided", 0), new CountBy("preparing", 0), new CountBy("running", 1),
            new CountBy("evaluating", 0), new CountBy("adopted", 2), new CountBy("discontinued", 1),
        ]);
        stats.Pilots.ByTheme.ShouldBe(
            [new CountBy("education", 1), new CountBy("work", 2), new CountBy("leisure", 1), new CountBy("wellbeing", 1), new CountBy("other", 0)]);
        stats.Pilots.AdoptionRate!.Value.ShouldBe(2.0 / 3.0, 1e-9);

        // Sections other features fill stay at zero until they are merged in.
        stats.Events.Upcoming.ShouldBe(0);
        stats.GeneratedAt.ShouldBeInRange(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1));
    }

    [Fact]
    public async Task Stats_need_a_signed_in_user()
    {
        await Factory.Anonymous().GetAsync("/api/v1/stats").ShouldBeProblem(HttpStatusCode.Unauthorized);
        var editor = await Factory.AsAsync("viewer");
        await editor.GetAsync("/api/v1/stats").ShouldBe(HttpStatusCode.OK);
    }
}

public sealed class StatsSqliteTests(SqliteApiFactory factory) : StatsContract<SqliteApiFactory>(factory);

public sealed class StatsSqlServerTests(SqlServerApiFactory factory) : StatsContract<SqlServerApiFactory>(factory);
