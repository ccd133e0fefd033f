using CommunityHub.Api.Infrastructure.Time;

namespace CommunityHub.Api.Features.Privacy;

/// <summary>
/// Erases registrants' personal data <see cref="PrivacyOptions.RegistrationRetentionDays"/> after their event ended,
/// one event per transaction, with one audit entry per event. Idempotent and safe on several instances at once: the
/// UPDATE touches only rows not yet erased, and an event whose UPDATE changed nothing (another instance was first) gets
/// no audit entry.
/// </summary>
public sealed class RegistrationRetention(IServiceScopeFactory scopes, Db db, PrivacyOptions options, AuthSettings auth, TimeProvider clock)
{
    /// <summary>One pass; returns how many registrations were erased. The hosted service calls it on a timer, tests directly.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var cutoff = now.AddDays(-options.RegistrationRetentionDays);
        var erased = 0;
        using var system = HttpCurrentUser.ActAsSystem(auth, "CommunityHub registration retention");
        foreach (var (eventId, municipality) in await PrivacyData.ExpiredEventsAsync(db, cutoff, ct))
        {
            await using var services = scopes.CreateAsyncScope();
            var changes = services.ServiceProvider.GetRequiredService<ChangeLog>();
            await using var scope = await db.BeginWriteAsync(ct);
            var count = await PrivacyData.EraseEventRegistrantsAsync(scope, eventId, cutoff, now, ct);
            if (count > 0)
            {
                await changes.RecordAsync(scope, PrivacyData.RetentionType, eventId, ChangeOp.Delete, count, municipality, ct);
            }
            await scope.CommitAsync(ct);
            erased += count;
        }
        return erased;
    }
}

/// <summary>Runs <see cref="RegistrationRetention"/> every <see cref="PrivacyOptions.RetentionIntervalMinutes"/>.</summary>
public sealed class RegistrationRetentionService(
    RegistrationRetention retention, PrivacyOptions options, TimeProvider clock, ILogger<RegistrationRetentionService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var erased = await retention.RunOnceAsync(stoppingToken);
                if (erased > 0)
                {
                    logger.LogInformation("Registration retention erased the personal data of {Count} registrations.", erased);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogError(e, "A registration retention pass failed; the next pass retries.");
            }
            if (!await Passes.WaitAsync(clock, TimeSpan.FromMinutes(options.RetentionIntervalMinutes), stoppingToken))
            {
                return;
            }
        }
    }
}
