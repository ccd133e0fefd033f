using CommunityHub.Api.Infrastructure.Data;
using Shouldly;

namespace CommunityHub.Api.Tests.Infrastructure.Data;

/// <summary>The rule by which an instance hands out permits it took from a shared fixed-window count.</summary>
public sealed class SharedWindowCounterTests
{
    private const long Now = 1_000;

    [Theory]
    [InlineData(1, 1)]
    [InlineData(60, 1)]
    [InlineData(600, 1)]
    [InlineData(1_999, 1)]
    [InlineData(100_000, 100)]
    [InlineData(100_000_000, SharedWindowCounter.MaxBlock)]
    public void A_block_is_a_thousandth_of_the_limit_between_one_and_the_maximum(int limit, int block) =>
        SharedWindowCounter.BlockFor(limit).ShouldBe(block);

    [Fact]
    public void With_blocks_of_one_every_request_asks_the_shared_count_and_remaining_is_exact()
    {
        var lease = new SharedWindowCounter.Lease();
        lease.TryTake(Now, limit: 5).ShouldBeNull();
        lease.Refill(Now, windowEnd: Now + 60, used: 3, take: 1, limit: 5).ShouldBe(new WindowPermit(true, 2, 60));
        lease.TryTake(Now + 1, limit: 5).ShouldBeNull("nothing is held, and the window is not spent");
        lease.Refill(Now + 1, windowEnd: Now + 60, used: 5, take: 1, limit: 5).ShouldBe(new WindowPermit(true, 0, 59));
        lease.TryTake(Now + 2, limit: 5).ShouldBe(new WindowPermit(false, 0, 58), "the window is spent for every instance");
    }

    [Fact]
    public void A_block_is_handed_out_from_memory_one_permit_at_a_time()
    {
        var lease = new SharedWindowCounter.Lease();
        lease.Refill(Now, windowEnd: Now + 60, used: 10, take: 10, limit: 10_000).ShouldBe(new WindowPermit(true, 9_999, 60));
        for (var remaining = 9_998; remaining >= 9_990; remaining--)
        {
            lease.TryTake(Now, limit: 10_000).ShouldBe(new WindowPermit(true, remaining, 60));
        }
        lease.TryTake(Now, limit: 10_000).ShouldBeNull("the block is used up");
    }

    [Fact]
    public void Only_the_part_of_a_block_within_the_limit_is_granted()
    {
        var lease = new SharedWindowCounter.Lease();
        // Another instance had taken 97 of 100; this one asked for 10 and got the last 3.
        lease.Refill(Now, windowEnd: Now + 60, used: 107, take: 10, limit: 100).ShouldBe(new WindowPermit(true, 2, 60));
        lease.TryTake(Now, limit: 100).ShouldBe(new WindowPermit(true, 1, 60));
        lease.TryTake(Now, limit: 100).ShouldBe(new WindowPermit(true, 0, 60));
        lease.TryTake(Now, limit: 100).ShouldBe(new WindowPermit(false, 0, 60));
        lease.Refill(Now, windowEnd: Now + 60, used: 117, take: 10, limit: 100).ShouldBe(new WindowPermit(false, 0, 60));
    }

    [Fact]
    public void Permits_held_when_the_window_ends_are_not_handed_out()
    {
        var lease = new SharedWindowCounter.Lease();
        lease.Refill(Now, windowEnd: Now + 60, used: 10, take: 10, limit: 10_000);
        lease.EndedBy(Now + 59).ShouldBeFalse();
        lease.TryTake(Now + 60, limit: 10_000).ShouldBeNull("a new window starts in the shared count");
        lease.EndedBy(Now + 60).ShouldBeTrue();
    }

    [Fact]
    public void With_blocks_of_one_nothing_is_reserved_ahead_and_a_new_window_asks_the_shared_count()
    {
        var lease = new SharedWindowCounter.Lease();
        lease.Refill(Now, windowEnd: Now + 60, used: 1, take: 1, limit: 600);
        lease.BeginReserve(block: 1, limit: 600).ShouldBeNull("held is not below a block of one: every request is counted as it comes");
        lease.TryStartWindow(Now + 60, windowSeconds: 60, block: 1, limit: 600).ShouldBeNull("a new window is counted in the shared count first");
        new SharedWindowCounter.Lease().TryStartWindow(Now, windowSeconds: 60, block: 100, limit: 100_000)
            .ShouldBeNull("a counter this instance has not used yet asks the shared count first");
    }

