using CommunityHub.Api.Features.Pilots;
using Shouldly;

namespace CommunityHub.Api.Tests.Features.Pilots;

/// <summary>The lifecycle rules on their own, without HTTP or a database.</summary>
public sealed class PilotStagesTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);
    private static readonly DateOnly Started = new(2026, 3, 9);

    public static TheoryData<PilotStage, PilotStage[]> AllowedMoves => new()
    {
        { PilotStage.Idea, [PilotStage.Decided, PilotStage.Discontinued] },
        { PilotStage.Decided, [PilotStage.Preparing, PilotStage.Discontinued] },
        { PilotStage.Preparing, [PilotStage.Running, PilotStage.Discontinued] },
        { PilotStage.Running, [PilotStage.Evaluating, PilotStage.Discontinued] },
        { PilotStage.Evaluating, [PilotStage.Adopted, PilotStage.Discontinued] },
        { PilotStage.Adopted, [] },
        { PilotStage.Discontinued, [] },
    };

    [Theory]
    [MemberData(nameof(AllowedMoves))]
    public void Allowed_lists_exactly_the_next_stage_and_discontinued_for_non_final_stages(PilotStage from, PilotStage[] expected)
    {
        PilotStages.Allowed(from).ShouldBe(expected);
        PilotStages.IsFinal(from).ShouldBe(expected.Length == 0);
    }

    [Theory]
    [MemberData(nameof(AllowedMoves))]
    public void Every_move_not_allowed_is_refused_with_the_allowed_list(PilotStage from, PilotStage[] allowed)
    {
        foreach (var to in Enum.GetValues<PilotStage>().Except(allowed))
        {
            var decision = PilotStages.Decide(from, to, "syy", Started, null, hasEvaluationResults: true, Today);
            decision.Accepted.ShouldBeFalse($"{from} → {to}");
            decision.Refusal.ShouldBe(PilotStages.IsFinal(from) ? StageRefusal.FinalStage : StageRefusal.NotAllowed);
            decision.Allowed.ShouldBe(allowed);
        }
    }

    [Theory]
    [MemberData(nameof(AllowedMoves))]
    public void Every_allowed_move_is_accepted_when_its_guards_hold(PilotStage from, PilotStage[] allowed)
    {
        foreach (var to in allowed)
        {
            PilotStages.Decide(from, to, "syy", Started, null, hasEvaluationResults: true, Today).Accepted.ShouldBeTrue($"{from} → {to}");
        }
    }

    [Fact]
    public void Running_sets_started_on_to_today_only_when_empty()
    {
        PilotStages.Decide(PilotStage.Preparing, PilotStage.Running, null, null, null, false, Today).StartedOn.ShouldBe(Today);
        PilotStages.Decide(PilotStage.Preparing, PilotStage.Running, null, Started, null, false, Today).StartedOn.ShouldBe(Started);
        PilotStages.Decide(PilotStage.Preparing, PilotStage.Running, null, null, null, false, Today).EndedOn.ShouldBeNull();
    }

    [Fact]
    public void Evaluating_needs_started_on()
    {
        PilotStages.Decide(PilotStage.Running, PilotStage.Evaluating, null, null, null, false, Today).Refusal.ShouldBe(StageRefusal.NeedsStartedOn);
        var ok = PilotStages.Decide(PilotStage.Running, PilotStage.Evaluating, null, Started, null, false, Today);
        ok.Accepted.ShouldBeTrue();
        ok.StartedOn.ShouldBe(Started);
    }

    [Theory]
    [InlineData(PilotStage.Adopted)]
    [InlineData(PilotStage.Discontinued)]
    public void Leaving_evaluating_needs_evaluation_results_whatever_the_note(PilotStage to)
    {
        PilotStages.Decide(PilotStage.Evaluating, to, "muistiinpano", Started, null, false, Today).Refusal
            .ShouldBe(StageRefusal.NeedsEvaluationResults);
        PilotStages.Decide(PilotStage.Evaluating, to, null, Started, null, true, Today).Accepted.ShouldBeTrue();
    }

    [Theory]
    [InlineData(PilotStage.Idea)]
    [InlineData(PilotStage.Decided)]
    [InlineData(PilotStage.Preparing)]
    [InlineData(PilotStage.Running)]
    public void Discontinuing_before_evaluation_needs_only_a_note(PilotStage from)
    {
        PilotStages.Decide(from, PilotStage.Discontinued, null, null, null, false, Today).Refusal.ShouldBe(StageRefusal.NeedsNote);
        PilotStages.Decide(from, PilotStage.Discontinued, "  ", null, null, false, Today).Refusal.ShouldBe(StageRefusal.NeedsNote);
        PilotStages.Decide(from, PilotStage.Discontinued, "Rahoitus päättyi", null, null, false, Today).Accepted.ShouldBeTrue();
    }

    [Fact]
    public void Entering_a_final_stage_sets_ended_on_only_when_empty()
    {
        var ended = new DateOnly(2026, 10, 31);
        PilotStages.Decide(PilotStage.Evaluating, PilotStage.Adopted, null, Started, null, true, Today).EndedOn.ShouldBe(Today);
        PilotStages.Decide(PilotStage.Evaluating, PilotStage.Adopted, null, Started, ended, true, Today).EndedOn.ShouldBe(ended);
        PilotStages.Decide(PilotStage.Idea, PilotStage.Discontinued, "syy", null, null, false, Today).EndedOn.ShouldBe(Today);
        PilotStages.Decide(PilotStage.Decided, PilotStage.Preparing, null, null, null, false, Today).EndedOn.ShouldBeNull();
    }

    [Fact]
    public void Finnish_date_is_the_helsinki_calendar_date_not_the_utc_one()
    {
        // 22:30 UTC in November is 00:30 the next day in Helsinki (UTC+2); in July (UTC+3) 21:30 UTC is already tomorrow.
        PilotStages.FinnishDate(new DateTimeOffset(2026, 11, 22, 22, 30, 0, TimeSpan.Zero)).ShouldBe(new DateOnly(2026, 11, 23));
        PilotStages.FinnishDate(new DateTimeOffset(2026, 11, 22, 21, 30, 0, TimeSpan.Zero)).ShouldBe(new DateOnly(2026, 11, 22));
        PilotStages.FinnishDate(new DateTimeOffset(2026, 7, 14, 21, 30, 0, TimeSpan.Zero)).ShouldBe(new DateOnly(2026, 7, 15));
    }
}
