namespace CommunityHub.Api.Features.Privacy;

/// <summary>
/// Everything stored about one email address (a data subject's right of access, GDPR art. 15): also the identities of
/// the external identity provider that wrote with that email (their names are copied beside their subject) and the
/// sign-in throttle's rows of the account.
/// </summary>
public sealed record PersonalDataExport(
    string Email,
    IReadOnlyList<PersonalRegistration> Registrations,
    IReadOnlyList<PersonalContact> Contacts,
    IReadOnlyList<PersonalUser> Users,
    IReadOnlyList<PersonalExternalIdentity> ExternalIdentities,
    IReadOnlyList<PersonalSignInThrottle> SignInThrottle,
    IReadOnlyList<PersonalBooking> Bookings,
    IReadOnlyList<PersonalMessage> Messages);

/// <summary>A subject of the external identity provider whose tokens carried this email when they wrote something.</summary>
public sealed record PersonalExternalIdentity(string Subject, string? DisplayName, DateTimeOffset LastSeenAt);

/// <summary>
/// Failed sign-ins to the account counted at one client address or device, kept until they are forgotten. Properties,
/// not a positional record: the count is an INTEGER (64-bit) on SQLite and an INT on SQL Server, which Dapper converts
/// into a property but not into a constructor parameter.
/// </summary>
public sealed record PersonalSignInThrottle
{
    public required int Failures { get; init; }

    public required DateTimeOffset LastFailureAt { get; init; }

    public required DateTimeOffset? BlockedUntil { get; init; }
}

/// <summary>The data subject whose personal data to export.</summary>
public sealed record PersonalDataExportRequest(string? Email);

public sealed record PersonalRegistration(
    Guid Id,
    Guid EventId,
    string EventTitle,
    string Name,
    string Email,
    Guid? MemberId,
    string? Notes,
    string Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CancelledAt);

public sealed record PersonalContact(
    Guid Id,
    Guid MemberId,
    string Name,
    string? Title,
    string? Email,
    string? Phone,
    DateTimeOffset CreatedAt,
    DateTimeOffset? DeletedAt);

public sealed record PersonalUser(
    Guid Id,
    string Email,
    string DisplayName,
    string Role,
    Guid? MemberId,
    DateTimeOffset CreatedAt,
    DateTimeOffset? DeletedAt);

/// <summary>A booking of a space made by one of the address's user accounts.</summary>
public sealed record PersonalBooking(
    Guid Id,
    Guid SpaceId,
    string SpaceName,
    Guid? MemberId,
    string? Purpose,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    string Status,
    DateTimeOffset CreatedAt);

/// <summary>A message sent (or to be sent) to the address, with its text while the mail retention keeps it.</summary>
public sealed record PersonalMessage(
    Guid Id,
    string Kind,
    string Subject,
    string Status,
    string? TextBody,
    DateTimeOffset CreatedAt,
    DateTimeOffset? SentAt);

public sealed record PersonalDataEraseRequest(string? Email);

/// <summary>How many rows were anonymised (erasure, GDPR art. 17); the rows stay where other records refer to them.</summary>
public sealed record PersonalDataErasure(
    int Registrations, int Contacts, int Users, int ExternalIdentities, int SignInThrottle, int Bookings, int Messages);

/// <summary>The erase body openapi.yaml shows: the registrant of the registration example.</summary>
internal static class PrivacyExamples
{
    public static readonly PersonalDataEraseRequest Erase = new("vaino.harkonen@example.fi");

    public static readonly PersonalDataExportRequest Export = new("vaino.harkonen@example.fi");
}
