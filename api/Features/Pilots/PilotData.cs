using CommunityHub.Api.Infrastructure.Data;

namespace CommunityHub.Api.Features.Pilots;

/// <summary>What the pilots handlers share.</summary>
public static class PilotData
{
    public static readonly EntityType Type = new("pilots", InFeed: true);
}
