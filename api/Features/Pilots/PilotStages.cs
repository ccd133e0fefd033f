using CommunityHub.Api.Infrastructure.Time;

namespace CommunityHub.Api.Features.Pilots;

/// <summary>Why a transition was refused: a conflict with the pilot's state (409) or a missing note (400).</summary>
public enum StageRefusal
{
    None,
    FinalStage,
    NotAllowed,
    NeedsStartedOn,
    NeedsEvaluationResults,
    NeedsNote,
}

/// <summary>What a transition decides: either a refusal with the moves that are allowed, or the dates to store.</summary>
public sealed record StageDecision(StageRefusal Refusal, string? Message, IReadOnlyList<PilotStage> Allowed, DateOnly? StartedOn, DateOnly? EndedOn)
{
    public bool Accepted => Refusal == StageRefusal.None;
}

/// <summary>
/// The pilot lifecycle as pure rules: idea → decided → preparing → running → evaluating → adopted | discontinued,
/// and any non-final stage → discontinued. Kept free of I/O so the rules are tested directly.
/// </summary>
public static class PilotStages
{
    private static readonly PilotStage[] Line =
        [PilotStage.Idea, PilotStage.Decided, PilotStage.Preparing, PilotStage.Running, PilotStage.Evaluating];

    /// <summary>The calendar date in Finland at an instant: the date a transition fills into startedOn / endedOn.</summary>
    public static DateOnly FinnishDate(DateTimeOffset instant) => Helsinki.DateAt(instant);

    public static bool IsFinal(PilotStage stage) => stage is PilotStage.Adopted or PilotStage.Discontinued;

    /// <summary>The stages reachable from <paramref name="from"/> in one move, in lifecycle order.</summary>
    public static IReadOnlyList<PilotStage> Allowed(PilotStage from) => from switch
    {
        PilotStage.Evaluating => [PilotStage.Adopted, PilotStage.Discontinued],
        _ when IsFinal(from) => [],
        _ => [Line[Array.IndexOf(Line, from) + 1], PilotStage.Discontinued],
    };

    /// <summary>
    /// Decides a move. Entering <c>running</c> sets <c>startedOn</c> to today when empty; <c>evaluating</c> needs
    /// <c>startedOn</c>; leaving <c>evaluating</c> needs evaluation results; <c>discontinued</c> from an earlier stage
    /// needs a note instead; entering a final stage sets <c>endedOn</c> to today when empty.
    /// </summary>
    public static StageDecision Decide(
        PilotStage from, PilotStage to, string? note, DateOnly? startedOn, DateOnly? endedOn, bool hasEvaluationResults, DateOnly today)
    {
        var allowed = Allowed(from);
        if (IsFinal(from))
        {
            return Refuse(StageRefusal.FinalStage, Texts.Get("pilot.final", Label(from)), allowed);
        }
        if (!allowed.Contains(to))
        {
            return Refuse(
                StageRefusal.NotAllowed,
                Texts.Get("pilot.transitionNotAllowed", Label(from), Label(to), string.Join(", ", allowed.Select(Label))),
                allowed);
        }
        if (to == PilotStage.Evaluating && startedOn is null)
        {
            return Refuse(StageRefusal.NeedsStartedOn, Texts.Get("pilot.needsStartedOn"), allowed);
        }
        if (from == PilotStage.Evaluating && !hasEvaluationResults)
        {
            return Refuse(
                StageRefusal.NeedsEvaluationResults,
                Texts.Get("pilot.needsResults", Label(to)),
                allowed);
        }
        if (to == PilotStage.Discontinued && from != PilotStage.Evaluating && string.IsNullOrWhiteSpace(note))
        {
            return Refuse(StageRefusal.NeedsNote, Texts.Get("pilot.needsNote"), allowed);
        }

        var started = to == PilotStage.Running ? startedOn ?? today : startedOn;
        var ended = IsFinal(to) ? endedOn ?? today : endedOn;
        return new StageDecision(StageRefusal.None, null, allowed, started, ended);
    }

    public static string Name(PilotStage stage) => Infrastructure.Http.EnumText.Name(stage);

    private static string Label(PilotStage stage) => Infrastructure.Http.EnumText.Label(stage);

    private static StageDecision Refuse(StageRefusal refusal, string message, IReadOnlyList<PilotStage> allowed) =>
        new(refusal, message, allowed, null, null);
}
