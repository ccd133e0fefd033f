
namespace CommunityHub.Api.Infrastructure.Data;

/// <summary>What one request may do under a shared fixed-window limit, and what to tell the caller about it.</summary>
/// <param name="Allowed">Whether the request may go on.</param>
/// <param name="Remaining">Permits left in the window, as far as this instance knows.</param>
/// <param name="ResetSeconds">Seconds until the window ends (at least 1).</param>
public readonly record struct WindowPermit(bool Allowed, long Remaining, long ResetSeconds);

// The in-memory half of the counter: the blocks of permits an instance holds and hands out (the database statement is in
// SharedWindowCounter.cs).
public sealed partial class SharedWindowCounter
{
    /// <summary>
    /// This instance's share of one counter's window: the permits it took and has not handed out yet, and the shared
    /// count as of its last write to it.
    /// </summary>
    internal sealed class Lease
    {
        private readonly Lock gate = new();
        private long windowEnd;
        private long sharedUsed;
        private long held;
        // Which window of this instance a background write belongs to: one that lands after the window ended is dropped.
        private long generation;
        // Permits of a window started from memory (TryStartWindow) not yet charged to the shared count.
        private int uncharged;
        private bool reserving;

        public SemaphoreSlim Refilling { get; } = new(1, 1);

        /// <summary>The background write in flight, or the last one (for tests to wait on).</summary>
        public Task Reserving { get; set; } = Task.CompletedTask;

        /// <summary>A background write to the shared count: how many permits it adds, and for which window.</summary>
        public sealed record Reservation(int Take, long Generation, bool Charge);

        public bool EndedBy(long now)
        {
            lock (gate)
            {
                return now >= windowEnd;
            }
        }

        /// <summary>A permit from memory, a refusal when the window is spent for everyone, or null to ask the database.</summary>
        public WindowPermit? TryTake(long now, int limit)
        {
            lock (gate)
            {
                return now >= windowEnd ? null : TryTakeLocked(now, limit);
            }
        }

        /// <summary>
        /// When the window this instance knew has ended: starts the next one from memory with a block of
        /// <paramref name="block"/> permits, one of them for the request at hand, to be charged to the shared count in
        /// the background. Null for a counter this instance has not used yet (its first request asks the database) and
        /// with blocks of one (every request is counted as it comes).
        /// </summary>
        public WindowPermit? TryStartWindow(long now, int windowSeconds, int block, int limit)
        {
            lock (gate)
            {
                if (now < windowEnd)
                {
                    return TryTakeLocked(now, limit);
                }
                if (windowEnd == 0 || block <= 1)
                {
                    return null;
                }
                generation++;
                windowEnd = now + windowSeconds;
                sharedUsed = block;
                held = block - 1;
                uncharged = block;
                return new WindowPermit(true, Remaining(limit), windowSeconds);
            }
        }

        private WindowPermit? TryTakeLocked(long now, int limit)
        {
            if (held > 0)
            {
                held--;
                return new WindowPermit(true, Remaining(limit), windowEnd - now);
            }
            return sharedUsed >= limit ? new WindowPermit(false, 0, windowEnd - now) : null;
        }

        /// <summary>
        /// Takes in the shared count after this instance added <paramref name="take"/> to it: the permits within the
        /// limit are this instance's, one of them for the request at hand.
        /// </summary>
        public WindowPermit Refill(long now, long windowEnd, long used, int take, int limit)
        {
            lock (gate)
            {
                var granted = Math.Clamp(limit - (used - take), 0, take);
                if (windowEnd == this.windowEnd)
                {
                    // A reservation may have landed since the request found nothing: keep what it brought.
                    sharedUsed = Math.Max(sharedUsed, used);
                    held += Math.Max(0, granted - 1);
                }
                else
                {
                    generation++;
                    uncharged = 0;
                    this.windowEnd = windowEnd;
                    sharedUsed = used;
                    held = Math.Max(0, granted - 1);
                }
                return new WindowPermit(granted > 0, granted > 0 ? Remaining(limit) : 0, Math.Max(1, windowEnd - now));
            }
        }

        /// <summary>
        /// The background write this lease needs now, if none is running: the charge of a window started from memory,
        /// or the next block once less than a block is held (so one is reserved before the one in hand runs out). None
        /// with blocks of one: every request is counted as it comes.
        /// </summary>
        public Reservation? BeginReserve(int block, int limit)
        {
            lock (gate)
            {
                if (reserving || windowEnd == 0 || block <= 1)
                {
                    return null;
                }
                if (uncharged > 0)
                {
                    reserving = true;
                    return new Reservation(uncharged, generation, Charge: true);
                }
                if (held >= block || sharedUsed >= limit)
                {
                    return null;
                }
                reserving = true;
                return new Reservation(block, generation, Charge: false);
            }
        }

        /// <summary>Takes in what a background write brought (<see cref="BeginReserve"/>).</summary>
        public void Settle(Reservation reservation, long windowEnd, long used, int limit)
        {
            lock (gate)
            {
                if (reservation.Generation != generation)
                {
                    return;
                }
                var granted = Math.Clamp(limit - (used - reservation.Take), 0, reservation.Take);
                if (reservation.Charge)
                {
                    // The block was handed out already; what the shared count did not grant is taken back from what is held.
                    uncharged = 0;
                    sharedUsed = windowEnd == this.windowEnd ? Math.Max(sharedUsed, used) : used;
                    this.windowEnd = windowEnd;
                    held = Math.Max(0, held - (reservation.Take - granted));
                }
                else if (windowEnd == this.windowEnd)
                {
                    sharedUsed = Math.Max(sharedUsed, used);
                    held += granted;
                }
                else if (windowEnd > this.windowEnd)
                {
                    // The window ended while the reservation waited: it is the first block of the next one.
                    generation++;
                    this.windowEnd = windowEnd;
                    sharedUsed = used;
                    held = granted;
                }
            }
        }

        public void EndReserve(Reservation reservation)
        {
            lock (gate)
            {
                reserving = false;
            }
        }

        private long Remaining(int limit) => Math.Max(0, limit - sharedUsed) + held;
    }
}
