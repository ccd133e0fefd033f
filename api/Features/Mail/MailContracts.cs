namespace CommunityHub.Api.Features.Mail;

public enum MailStatus
{
    Pending,
    Sent,
    Failed,
}

/// <summary>
/// A message in the mail log (admin): never its body. <c>kind</c> says what it was about (e.g. <c>registration_confirmed</c>,
/// <c>password_reset</c>); <c>lastError</c> is the last delivery failure.
/// </summary>
public sealed record MailLogItem(
    Guid Id,
    string To,
    string Subject,
    string Kind,
    MailStatus Status,
    int Attempts,
    string? LastError,
    DateTimeOffset CreatedAt,
    DateTimeOffset? SentAt,
    DateTimeOffset NextAttemptAt,
    bool BodyErased);

public sealed record MailLogPage(IReadOnlyList<MailLogItem> Items, string? NextCursor);

internal static class MailLog
{
    public static MailLogItem ToItem(this MailRow row) => new(
        row.Id, row.Recipient, row.Subject, row.Kind, EnumText.Parse<MailStatus>(row.Status), row.Attempts, row.LastError, row.CreatedAt,
        row.SentAt, row.NextAttemptAt, row.BodyErasedAt is not null);
}
