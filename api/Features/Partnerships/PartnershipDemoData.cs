using System.Text.Json;
using CommunityHub.Api.Features.Partnerships.Reviews;
using CommunityHub.Api.Infrastructure.Data.DemoData;

namespace CommunityHub.Api.Features.Partnerships;

/// <summary>
/// Seeds the demo partnerships through the normal commands: created as drafts, moved along the lifecycle by
/// transitions (reviews are recorded once the agreement is active, before it ends), so history, feed and audit exist.
/// </summary>
public sealed class PartnershipDemoData(IMediator mediator) : IDemoDataSeeder
{
    public int Order => 20;

    public async Task SeedAsync(DemoDataSet data, CancellationToken ct)
    {
        foreach (var element in data.Section("partnerships"))
        {
            var parties = element.GetProperty("parties").EnumerateArray()
                .Select(p => new PartyInput(
                    data.Id(p.GetProperty("memberKey").GetString()!),
                    p.GetProperty("role").Deserialize<PartyRole>(Json.Options),
                    Text(p, "responsibilities")))
                .ToList();
            var goalKeys = new List<string>();
            var goals = new List<GoalInput>();
            foreach (var goal in Array(element, "goals"))
            {
                goalKeys.Add(goal.GetProperty("key").GetString()!);
                goals.Add(new GoalInput(null, Text(goal, "title"), Text(goal, "indicator"), Text(goal, "target")));
            }
            var input = element.Deserialize<PartnershipInput>(Json.Options)! with { Parties = parties, Goals = goals };
            var partnership = await mediator.Send(new CreatePartnershipCommand(input), ct);
            data.Keys[element.GetProperty("key").GetString()!] = partnership.Id;
            var goalIds = goalKeys.Zip(partnership.Goals, (key, goal) => (key, goal.Id)).ToDictionary(g => g.key, g => g.Id);

            var target = element.TryGetProperty("status", out var status)
                ? status.Deserialize<PartnershipStatus>(Json.Options)
                : PartnershipStatus.Draft;
            var reviews = Array(element, "reviews").ToList();
            foreach (var step in PartnershipLifecycle.PathTo(target))
            {
                if (step is PartnershipStatus.Ended or PartnershipStatus.Cancelled)
                {
                    await ReviewAsync(partnership.Id, reviews, goalIds, ct);
                    reviews.Clear();
                }
                await mediator.Send(new TransitionPartnershipCommand(partnership.Id, new PartnershipTransitionInput(step, Note(step)), null), ct);
            }
            await ReviewAsync(partnership.Id, reviews, goalIds, ct);
        }
    }

    private async Task ReviewAsync(Guid partnershipId, IEnumerable<JsonElement> reviews, Dictionary<string, Guid> goalIds, CancellationToken ct)
    {
        foreach (var review in reviews)
        {
            var progress = Array(review, "goalProgress")
                .Select(g => new GoalProgressInput(goalIds[g.GetProperty("goalKey").GetString()!], g.GetProperty("progress").GetInt32(), Text(g, "comment")))
                .ToList();
            var input = new PartnershipReviewInput(
                review.GetProperty("reviewedOn").Deserialize<DateOnly>(Json.Options), Text(review, "summary"), progress, Text(review, "nextSteps"));
            await mediator.Send(new CreatePartnershipReviewCommand(partnershipId, input, null), ct);
        }
    }

    private static string? Note(PartnershipStatus step) => step switch
    {
        PartnershipStatus.Negotiation => "Neuvottelut käynnistyivät.",
        PartnershipStatus.Active => "Sopimus allekirjoitettu.",
        PartnershipStatus.Ended => "Sopimuskausi päättyi; loppuarviointi tehty.",
        PartnershipStatus.Cancelled => "Osapuolet päättivät luopua sopimuksesta.",
        _ => null,
    };

    private static IEnumerable<JsonElement> Array(JsonElement element, string name) =>
        element.TryGetProperty(name, out var array) && array.ValueKind == JsonValueKind.Array ? array.EnumerateArray() : [];

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