    [Fact]
    public void The_next_block_is_reserved_before_the_one_in_hand_runs_out_and_remaining_still_counts_one_at_a_time()
    {
        var lease = new SharedWindowCounter.Lease();
        lease.Refill(Now, windowEnd: Now + 60, used: 100, take: 100, limit: 100_000).ShouldBe(new WindowPermit(true, 99_999, 60));
        var reservation = lease.BeginReserve(block: 100, limit: 100_000).ShouldNotBeNull("less than a block is held");
        reservation.Take.ShouldBe(100);
        reservation.Charge.ShouldBeFalse();
        lease.BeginReserve(block: 100, limit: 100_000).ShouldBeNull("one reservation at a time");
        lease.TryTake(Now, limit: 100_000).ShouldBe(new WindowPermit(true, 99_998, 60));

        // Another instance took 50 meanwhile.
        lease.Settle(reservation, windowEnd: Now + 60, used: 250, limit: 100_000);
        lease.EndReserve(reservation);
        lease.TryTake(Now, limit: 100_000).ShouldBe(new WindowPermit(true, 99_947, 60));
        lease.BeginReserve(block: 100, limit: 100_000).ShouldBeNull("a block and more is held");
        for (var i = 0; i < 98; i++)
        {
            lease.TryTake(Now, limit: 100_000).ShouldNotBeNull().Allowed.ShouldBeTrue();
        }
        lease.BeginReserve(block: 100, limit: 100_000).ShouldNotBeNull("less than a block is held again");
    }

    [Fact]
    public void Nothing_is_reserved_once_the_shared_count_shows_the_window_spent()
    {
        var lease = new SharedWindowCounter.Lease();
        lease.Refill(Now, windowEnd: Now + 60, used: 100_050, take: 100, limit: 100_000).ShouldBe(new WindowPermit(true, 49, 60));
        lease.BeginReserve(block: 100, limit: 100_000).ShouldBeNull();
    }

    [Fact]
    public void A_new_window_starts_from_memory_with_one_block_charged_to_the_shared_count_in_the_background()
    {
        var lease = new SharedWindowCounter.Lease();
        lease.Refill(Now, windowEnd: Now + 60, used: 100, take: 100, limit: 100_000);
        lease.TryStartWindow(Now + 60, windowSeconds: 60, block: 100, limit: 100_000).ShouldBe(new WindowPermit(true, 99_999, 60));
        var charge = lease.BeginReserve(block: 100, limit: 100_000).ShouldNotBeNull();
        charge.Charge.ShouldBeTrue();
        charge.Take.ShouldBe(100);
        lease.TryTake(Now + 61, limit: 100_000).ShouldBe(new WindowPermit(true, 99_998, 59));

        // The shared window started a second later, when the charge reached the database, and nobody else had used it.
        lease.Settle(charge, windowEnd: Now + 121, used: 100, limit: 100_000);
        lease.EndReserve(charge);
        lease.TryTake(Now + 61, limit: 100_000).ShouldBe(new WindowPermit(true, 99_997, 60));
        lease.BeginReserve(block: 100, limit: 100_000).ShouldNotBeNull().Charge.ShouldBeFalse("now the next block is reserved as usual");
    }

    [Fact]
    public void A_window_started_from_memory_that_others_had_spent_lets_at_most_the_permits_already_handed_out_through()
    {
        var lease = new SharedWindowCounter.Lease();
        lease.Refill(Now, windowEnd: Now + 60, used: 100, take: 100, limit: 1_000_000);
        lease.TryStartWindow(Now + 60, windowSeconds: 60, block: 100, limit: 100_000).ShouldNotBeNull().Allowed.ShouldBeTrue();
        for (var i = 0; i < 9; i++)
        {
            lease.TryTake(Now + 60, limit: 100_000).ShouldNotBeNull().Allowed.ShouldBeTrue();
        }
        // Ten handed out; the shared count had only 30 left when the block of 100 was charged.
        var charge = lease.BeginReserve(block: 100, limit: 100_000).ShouldNotBeNull();
        lease.Settle(charge, windowEnd: Now + 120, used: 100_070, limit: 100_000);
        lease.EndReserve(charge);
        for (var i = 0; i < 20; i++)
        {
            lease.TryTake(Now + 60, limit: 100_000).ShouldNotBeNull().Allowed.ShouldBeTrue();
        }
        lease.TryTake(Now + 60, limit: 100_000).ShouldBe(new WindowPermit(false, 0, 60), "the 30 granted are used up, and the window is spent");
    }

    [Fact]
    public void A_reservation_that_lands_after_its_window_ended_here_is_dropped()
    {
        var lease = new SharedWindowCounter.Lease();
        lease.Refill(Now, windowEnd: Now + 60, used: 100, take: 100, limit: 100_000);
        var late = lease.BeginReserve(block: 100, limit: 100_000).ShouldNotBeNull();
        lease.TryStartWindow(Now + 60, windowSeconds: 60, block: 100, limit: 100_000).ShouldBe(new WindowPermit(true, 99_999, 60));
        lease.Settle(late, windowEnd: Now + 60, used: 200, limit: 100_000);
        lease.EndReserve(late);
        lease.TryTake(Now + 60, limit: 100_000).ShouldBe(new WindowPermit(true, 99_998, 60), "the old window's permits are not handed out");
    }
}
