using CommunityHub.Api.Infrastructure.Data;

namespace CommunityHub.Api.Features.Users;

/// <summary>What the users handlers share.</summary>
public static class UserData
{
    public static readonly EntityType Type = new("users");
}
