using CommunityHub.Api.Infrastructure.Time;

namespace CommunityHub.Api.Features.Mail;

/// <summary>
/// One delivery pass over the outbox. Safe on several instances against one database: a message is sent only by the
/// instance whose atomic <c>UPDATE … WHERE lease is free</c> took it, and every later write is guarded by that lease.
/// A message waits while an older message to the same address is still pending (so a person reads "you are on the
/// waiting list" before "you have a seat"). A failure is retried with exponential backoff for
/// <see cref="MailOptions.RetryHours"/>, then the message is marked failed. Delivery is at-least-once: a process that
/// dies between the server's acceptance and the "sent" write sends again after the lease ends, with the same
/// Message-ID, so receiving servers can drop the repeat.
/// </summary>
public sealed class MailSender(Db db, IMailTransport transport, MailOptions options, TimeProvider clock, ILogger<MailSender> logger)
{
    private static readonly TimeSpan PruneEvery = TimeSpan.FromMinutes(10);
    private DateTimeOffset lastPrune = DateTimeOffset.MinValue;

    /// <summary>How long a taken message stays with its taker: longer than any SMTP conversation.</summary>
    private TimeSpan LeaseLength => TimeSpan.FromSeconds((options.TimeoutSeconds * 3) + 60);

    /// <summary>Body retention (<c>Privacy:MailRetentionDays</c>), set by the privacy feature.</summary>
    public int RetentionDays { get; set; } = 30;

    /// <summary>
    /// Sends what is due now; returns how many messages were sent. The hosted service calls this in a loop; tests call it
    /// directly (no sleeps).
    /// </summary>
    public async Task<int> RunOnceAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        await PruneAsync(now, ct);
        var owner = Guid.NewGuid();
        var taken = await TakeAsync(owner, now, ct);
        if (taken.Count == 0)
        {
            return 0;
        }
        var sent = new List<Guid>();
        IMailConnection? connection = null;
        try
        {
            foreach (var row in taken)
            {
                try
                {
                    connection ??= await transport.OpenAsync(ct);
                    await connection.SendAsync(MailMessageBuilder.Build(row, options), ct);
                }
                catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    logger.LogWarning("Mail {Id} ({Kind}) was not delivered (attempt {Attempt}): {Error}", row.Id, row.Kind, row.Attempts + 1, e.Message);
                    await FailAsync(row, owner, e, ct);
                    if (connection is not null)
                    {
                        // The conversation may be broken; the next message starts a new one.
                        await connection.DisposeAsync();
                        connection = null;
                    }
                    continue;
                }
                sent.Add(row.Id);
            }
        }
        finally
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }
            // One write for the pass's deliveries rather than one per message: registrations wait for every write on
            // SQLite. A process that dies before it sends these again after the lease, with the same Message-ID.
            await MarkSentAsync(sent, owner);
            await ReleaseAsync(owner);
        }
        return sent.Count;
    }

    /// <summary>Passes until nothing more is due now (for tests and the benchmark); returns how many were sent.</summary>
    public async Task<int> DrainAsync(CancellationToken ct = default)
    {
        var total = 0;
        for (var sent = await RunOnceAsync(ct); sent > 0; sent = await RunOnceAsync(ct))
        {
            total += sent;
        }
        return total;
    }

    private async Task<IReadOnlyList<MailRow>> TakeAsync(Guid owner, DateTimeOffset now, CancellationToken ct)
    {
        // In line with the content writes (not ahead of them): under a burst of registrations the messages wait a
        // little, the registrations do not.
        await using var scope = await db.BeginWriteAsync(ct);
        var due = (await scope.Connection.QueryAsync<Guid>(new CommandDefinition(
            $"""
            SELECT o.id FROM mail_outbox o
            WHERE o.status = 'pending' AND o.next_attempt_at <= @Now AND (o.lease_until IS NULL OR o.lease_until < @Now)
                AND NOT EXISTS (SELECT 1 FROM mail_outbox p
                    WHERE p.recipient_normalized = o.recipient_normalized AND p.status = 'pending' AND p.id < o.id)
            ORDER BY o.id {db.Dialect.Limit("@Take")}
            """,
            new { Now = now, Take = options.BatchSize },
            scope.Transaction,
            cancellationToken: ct))).ToList();
        if (due.Count == 0)
        {
            await scope.CommitAsync(ct);
            return [];
        }
        await scope.Connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE mail_outbox SET lease_owner = @Owner, lease_until = @Until
            WHERE id IN @Ids AND status = 'pending' AND (lease_until IS NULL OR lease_until < @Now)
            """,
            new { Ids = due.Select(i => i.ToString()).ToList(), Owner = owner, Until = now + LeaseLength, Now = now },
            scope.Transaction,
            cancellationToken: ct));
        var rows = (await scope.Connection.QueryAsync<MailRow>(new CommandDefinition(
            $"SELECT {MailRow.Columns} FROM mail_outbox WHERE lease_owner = @Owner ORDER BY id",
            new { Owner = owner },
            scope.Transaction,
            cancellationToken: ct))).ToList();
        await scope.CommitAsync(ct);
        return rows;
    }

    private async Task MarkSentAsync(IReadOnlyList<Guid> ids, Guid owner)
    {
        if (ids.Count == 0)
        {
            return;
        }
        await using var scope = await db.BeginShortWriteAsync(CancellationToken.None);
        await scope.Connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE mail_outbox SET status = 'sent', sent_at = @Now, attempts = attempts + 1, last_error = NULL,
                lease_owner = NULL, lease_until = NULL
            WHERE id IN @Ids AND lease_owner = @Owner
            """,
            new { Ids = ids.Select(i => i.ToString()).ToList(), Owner = owner, Now = clock.GetUtcNow() },
            scope.Transaction));
        await scope.CommitAsync(CancellationToken.None);
    }

    private async Task FailAsync(MailRow row, Guid owner, Exception error, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var attempts = row.Attempts + 1;
        var failed = now - row.PendingSince >= TimeSpan.FromHours(options.RetryHours);
        var message = error.Message.Length > 500 ? error.Message[..500] : error.Message;
        await using var scope = await db.BeginShortWriteAsync(ct);
        await scope.Connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE mail_outbox SET status = @Status, attempts = @Attempts, next_attempt_at = @Next, last_error = @Error,
                lease_owner = NULL, lease_until = NULL
            WHERE id = @Id AND lease_owner = @Owner
            """,
            new
            {
                row.Id,
                Owner = owner,
                Status = failed ? MailOutbox.Failed : MailOutbox.Pending,
                Attempts = attempts,
                Next = now + Backoff(attempts, options),
                Error = $"{error.GetType().Name}: {message}",
            },
            scope.Transaction,
            cancellationToken: ct));
        await scope.CommitAsync(ct);
        if (failed)
        {
            logger.LogError("Mail {Id} ({Kind}) failed for good after {Attempts} attempts: {Error}", row.Id, row.Kind, attempts, message);
        }
    }

    /// <summary>The wait after the <paramref name="failures"/>th failure: the first backoff doubled each time, capped.</summary>
    public static TimeSpan Backoff(int failures, MailOptions options)
    {
        var seconds = options.FirstBackoffSeconds * Math.Pow(2, Math.Min(failures - 1, 30));
        return TimeSpan.FromSeconds(Math.Min(seconds, options.MaxBackoffSeconds));
    }

    private async Task ReleaseAsync(Guid owner)
    {
        try
        {
            await using var connection = await db.OpenAsync(CancellationToken.None);
            await connection.ExecuteAsync(
                "UPDATE mail_outbox SET lease_owner = NULL, lease_until = NULL WHERE lease_owner = @Owner", new { Owner = owner });
        }
        catch (Exception e) when (e is DbException or InvalidOperationException)
        {
            // The lease runs out on its own; a failed release only delays those messages.
            logger.LogWarning(e, "Could not release the mail lease {Owner}", owner);
        }
    }

    /// <summary>Clears the bodies (they hold names, links and tokens) of messages sent or failed more than the retention ago.</summary>
    private async Task PruneAsync(DateTimeOffset now, CancellationToken ct)
    {
        if (now - lastPrune < PruneEvery)
        {
            return;
        }
        lastPrune = now;
        await PruneBodiesAsync(now, ct);
    }

    internal async Task<int> PruneBodiesAsync(DateTimeOffset now, CancellationToken ct)
    {
        await using var scope = await db.BeginShortWriteAsync(ct);
        var count = await scope.Connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE mail_outbox SET text_body = NULL, html_body = NULL, calendar = NULL, body_erased_at = @Now
            WHERE body_erased_at IS NULL AND status <> 'pending' AND COALESCE(sent_at, next_attempt_at) < @Cutoff
            """,
            new { Now = now, Cutoff = now.AddDays(-RetentionDays) },
            scope.Transaction,
            cancellationToken: ct));
        await scope.CommitAsync(ct);
        return count;
    }
}

