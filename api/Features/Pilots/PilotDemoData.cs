using System.Security.Claims;
using System.Text.Json;
using CommunityHub.Api.Infrastructure.Data.DemoData;

namespace CommunityHub.Api.Features.Pilots;

/// <summary>
/// Seeds the demo pilots through the normal commands and walks each one to its stage by transitions, so history,
/// change-feed and audit rows exist as if people had done it. Runs after members (10) and partnerships (20); a
/// partnership key that was not seeded just leaves the pilot unlinked.
/// </summary>
public sealed class PilotDemoData(IMediator mediator, IHttpContextAccessor accessor, AuthSettings settings) : IDemoDataSeeder
{
    private const string Note = "Demoaineisto";

    public int Order => 30;

    public async Task SeedAsync(DemoDataSet data, CancellationToken ct)
    {
        // Pilot writes check who is acting; seeding acts as a named staff principal (also what the audit records),
        // never by relaxing the handlers' checks for callers without a user.
        var previous = accessor.HttpContext;
        accessor.HttpContext = new DefaultHttpContext { User = SeedingPrincipal() };
        try
        {
            foreach (var element in data.Section("pilots"))
            {
                await SeedPilotAsync(data, element, ct);
            }
        }
        finally
        {
            accessor.HttpContext = previous;
        }
    }

    private async Task SeedPilotAsync(DemoDataSet data, JsonElement element, CancellationToken ct)
    {
        var input = element.Deserialize<PilotInput>(Json.Options)! with
        {
            OwnerMemberId = data.Id(element.GetProperty("ownerMemberKey").GetString()!),
            PartnershipId = element.TryGetProperty("partnershipKey", out var key) && key.ValueKind == JsonValueKind.String
                && data.Keys.TryGetValue(key.GetString()!, out var partnershipId) ? partnershipId : null,
            Team = element.TryGetProperty("team", out var team) && team.ValueKind == JsonValueKind.Array
                ? team.EnumerateArray()
                    .Select(t => new PilotTeamInput(data.Id(t.GetProperty("memberKey").GetString()!), t.TryGetProperty("role", out var role) ? role.GetString() : null))
                    .ToList()
                : [],
        };
        var pilot = await mediator.Send(new CreatePilotCommand(input), ct);
        data.Keys[element.GetProperty("key").GetString()!] = pilot.Id;

        var target = EnumText.Parse<PilotStage>(element.GetProperty("stage").GetString()!);
        foreach (var stage in Path(target, !string.IsNullOrWhiteSpace(input.Evaluation?.Results)))
        {
            await mediator.Send(new TransitionPilotCommand(pilot.Id, new PilotTransitionInput(stage, Note), null), ct);
        }
    }

    /// <summary>The moves from idea to the target: along the line, ending via evaluation when results exist.</summary>
    internal static IReadOnlyList<PilotStage> Path(PilotStage target, bool hasResults)
    {
        PilotStage[] line = [PilotStage.Decided, PilotStage.Preparing, PilotStage.Running, PilotStage.Evaluating];
        return target switch
        {
            PilotStage.Idea => [],
            PilotStage.Adopted => [.. line, PilotStage.Adopted],
            PilotStage.Discontinued => hasResults ? [.. line, PilotStage.Discontinued] : [PilotStage.Discontinued],
            _ => line[..(Array.IndexOf(line, target) + 1)],
        };
    }

    private ClaimsPrincipal SeedingPrincipal() => new(new ClaimsIdentity(
        [
            new Claim(Claims.Subject, "system:demo-data"),
            new Claim(Claims.Name, "Demo data"),
            new Claim(settings.RoleClaim, Roles.Staff),
        ],
        authenticationType: "DemoData"));
}
