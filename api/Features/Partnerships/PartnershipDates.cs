using CommunityHub.Api.Infrastructure.Time;

namespace CommunityHub.Api.Features.Partnerships;

/// <summary>Dates as the hub sees them: reviews fall due on calendar days in Finland.</summary>
public static class PartnershipDates
{
    /// <summary>Today's date in Europe/Helsinki.</summary>
    public static DateOnly Today(TimeProvider clock) => Helsinki.Today(clock);

    /// <summary>The date in Europe/Helsinki at <paramref name="now"/>.</summary>
    public static DateOnly Today(DateTimeOffset now) => Helsinki.DateAt(now);

    /// <summary>
    /// The next review falls due one interval after the latest review, or after the start while none exists;
    /// without an interval (or a date to count from) nothing is due.
    /// </summary>
    public static DateOnly? NextReviewDue(DateOnly? startsOn, int? reviewIntervalMonths, DateOnly? latestReview) =>
        reviewIntervalMonths is { } months && (latestReview ?? startsOn) is { } from ? from.AddMonths(months) : null;
}
