
namespace CommunityHub.Api.Features.Members.Contacts;

/// <summary>
/// At start-up, stores every contact email in its normalised form (<see cref="EmailAddresses"/>). Migration 0024 did
/// what SQL can; SQLite's LOWER folds ASCII only, so an address such as <c>ÄIJÄ.TESTI@…</c> is finished here, in C#.
/// Idempotent and cheap once done: it rewrites only rows whose stored form differs, compared ordinally in C# (a SQL
/// comparison could be case-insensitive on SQL Server). Contacts are few (a handful per member).
/// </summary>
public sealed class ContactEmailNormalization(Db db, TimeProvider clock, ILogger<ContactEmailNormalization> logger) : IStartupTask
{
    public async Task RunAsync(CancellationToken ct)
    {
        List<(Guid Id, string Email)> stale;
        await using (var connection = await db.OpenAsync(ct))
        {
            stale = (await connection.QueryAsync<(Guid Id, string Email)>(new CommandDefinition(
                    "SELECT id, email FROM contacts WHERE email IS NOT NULL", cancellationToken: ct)))
                .Where(c => !string.Equals(c.Email, EmailAddresses.NormalizeOrNull(c.Email), StringComparison.Ordinal))
                .ToList();
        }
        if (stale.Count == 0)
        {
            return;
        }
        await using var scope = await db.BeginWriteAsync(ct);
        foreach (var (id, email) in stale)
        {
            await scope.Connection.ExecuteAsync(new CommandDefinition(
                "UPDATE contacts SET email = @Email, updated_at = @Now, version = version + 1 WHERE id = @Id",
                new { Id = id, Email = EmailAddresses.NormalizeOrNull(email), Now = clock.GetUtcNow() },
                scope.Transaction,
                cancellationToken: ct));
        }
        await scope.CommitAsync(ct);
        logger.LogInformation("Normalised the stored email of {Count} contacts.", stale.Count);
    }
}
