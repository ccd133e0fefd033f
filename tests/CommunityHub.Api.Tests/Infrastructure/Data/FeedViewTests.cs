using CommunityHub.Api.Infrastructure.Data;
using Shouldly;

namespace CommunityHub.Api.Tests.Infrastructure.Data;

/// <summary>When a write must also append a view-exit delete (ChangeLog.LeavesSomeView).</summary>
public sealed class FeedViewTests
{
    [Theory]
    [InlineData("564", 1, "091", 1, true)] // moved: readers bound to 564 lose it
    [InlineData("564", 0, "091", 0, false)] // moved while keys could not read it: only people saw it, and they still do
    [InlineData("564", 0, "091", 1, false)] // moved and became public: nobody who saw it loses it
    [InlineData("564", 1, "091", 0, true)]
    [InlineData("564", 1, "564", 0, true)] // turned members-only or unpublished: keys lose it
    [InlineData("564", 0, "564", 1, false)] // became public: nobody loses it
    [InlineData("564", 1, "564", 1, false)] // an ordinary update
    [InlineData("564", 0, "564", 0, false)]
    [InlineData(null, 1, "564", 1, true)]
    [InlineData(null, 1, null, 1, false)]
    public void A_view_is_left_when_the_municipality_changes_or_keys_stop_seeing_it(
        string? fromMunicipality, int fromPublic, string? toMunicipality, int toPublic, bool leaves) =>
        ChangeLog.LeavesSomeView(fromMunicipality, fromPublic, toMunicipality, toPublic).ShouldBe(leaves);
}
