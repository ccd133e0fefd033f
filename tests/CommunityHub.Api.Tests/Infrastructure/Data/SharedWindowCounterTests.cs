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
}
