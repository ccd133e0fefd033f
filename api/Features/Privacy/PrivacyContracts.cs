namespace CommunityHub.Api.Features.Privacy;

/// <summary>Everything stored about one email address (a data subject's right of access, GDPR art. 15).</summary>
public sealed record PersonalDataExport(
    string Email,
    IReadOnlyList<PersonalRegistration> Registrations,
    IReadOnlyList<PersonalContact> Contacts,
    IReadOnlyList<PersonalUser> Users,
    IReadOnlyList<PersonalMessage> Messages);

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
public sealed record PersonalDataErasure(int Registrations, int Contacts, int Users, int Messages);

/// <summary>The erase body openapi.yaml shows: the registrant of the registration example.</summary>
internal static class PrivacyExamples
{
    public static readonly PersonalDataEraseRequest Erase = new("vaino.harkonen@example.fi");
}
