using CommunityHub.Api.Features.Members;
using CommunityHub.Api.Features.Partnerships;

namespace CommunityHub.Api.Features.Pilots;

/// <summary>The lifecycle, in order; <c>adopted</c> and <c>discontinued</c> are final.</summary>
public enum PilotStage
{
    Idea,
    Decided,
    Preparing,
    Running,
    Evaluating,
    Adopted,
    Discontinued,
}

public enum PilotTheme
{
    Education,
    Work,
    Leisure,
    Wellbeing,
    Other,
}

public sealed record PilotTeamInput(Guid? MemberId, string? Role);

/// <summary>A metric sent with its <c>id</c> updates that metric; one sent without is new; one left out is removed.</summary>
public sealed record PilotMetricInput(Guid? Id, string? Name, string? Unit, decimal? Baseline, decimal? Target, decimal? Actual);

/// <summary>What the pilot showed. <c>results</c> is required before a pilot may leave <c>evaluating</c>.</summary>
public sealed record PilotEvaluationInput(string? Results, string? Impact, string? Learnings, string? Recommendation);

public sealed record PilotEvaluation(string? Results, string? Impact, string? Learnings, string? Recommendation);

/// <summary>
/// What a client sends to create or replace a pilot. <c>stage</c> and the other read-only fields of a GET response
/// are ignored: the stage changes only through transitions.
/// </summary>
public sealed record PilotInput(
    string? Title,
    PilotTheme? Theme,
    string? Problem,
    string? Hypothesis,
    string? MunicipalityCode,
    Guid? PartnershipId,
    Guid? OwnerMemberId,
    IReadOnlyList<PilotTeamInput>? Team,
    DateOnly? PlannedStart,
    DateOnly? PlannedEnd,
    DateOnly? StartedOn,
    DateOnly? EndedOn,
    decimal? BudgetEur,
    IReadOnlyList<PilotMetricInput>? Metrics,
    PilotEvaluationInput? Evaluation);

public sealed record PilotTeamMember(Guid MemberId, string? Role);

public sealed record PilotMetric(Guid Id, string Name, string? Unit, decimal? Baseline, decimal? Target, decimal? Actual);

public sealed record PilotResponse(
    Guid Id,
    string Title,
    PilotTheme Theme,
    string? Problem,
    string? Hypothesis,
    string MunicipalityCode,
    Guid? PartnershipId,
    Guid OwnerMemberId,
    IReadOnlyList<PilotTeamMember> Team,
    DateOnly? PlannedStart,
    DateOnly? PlannedEnd,
    DateOnly? StartedOn,
    DateOnly? EndedOn,
    decimal? BudgetEur,
    PilotStage Stage,
    IReadOnlyList<PilotMetric> Metrics,
    PilotEvaluation Evaluation,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    long Version) : IVersionedResource;

public sealed record PilotPage(IReadOnlyList<PilotResponse> Items, string? NextCursor);

/// <summary>A stage move. <c>note</c> is required when discontinuing before the evaluation.</summary>
public sealed record PilotTransitionInput(PilotStage? To, string? Note);

/// <summary>One kept transition: who moved the pilot, when, from which stage to which, and why.</summary>
public sealed record PilotTransitionEntry(
    int Seq, DateTimeOffset At, string? ActorId, string? ActorName, PilotStage From, PilotStage To, string? Note);

/// <summary>A pilot's transitions, oldest first. A pilot moves at most six times, so the history is never paged.</summary>
public sealed record PilotHistory(Guid PilotId, IReadOnlyList<PilotTransitionEntry> Items);

public sealed class PilotInputValidator : AbstractValidator<PilotInput>
{
    public const int MaxTeam = 50;
    public const int MaxMetrics = 50;
    // Stored as REAL on SQLite: 12 integer digits and a few decimals stay exact in a double.
    private const decimal MaxAmount = 1_000_000_000_000m;

