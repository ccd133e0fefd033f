namespace CommunityHub.Api.Infrastructure.Validation;

/// <summary>
/// The one form an email address is stored and matched in: trimmed (any Unicode white space), composed (NFC) and lower
/// case by .NET's invariant culture, which folds every letter (Ä, Ö, Ÿ …), not only ASCII as SQLite's LOWER does. A
/// data subject's export and erasure compare exactly against it, so "  ÄIJÄ.Testi@Example.fi " and "äijä.testi@example.fi"
/// are one person. Registrations, contacts, the mail outbox and the external actors are keyed by it.
/// </summary>
public static class EmailAddresses
{
    public static string Normalize(string email) => email.Trim().Normalize(NormalizationForm.FormC).ToLowerInvariant();

    /// <summary>An optional address: null or blank stays null.</summary>
    public static string? NormalizeOrNull(string? email) => string.IsNullOrWhiteSpace(email) ? null : Normalize(email);
}
