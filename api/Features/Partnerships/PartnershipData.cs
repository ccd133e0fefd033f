using CommunityHub.Api.Infrastructure.Data;

namespace CommunityHub.Api.Features.Partnerships;

/// <summary>What the partnerships handlers share.</summary>
public static class PartnershipData
{
    public static readonly EntityType Type = new("partnerships", InFeed: true);
}
