namespace CommunityHub.Api.Features.ApiKeys;

/// <summary>
/// The read scopes a key can hold: one per public collection. Each is also the name of the authorization policy that
/// reads the collection (<see cref="ApiKeySetup.AddApiKeys"/>): any signed-in person with a role, or a key holding the scope.
/// </summary>
public static class ApiKeyScopes
{
    public const string MembersRead = "members:read";
    public const string PartnershipsRead = "partnerships:read";
    public const string PilotsRead = "pilots:read";
    public const string EventsRead = "events:read";

    /// <summary>Spaces and their bookings (a booking shows its member organisation, never the person who booked).</summary>
    public const string SpacesRead = "spaces:read";

    public static readonly IReadOnlyList<string> All = [MembersRead, PartnershipsRead, PilotsRead, EventsRead, SpacesRead];

    /// <summary>The scope that lets a key read a collection (<c>members</c> → <c>members:read</c>; bookings are read with <c>spaces:read</c>).</summary>
    public static string ReadScopeOf(string collection) => collection == "bookings" ? SpacesRead : collection + ":read";

    internal static string Store(IEnumerable<string> scopes) => string.Join(' ', scopes);

    internal static IReadOnlyList<string> Load(string stored) => stored.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
