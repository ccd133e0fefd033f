using CommunityHub.Api.Features.Mail;
using CommunityHub.Api.Infrastructure.Time;

namespace CommunityHub.Api.Features.Events.Registrations;

/// <summary>
/// Queues the reminder <see cref="MailOptions.ReminderHours"/> before a published event to each confirmed registrant,
/// once per registration (<c>reminder_queued_at</c> is set in the same transaction as the message is queued, under the
/// event's lock, so two instances never both remind). Someone who registered inside that time has just had their
/// confirmation and gets no reminder.
/// </summary>
public sealed class EventReminders(Db db, RegistrationMails mails, MailOptions options, TimeProvider clock)
{
    /// <summary>One pass; returns how many reminders were queued. The hosted service calls it on a timer, tests directly.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct = default)
    {
        if (!options.Enabled || options.ReminderHours <= 0)
        {
            return 0;
        }
        var now = clock.GetUtcNow();
        var horizon = now.AddHours(options.ReminderHours);
        IReadOnlyList<Guid> due;
        await using (var connection = await db.OpenAsync(ct))
        {
            due = (await connection.QueryAsync<Guid>(new CommandDefinition(
                """
                SELECT e.id FROM events e
                WHERE e.status = 'published' AND e.deleted_at IS NULL AND e.starts_at > @Now AND e.starts_at <= @Horizon
                    AND EXISTS (SELECT 1 FROM registrations r
                        WHERE r.event_id = e.id AND r.status = 'confirmed' AND r.reminder_queued_at IS NULL AND r.personal_data_erased_at IS NULL)
                ORDER BY e.id
                """,
                new { Now = now, Horizon = horizon },
                cancellationToken: ct))).ToList();
        }
        var queued = 0;
        foreach (var eventId in due)
        {
            await using var scope = await db.BeginWriteAsync(ct);
            var current = await CommunityEventData.LockOrThrowAsync(scope, eventId, ct);
            var pending = (await scope.Connection.QueryAsync<(Guid Id, DateTimeOffset CreatedAt)>(new CommandDefinition(
                """
                SELECT id, created_at FROM registrations
                WHERE event_id = @EventId AND status = 'confirmed' AND reminder_queued_at IS NULL AND personal_data_erased_at IS NULL
                ORDER BY queue_seq
                """,
                new { EventId = eventId },
                scope.Transaction,
                cancellationToken: ct))).ToList();
            foreach (var (id, createdAt) in pending)
            {
                if (current.StatusValue == EventStatus.Published && createdAt < current.StartsAt.AddHours(-options.ReminderHours))
                {
                    await mails.ReminderAsync(scope, current, await RegistrationMails.ReadAsync(scope, id, ct), ct);
                    queued++;
                }
                await scope.Connection.ExecuteAsync(new CommandDefinition(
                    "UPDATE registrations SET reminder_queued_at = @Now WHERE id = @Id", new { Id = id, Now = now }, scope.Transaction, cancellationToken: ct));
            }
            await scope.CommitAsync(ct);
        }
        return queued;
    }
}

/// <summary>Runs <see cref="EventReminders"/> every few minutes while mail and background delivery are on.</summary>
public sealed class EventRemindersService(EventReminders reminders, MailOptions options, TimeProvider clock, ILogger<EventRemindersService> logger)
    : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Enabled || !options.BackgroundDelivery || options.ReminderHours <= 0)
        {
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await reminders.RunOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogError(e, "A reminder pass failed; the next pass retries.");
            }
            if (!await Passes.WaitAsync(clock, Interval, stoppingToken))
            {
                return;
            }
        }
    }
}
