using CommunityHub.Api.Features.Partnerships;
using Shouldly;

namespace CommunityHub.Api.Tests.Features.Partnerships;

public sealed class PartnershipLifecycleTests
{
    [Theory]
    [InlineData(PartnershipStatus.Draft, new[] { PartnershipStatus.Negotiation, PartnershipStatus.Cancelled })]
    [InlineData(PartnershipStatus.Negotiation, new[] { PartnershipStatus.Active, PartnershipStatus.Cancelled })]
    [InlineData(PartnershipStatus.Active, new[] { PartnershipStatus.Ended, PartnershipStatus.Cancelled })]
    [InlineData(PartnershipStatus.Ended, new PartnershipStatus[0])]
    [InlineData(PartnershipStatus.Cancelled, new PartnershipStatus[0])]
    public void Allowed_lists_exactly_the_legal_targets(PartnershipStatus from, PartnershipStatus[] expected)
    {
        PartnershipLifecycle.Allowed(from).ShouldBe(expected);
        foreach (var to in Enum.GetValues<PartnershipStatus>())
        {
            PartnershipLifecycle.CanMove(from, to).ShouldBe(expected.Contains(to), $"{from} → {to}");
        }
    }

    [Fact]
    public void Only_ended_and_cancelled_are_final_and_reviews_stay_due_in_the_others()
    {
        Enum.GetValues<PartnershipStatus>().Where(PartnershipLifecycle.IsFinal).ShouldBe([PartnershipStatus.Ended, PartnershipStatus.Cancelled]);
        PartnershipLifecycle.Open.ShouldBe([PartnershipStatus.Draft, PartnershipStatus.Negotiation, PartnershipStatus.Active]);
    }

    [Theory]
    [InlineData(PartnershipStatus.Draft)]
    [InlineData(PartnershipStatus.Negotiation)]
    [InlineData(PartnershipStatus.Active)]
    [InlineData(PartnershipStatus.Ended)]
    [InlineData(PartnershipStatus.Cancelled)]
    public void The_path_from_draft_reaches_the_target_through_legal_moves_only(PartnershipStatus target)
    {
        var current = PartnershipStatus.Draft;
        foreach (var step in PartnershipLifecycle.PathTo(target))
        {
            PartnershipLifecycle.CanMove(current, step).ShouldBeTrue($"{current} → {step}");
            current = step;
        }
        current.ShouldBe(target);
    }

    [Theory]
    [InlineData("2026-01-31", 1, null, "2026-02-28")]
    [InlineData("2026-01-01", 6, null, "2026-07-01")]
    [InlineData("2026-01-01", 6, "2026-05-20", "2026-11-20")]
    [InlineData(null, 6, "2026-05-20", "2026-11-20")]
    [InlineData("2026-01-01", null, "2026-05-20", null)]
    [InlineData(null, 6, null, null)]
    public void Next_review_falls_due_one_interval_after_the_latest_review_or_the_start(
        string? startsOn, int? interval, string? latestReview, string? expected)
    {
        PartnershipDates.NextReviewDue(Date(startsOn), interval, Date(latestReview)).ShouldBe(Date(expected));
    }

    [Fact]
    public void Today_is_the_calendar_date_in_helsinki()
    {
        // 22:30 UTC on 31 Dec is already New Year in Helsinki (UTC+2 in winter).
        PartnershipDates.Today(new DateTimeOffset(2026, 12, 31, 22, 30, 0, TimeSpan.Zero)).ShouldBe(new DateOnly(2027, 1, 1));
        PartnershipDates.Today(new DateTimeOffset(2026, 12, 31, 21, 30, 0, TimeSpan.Zero)).ShouldBe(new DateOnly(2026, 12, 31));
    }

    private static DateOnly? Date(string? text) => text is null ? null : DateOnly.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
}
