using CommunityHub.Api.Infrastructure.Data;

namespace CommunityHub.Api.Features.Members;

/// <summary>What the members handlers share.</summary>
public static class MemberData
{
    public static readonly EntityType Type = new("members", InFeed: true);
    public static readonly EntityType ContactType = new("contacts");
}