/// <summary>Runs <see cref="MailSender"/> passes: at once again after a pass that sent something, else after the poll interval.</summary>
public sealed class MailSenderService(MailSender sender, MailOptions options, TimeProvider clock, ILogger<MailSenderService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var sent = 0;
            try
            {
                sent = await sender.RunOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogError(e, "A mail delivery pass failed; the next pass retries.");
            }
            if (sent == 0 && !await Passes.WaitAsync(clock, TimeSpan.FromMilliseconds(options.PollMilliseconds), stoppingToken))
            {
                return;
            }
        }
    }
}

/// <summary>An outbox row as the sender and the mail log read it.</summary>
public sealed class MailRow
{
    public const string Columns =
        "id, kind, recipient, language, subject, text_body, html_body, calendar, message_id, reference_id, status, attempts, " +
        "pending_since, next_attempt_at, last_error, created_at, sent_at, body_erased_at";

    public Guid Id { get; init; }
    public string Kind { get; init; } = "";
    public string Recipient { get; init; } = "";
    public string Language { get; init; } = "";
    public string Subject { get; init; } = "";
    public string? TextBody { get; init; }
    public string? HtmlBody { get; init; }
    public string? Calendar { get; init; }
    public string MessageId { get; init; } = "";
    public Guid? ReferenceId { get; init; }
    public string Status { get; init; } = "";
    public int Attempts { get; init; }
    public DateTimeOffset PendingSince { get; init; }
    public DateTimeOffset NextAttemptAt { get; init; }
    public string? LastError { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? SentAt { get; init; }
    public DateTimeOffset? BodyErasedAt { get; init; }
}
