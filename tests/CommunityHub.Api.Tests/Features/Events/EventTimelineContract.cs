using System.Net;
using CommunityHub.Api.Features.Events;
using CommunityHub.Api.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using Shouldly;

namespace CommunityHub.Api.Tests.Features.Events;

/// <summary>
/// Time-dependent rules, driven by moving a FakeTimeProvider (no sleeps). The clock only moves forward, so this class
/// holds one timeline and keeps it to itself.
/// </summary>
public abstract class EventTimelineContract<TFactory> : ContractTests<TFactory>
    where TFactory : ApiFactory
{
    private readonly FakeTimeProvider clock;

    protected EventTimelineContract(TFactory factory)
        : base(factory)
    {
        factory.Clock ??= new FakeTimeProvider(DateTimeOffset.UtcNow);
        clock = (FakeTimeProvider)factory.Clock;
    }

    [Fact]
    public async Task Registration_window_and_feedback_follow_the_clock()
    {
        var admin = await Factory.AdminAsync();
        var organizer = await EventRequests.MemberAsync(admin);
        var anonymous = Factory.Anonymous();
        // Bodies carry whole seconds: start the timeline on one so "a tick before the start" is exact.
        var now = clock.GetUtcNow();
        var t0 = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, now.Second, TimeSpan.Zero).AddSeconds(1);
        clock.SetUtcNow(t0);

        var windowed = EventRequests.Body([organizer], t0.AddHours(2), capacity: 5);
        windowed["registrationOpensAt"] = t0.AddMinutes(30).ToString("O");
        var explicitWindow = await EventRequests.PublishedAsync(admin, windowed);
        // Without a window of its own, registration opens at publishing and closes at the start.
        var defaults = await EventRequests.CreateAsync(admin, EventRequests.Body([organizer], t0.AddHours(2)));
        var feedbackUrl = $"/api/v1/events/{explicitWindow.Id}/feedback";

        var early = await EventRequests.RegisterAsync(anonymous, explicitWindow.Id, "Aino", "aino@example.fi").ShouldBeProblem(HttpStatusCode.Conflict);
        early.GetProperty("detail").GetString()!.ShouldContain("not opened yet");
        early.GetProperty("registrationOpensAt").GetDateTimeOffset().ShouldBe(t0.AddMinutes(30));

        clock.Advance(TimeSpan.FromMinutes(29));
        await EventRequests.RegisterAsync(anonymous, explicitWindow.Id, "Aino", "aino@example.fi").ShouldBeProblem(HttpStatusCode.Conflict);
        await EventRequests.MoveAsync(admin, defaults.Id, "published");
        await EventRequests.RegisterAsync(anonymous, defaults.Id, "Aino", "aino@example.fi").ShouldBe(HttpStatusCode.Accepted);

        clock.Advance(TimeSpan.FromMinutes(1));
        var aino = await (await EventRequests.RegisterAsync(admin, explicitWindow.Id, "Aino", "aino@example.fi")
            .ShouldBe(HttpStatusCode.Created)).ReadAsync<RegistrationReceipt>();

        clock.SetUtcNow(t0.AddHours(2).AddTicks(-1));
        await EventRequests.RegisterAsync(anonymous, explicitWindow.Id, "Eero", "eero@example.fi").ShouldBe(HttpStatusCode.Accepted);
        var notStarted = await anonymous.PostJsonAsync(feedbackUrl, new { rating = 5, cancelToken = EventRequests.Token(aino.Id) }).ShouldBeProblem(HttpStatusCode.Conflict);
        notStarted.GetProperty("detail").GetString()!.ShouldContain("starts");

        clock.SetUtcNow(t0.AddHours(2));
        var closed = await EventRequests.RegisterAsync(anonymous, explicitWindow.Id, "Fatima", "fatima@example.fi").ShouldBeProblem(HttpStatusCode.Conflict);
        closed.GetProperty("detail").GetString()!.ShouldContain("closed");
        await EventRequests.RegisterAsync(anonymous, defaults.Id, "Fatima", "fatima@example.fi").ShouldBeProblem(HttpStatusCode.Conflict);
        await anonymous.PostJsonAsync(feedbackUrl, new { rating = 5, cancelToken = EventRequests.Token(aino.Id) }).ShouldBe(HttpStatusCode.Created);

        // Cancelling still works after the window (a seat freed late still goes to the waiting list).
        await EventRequests.CancelAsync(anonymous, explicitWindow.Id, aino.Id, EventRequests.Token(aino.Id))
            .ShouldBe(HttpStatusCode.NoContent);
        var summary = await (await admin.GetAsync($"/api/v1/events/{explicitWindow.Id}/feedback/summary")).ReadAsync<FeedbackSummary>();
        summary.Count.ShouldBe(1);
    }
}

public sealed class EventTimelineSqliteTests(SqliteApiFactory factory) : EventTimelineContract<SqliteApiFactory>(factory);

public sealed class EventTimelineSqlServerTests(SqlServerApiFactory factory) : EventTimelineContract<SqlServerApiFactory>(factory);
