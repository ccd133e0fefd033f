using CommunityHub.Api.Features.Events;
using CommunityHub.Api.Features.Members;
using CommunityHub.Api.Features.Partnerships;
using CommunityHub.Api.Features.Pilots;
using CommunityHub.Api.Features.Spaces;
using CommunityHub.Api.Features.Spaces.Bookings;

namespace CommunityHub.Api.Features.Changes;

/// <summary>The collections the change feed (and so webhooks) carries, each named by its own feature.</summary>
public static class FeedTypes
{
    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        MemberData.Type.Name, PartnershipData.Type.Name, PilotData.Type.Name, CommunityEventData.Type.Name, SpaceData.Type.Name,
        BookingData.Type.Name,
    };
}
