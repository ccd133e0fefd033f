using System.Globalization;
using System.Net;
using CommunityHub.Api.Features.Partnerships;
using CommunityHub.Api.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using Shouldly;

namespace CommunityHub.Api.Tests.Features.Partnerships;

/// <summary>Overdue reviews against a controlled clock: the app's "today" (Europe/Helsinki) comes from the FakeTimeProvider.</summary>
public abstract class PartnershipReviewDueContract<TFactory> : ContractTests<TFactory>
    where TFactory : ApiFactory
{
    protected PartnershipReviewDueContract(TFactory factory)
        : base(factory)
    {
        // Start at the real time so tokens issued now stay valid; the test then moves the clock forward.
        factory.Clock ??= new FakeTimeProvider(DateTimeOffset.UtcNow);
    }

    private FakeTimeProvider Clock => (FakeTimeProvider)Factory.Clock!;

    [Fact]
    public async Task Review_due_lists_open_partnerships_whose_next_review_date_has_passed_and_a_review_moves_it()
    {
        var admin = await Factory.AdminAsync();
        var today = PartnershipDates.Today(Clock.GetUtcNow());
        var (city, hub) = await PartnershipRequests.MembersAsync(admin, "632");

        async Task<PartnershipResponse> Create(string title, DateOnly startsOn, int? interval, string status)
        {
            var body = PartnershipRequests.Body(city, hub, title, "632");
            body["startsOn"] = Iso(startsOn);
            body["endsOn"] = null;
            body["reviewIntervalMonths"] = interval;
            var created = await PartnershipRequests.CreateAsync(admin, body);
            return await PartnershipRequests.MoveToAsync(admin, created.Id, status);
        }

        var overdue = await Create("Myöhässä", today.AddMonths(-7), 6, "active");
        var upcoming = await Create("Tulossa", today.AddMonths(-1), 6, "active");
        var dueToday = await Create("Tänään", today.AddMonths(-6), 6, "negotiation");
        var cancelled = await Create("Peruttu", today.AddMonths(-7), 6, "cancelled");
        var ended = await Create("Päättynyt", today.AddMonths(-8), 6, "ended");
        var noInterval = await Create("Ei seurantaa", today.AddMonths(-24), null, "active");
        var draft = await Create("Luonnos", today.AddMonths(-3), 1, "draft");
        overdue.NextReviewDue.ShouldBe(today.AddMonths(-1));
        dueToday.NextReviewDue.ShouldBe(today);
        noInterval.NextReviewDue.ShouldBeNull();

        // The fake clock stands still, so ids made in the same instant are not in creation order: compare as sets.
        async Task<IEnumerable<Guid>> Due() =>
            (await (await admin.GetAsync("/api/v1/partnerships?municipality=632&reviewDue=true").ShouldBe(HttpStatusCode.OK))
                .ReadAsync<PartnershipPage>()).Items.Select(p => p.Id);

        (await Due()).ShouldBe([overdue.Id, draft.Id], ignoreOrder: true);
        (await (await admin.GetAsync("/api/v1/partnerships?municipality=632&reviewDue=false")).ReadAsync<PartnershipPage>()).Items.Count.ShouldBe(7);

        // A review today moves the next one six months ahead.
        var url = $"/api/v1/partnerships/{overdue.Id}/reviews";
        await admin.PostJsonAsync(url, PartnershipRequests.Review(Iso(today.AddDays(1)), (overdue.Goals[0].Id, 30)))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "reviewedOn");
        await admin.PostJsonAsync(url, PartnershipRequests.Review(Iso(today), (overdue.Goals[0].Id, 30))).ShouldBe(HttpStatusCode.Created);
        (await (await admin.GetAsync($"/api/v1/partnerships/{overdue.Id}")).ReadAsync<PartnershipResponse>()).NextReviewDue.ShouldBe(today.AddMonths(6));
        (await Due()).ShouldBe([draft.Id], ignoreOrder: true);

        // Half a year and a day later everything still open is overdue again; final partnerships never are.
        Clock.Advance(TimeSpan.FromDays(185));
        var later = PartnershipDates.Today(Clock.GetUtcNow());
        later.ShouldBeGreaterThan(today.AddMonths(6));
        (await Due()).ShouldBe([overdue.Id, upcoming.Id, dueToday.Id, draft.Id], ignoreOrder: true);
        (await Due()).ShouldNotContain(cancelled.Id);
        (await Due()).ShouldNotContain(ended.Id);

        // The date that was in the future before is a valid review date now.
        await admin.PostJsonAsync(url, PartnershipRequests.Review(Iso(later), (overdue.Goals[0].Id, 60))).ShouldBe(HttpStatusCode.Created);
        (await Due()).ShouldBe([upcoming.Id, dueToday.Id, draft.Id], ignoreOrder: true);
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

public sealed class PartnershipReviewDueSqliteTests(SqliteApiFactory factory) : PartnershipReviewDueContract<SqliteApiFactory>(factory);

public sealed class PartnershipReviewDueSqlServerTests(SqlServerApiFactory factory) : PartnershipReviewDueContract<SqlServerApiFactory>(factory);
