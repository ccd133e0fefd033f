namespace CommunityHub.Api.Features.Mail;

/// <summary>
/// The web app's addresses messages link to, under <c>App:PublicBaseUrl</c> (required outside Development; in
/// Development the local web app). Secrets ride in the fragment (<c>#…</c>), which browsers never send to a server.
/// </summary>
public sealed class MailLinks(string baseUrl, string organizerAddress)
{
    public const string DevelopmentBase = "http://localhost:5080";

    public string Base { get; } = baseUrl.TrimEnd('/');

    /// <summary>The centre's own address, named as the calendar entries' organiser.</summary>
    public string OrganizerAddress { get; } = organizerAddress;

    public string Event(Guid eventId) => $"{Base}/events/{eventId}";

    /// <summary>A space's page in the web app: its calendar, where the booking stands.</summary>
    public string Space(Guid spaceId) => $"{Base}/spaces/{spaceId}";

    public string Registration(Guid eventId, Guid registrationId, string token) =>
        $"{Base}/events/{eventId}/registration#id={registrationId}&token={Uri.EscapeDataString(token)}";

    public string PasswordReset(string token) => $"{Base}/reset-password#token={Uri.EscapeDataString(token)}";
}
