using CommunityHub.Api.Infrastructure.Data;

namespace CommunityHub.Api.Features.Events;

/// <summary>What the events handlers share.</summary>
public static class CommunityEventData
{
    public static readonly EntityType Type = new("events", InFeed: true);
    public static readonly EntityType FeedbackType = new("event_feedback");
}
