using CommunityHub.Api.Features.Auth;
using CommunityHub.Api.Infrastructure.Data;
using CommunityHub.Api.Tests.Infrastructure;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace CommunityHub.Api.Tests.Features.Mail;

/// <summary>
/// Rows the contract tests need where mail is switched off (no message is queued and no link mailed): a queued message
/// and a password reset token, written as the API writes them.
/// </summary>
public static class MailTestData
{
    /// <summary>A failed message in the outbox, as the sender leaves one (its body already deleted when <paramref name="bodyErased"/>).</summary>
    public static async Task<Guid> QueuedMessageAsync(ApiFactory factory, bool bodyErased = false)
    {
        var id = Guid.CreateVersion7();
        var now = DateTimeOffset.UtcNow;
        await using var connection = await factory.Services.GetRequiredService<Db>().OpenAsync(CancellationToken.None);
        await connection.ExecuteAsync(
            """
            INSERT INTO mail_outbox (id, kind, recipient, recipient_normalized, language, subject, text_body, html_body, calendar,
                message_id, reference_id, status, attempts, pending_since, next_attempt_at, created_at, body_erased_at)
            VALUES (@Id, 'registration_confirmed', 'testi@example.fi', 'testi@example.fi', 'fi', 'Ilmoittautuminen vahvistettu: Testi',
                'Hei', '<p>Hei</p>', NULL, @MessageId, NULL, 'failed', 3, @Now, @Now, @Now, @Erased)
            """,
            new { Id = id, MessageId = $"{id:N}@hub.example.fi", Now = now, Erased = bodyErased ? now : (DateTimeOffset?)null });
        return id;
    }

    /// <summary>A reset token for the user with <paramref name="email"/>, as a reset mail would carry it.</summary>
    public static async Task<string> ResetTokenAsync(ApiFactory factory, string email)
    {
        var token = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var now = DateTimeOffset.UtcNow;
        await using var connection = await factory.Services.GetRequiredService<Db>().OpenAsync(CancellationToken.None);
        var userId = await connection.ExecuteScalarAsync<string>(
            "SELECT id FROM users WHERE email_normalized = @Email AND deleted_at IS NULL", new { Email = email.Trim().ToUpperInvariant() });
        await connection.ExecuteAsync(
            "INSERT INTO password_resets (id, user_id, token_hash, expires_at, created_at) VALUES (@Id, @UserId, @Hash, @Expires, @Now)",
            new { Id = Guid.CreateVersion7(), UserId = userId, Hash = PasswordResets.Hash(token), Expires = now.AddMinutes(30), Now = now });
        return token;
    }
}
