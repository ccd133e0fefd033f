using System.Text;
using CommunityHub.Api.Features.Events;
using Shouldly;

namespace CommunityHub.Api.Tests.Features.Events;

public sealed class EventLifecycleTests
{
    [Theory]
    [InlineData(EventStatus.Draft, EventStatus.Published)]
    [InlineData(EventStatus.Draft, EventStatus.Cancelled)]
    [InlineData(EventStatus.Published, EventStatus.Completed)]
    [InlineData(EventStatus.Published, EventStatus.Cancelled)]
    public void Allowed_moves(EventStatus from, EventStatus to) => EventLifecycle.CanMove(from, to).ShouldBeTrue();

    [Theory]
    [InlineData(EventStatus.Draft, EventStatus.Completed)]
    [InlineData(EventStatus.Draft, EventStatus.Draft)]
    [InlineData(EventStatus.Published, EventStatus.Draft)]
    [InlineData(EventStatus.Completed, EventStatus.Published)]
    [InlineData(EventStatus.Completed, EventStatus.Cancelled)]
    [InlineData(EventStatus.Cancelled, EventStatus.Published)]
    [InlineData(EventStatus.Cancelled, EventStatus.Draft)]
    public void Illegal_moves(EventStatus from, EventStatus to) => EventLifecycle.CanMove(from, to).ShouldBeFalse();

    [Fact]
    public void Completed_and_cancelled_are_final_and_only_published_takes_registrations()
    {
        EventLifecycle.IsFinal(EventStatus.Completed).ShouldBeTrue();
        EventLifecycle.IsFinal(EventStatus.Cancelled).ShouldBeTrue();
        EventLifecycle.IsFinal(EventStatus.Published).ShouldBeFalse();
        EventLifecycle.Allowed(EventStatus.Draft).ShouldBe([EventStatus.Published, EventStatus.Cancelled]);
        Enum.GetValues<EventStatus>().Where(EventLifecycle.TakesRegistrations).ShouldBe([EventStatus.Published]);
    }
}

public sealed class ICalendarWriterTests
{
    [Fact]
    public void Escape_handles_backslash_semicolon_comma_and_every_newline_form()
    {
        ICalendarWriter.Escape("a\\b;c,d\r\ne\nf\rg").ShouldBe("a\\\\b\\;c\\,d\\ne\\nf\\ng");
    }

    [Fact]
    public void Fold_keeps_every_line_within_75_octets_and_never_splits_a_multibyte_character()
    {
        var line = "SUMMARY:" + string.Concat(Enumerable.Repeat("Hyvää yötä ja ääliöiden öljyä 😀 ", 12));
        var parts = ICalendarWriter.Fold(line).ToList();
        parts.Count.ShouldBeGreaterThan(1);
        parts.ShouldAllBe(p => Encoding.UTF8.GetByteCount(p) <= 75);
        parts.Skip(1).ShouldAllBe(p => p.StartsWith(' '));
        // Strict UTF-8 decoding of each segment's own bytes succeeds only if no sequence was cut.
        var strict = new UTF8Encoding(false, throwOnInvalidBytes: true);
        foreach (var part in parts)
        {
            strict.GetString(Encoding.UTF8.GetBytes(part)).ShouldBe(part);
            part.ShouldNotContain('\uFFFD');
        }
        (parts[0] + string.Concat(parts.Skip(1).Select(p => p[1..]))).ShouldBe(line);
    }

    [Fact]
    public void Fold_never_separates_a_backslash_from_the_character_it_escapes()
    {
        var line = "SUMMARY:" + string.Concat(Enumerable.Repeat("ab\\,", 60));
        var parts = ICalendarWriter.Fold(line).ToList();
        parts.Count.ShouldBeGreaterThan(2);
        parts.ShouldAllBe(p => Encoding.UTF8.GetByteCount(p) <= 75);
        foreach (var part in parts.Take(parts.Count - 1))
        {
            var trailingBackslashes = part.Length - part.TrimEnd('\\').Length;
            (trailingBackslashes % 2).ShouldBe(0, $"a fold split an escape: '{part}'");
        }
        (parts[0] + string.Concat(parts.Skip(1).Select(p => p[1..]))).ShouldBe(line);
    }

    [Fact]
    public void Short_lines_are_not_folded()
    {
        ICalendarWriter.Fold("VERSION:2.0").ShouldBe(["VERSION:2.0"]);
        var exactly75 = "X:" + new string('a', 73);
        ICalendarWriter.Fold(exactly75).ShouldBe([exactly75]);
    }
}

/// <summary>Who may change an event's organiser list: staff anyone, a member editor only its own member.</summary>
public sealed class EventOrganizerRuleTests
{
    private static readonly Guid Own = Guid.CreateVersion7();
    private static readonly Guid City = Guid.CreateVersion7();
    private static readonly Guid Third = Guid.CreateVersion7();

    private sealed record Caller(CommunityHub.Api.Infrastructure.Security.Role? Role, Guid? MemberId)
        : CommunityHub.Api.Infrastructure.Security.ICurrentUser
    {
        public bool IsAuthenticated => Role is not null;
        public string? Subject => "test";
        public string? DisplayName => "Test";
        public bool IsApiKey => false;
        public string? MunicipalityScope => null;
        public bool HasScope(string scope) => false;
    }

    private static readonly Caller Editor = new(CommunityHub.Api.Infrastructure.Security.Role.MemberEditor, Own);

    [Fact]
    public void Editor_may_add_or_remove_only_its_own_member()
    {
        EventAccess.MayChangeOrganizers(Editor, [], [Own]).ShouldBeTrue();
        EventAccess.MayChangeOrganizers(Editor, [City, Own], [City]).ShouldBeTrue("stepping down itself");
        EventAccess.MayChangeOrganizers(Editor, [City, Own], [Own, City]).ShouldBeTrue("order does not matter");
        EventAccess.MayChangeOrganizers(Editor, [City], [City, Own]).ShouldBeTrue("the rule itself; managing the event is checked apart");
        EventAccess.MayChangeOrganizers(Editor, [], [Own, City]).ShouldBeFalse();
        EventAccess.MayChangeOrganizers(Editor, [City, Own], [Own]).ShouldBeFalse();
        EventAccess.MayChangeOrganizers(Editor, [Own], [Third]).ShouldBeFalse();
        EventAccess.MayChangeOrganizers(new Caller(CommunityHub.Api.Infrastructure.Security.Role.MemberEditor, null), [], [Own]).ShouldBeFalse();
    }

    [Fact]
    public void Staff_and_admin_change_anyone_and_viewers_no_one()
    {
        EventAccess.MayChangeOrganizers(new Caller(CommunityHub.Api.Infrastructure.Security.Role.Staff, null), [City], [Third, Own]).ShouldBeTrue();
        EventAccess.MayChangeOrganizers(new Caller(CommunityHub.Api.Infrastructure.Security.Role.Admin, null), [City], []).ShouldBeTrue();
        EventAccess.MayChangeOrganizers(new Caller(CommunityHub.Api.Infrastructure.Security.Role.Viewer, null), [], [Own]).ShouldBeFalse();
        EventAccess.MayChangeOrganizers(new Caller(null, null), [], [Own]).ShouldBeFalse();
    }
}
