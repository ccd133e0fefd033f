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