    public PilotInputValidator()
    {
        RuleFor(p => p.Title).NotEmpty().TrimmedLength(2).WithMessage(_ => Texts.Get("title.minLength", 2))
            .MaximumLength(200);
        RuleFor(p => p.Theme).NotNull().WithMessage(_ => Texts.Get("pilot.themeRequired", EnumText.Labels<PilotTheme>()));
        RuleFor(p => p.Problem).MaximumLength(4000);
        RuleFor(p => p.Hypothesis).MaximumLength(4000);
        RuleFor(p => p.MunicipalityCode).NotEmpty().MunicipalityCode();
        RuleFor(p => p.PartnershipId).NotEqual(Guid.Empty).WithMessage(_ => Texts.Get("pilot.partnershipEmpty"));
        RuleFor(p => p.OwnerMemberId).NotNull().NotEqual(Guid.Empty).WithMessage(_ => Texts.Get("pilot.ownerRequired"));
        RuleFor(p => p.PlannedEnd).GreaterThanOrEqualTo(p => p.PlannedStart)
            .When(p => p.PlannedStart is not null && p.PlannedEnd is not null).WithMessage(_ => Texts.Get("pilot.plannedOrder"));
        RuleFor(p => p.EndedOn).GreaterThanOrEqualTo(p => p.StartedOn)
            .When(p => p.StartedOn is not null && p.EndedOn is not null).WithMessage(_ => Texts.Get("pilot.actualOrder"));
        RuleFor(p => p.BudgetEur).InclusiveBetween(0, MaxAmount).WithMessage(_ => Texts.Get("pilot.budget"));

        RuleFor(p => p.Team).ItemCount(max: MaxTeam).WithMessage(_ => Texts.Get("pilot.teamMax", MaxTeam));
        RuleFor(p => p.Team).Must(t => t is null || t.Where(m => m?.MemberId is not null).Select(m => m.MemberId).Distinct().Count() == t.Count(m => m?.MemberId is not null))
            .WithMessage(_ => Texts.Get("pilot.teamDuplicate"));
        RuleForEach(p => p.Team).NotNull().ChildRules(team =>
        {
            team.RuleFor(m => m.MemberId).NotNull().NotEqual(Guid.Empty).WithMessage(_ => Texts.Get("pilot.teamMember"));
            team.RuleFor(m => m.Role).MaximumLength(200);
        });

        RuleFor(p => p.Metrics).ItemCount(max: MaxMetrics).WithMessage(_ => Texts.Get("pilot.metricsMax", MaxMetrics));
        RuleFor(p => p.Metrics).Must(m => m is null || m.Where(x => x?.Id is not null).Select(x => x.Id).Distinct().Count() == m.Count(x => x?.Id is not null))
            .WithMessage(_ => Texts.Get("pilot.metricDuplicate"));
        RuleForEach(p => p.Metrics).NotNull().ChildRules(metric =>
        {
            metric.RuleFor(m => m.Name).NotEmpty().MaximumLength(200);
            metric.RuleFor(m => m.Unit).MaximumLength(50);
            metric.RuleFor(m => m.Baseline).InclusiveBetween(-MaxAmount, MaxAmount);
            metric.RuleFor(m => m.Target).InclusiveBetween(-MaxAmount, MaxAmount);
            metric.RuleFor(m => m.Actual).InclusiveBetween(-MaxAmount, MaxAmount);
        });

        RuleFor(p => p.Evaluation!).ChildRules(evaluation =>
        {
            evaluation.RuleFor(e => e.Results).MaximumLength(4000);
            evaluation.RuleFor(e => e.Impact).MaximumLength(4000);
            evaluation.RuleFor(e => e.Learnings).MaximumLength(4000);
            evaluation.RuleFor(e => e.Recommendation).MaximumLength(4000);
        });
    }
}

/// <summary>
/// The pilot bodies openapi.yaml shows, accepted by the API as they stand once what they name exists: the partnership
/// example and the members it joins.
/// </summary>
internal static class PilotExamples
{
    public static readonly Guid Id = Guid.Parse("0193a4c5-2e40-7f1a-b233-5d8c0e1f2a41");

    public static readonly PilotInput Pilot = new(
        Title: "Saavutettava kesätyöhaku",
        Theme: PilotTheme.Work,
        Problem: "Näkövammaiset nuoret jäävät kesätöistä, koska hakulomakkeet eivät toimi ruudunlukijalla.",
        Hypothesis: "Kun kesätöihin voi hakea puhelimitse ja saavutettavalla lomakkeella, näkövammaisten nuorten hakemukset kaksinkertaistuvat.",
        MunicipalityCode: "564",
        PartnershipId: PartnershipExamples.Id,
        OwnerMemberId: MemberExamples.AssociationId,
        Team: [new PilotTeamInput(MemberExamples.CityId, "Kesätyöhaun järjestäjä")],
        PlannedStart: new DateOnly(2027, 2, 1),
        PlannedEnd: new DateOnly(2027, 8, 31),
        StartedOn: null,
        EndedOn: null,
        BudgetEur: 18_500m,
        Metrics: [new PilotMetricInput(null, "Näkövammaisten nuorten kesätyöhakemukset", "kpl", 6, 12, null)],
        Evaluation: null);

    public static readonly PilotTransitionInput Transition = new(PilotStage.Decided, "Hyväksytty nuorisopalveluiden johtoryhmässä 12.1.2027.");
}
