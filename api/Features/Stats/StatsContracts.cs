namespace CommunityHub.Api.Features.Stats;

/// <summary>A label and how many rows carry it (e.g. kind "association": 12).</summary>
public sealed record CountBy(string Key, long Count);

public sealed record MemberStats(IReadOnlyList<CountBy> ByKind, IReadOnlyList<CountBy> ByMembershipStatus, long Total);

public sealed record PartnershipStats(
    IReadOnlyList<CountBy> ByStatus, IReadOnlyList<CountBy> ByServiceArea, IReadOnlyList<CountBy> ByMunicipality, long ReviewsOverdue, long Total);

/// <summary><c>adoptionRate</c>: adopted / (adopted + discontinued), null while no pilot has finished.</summary>
public sealed record PilotStats(IReadOnlyList<CountBy> ByStage, IReadOnlyList<CountBy> ByTheme, double? AdoptionRate, long Total);

public sealed record EventStats(long Upcoming, long UpcomingRegistrations, long FeedbackCount, double? AverageFeedback);

/// <summary>The dashboard's numbers, each section computed by grouped queries in the database.</summary>
public sealed record StatsResponse(MemberStats Members, PartnershipStats Partnerships, PilotStats Pilots, EventStats Events, DateTimeOffset GeneratedAt);
