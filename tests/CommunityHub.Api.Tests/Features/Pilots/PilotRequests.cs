using System.Net;
using CommunityHub.Api.Features.Pilots;
using CommunityHub.Api.Infrastructure.Data;
using CommunityHub.Api.Tests.Infrastructure;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace CommunityHub.Api.Tests.Features.Pilots;

/// <summary>Builders for pilot bodies and helpers that walk a pilot through its stages.</summary>
public static class PilotRequests
{
    public static Dictionary<string, object?> Body(
        Guid owner, string title = "Penkkikahvila kuntouttavassa työtoiminnassa", string theme = "work", string municipality = "614",
        Guid? partnership = null, params Guid[] team) => new()
    {
        ["title"] = title,
        ["theme"] = theme,
        ["problem"] = "Kuntouttavan työtoiminnan tehtävät koettiin yksitoikkoisiksi.",
        ["hypothesis"] = "Oma kahvila lisää säännöllistä osallistumista.",
        ["municipalityCode"] = municipality,
        ["partnershipId"] = partnership,
        ["ownerMemberId"] = owner,
        ["team"] = team.Select(m => new { memberId = m, role = "Ohjaus" }).ToArray(),
        ["plannedStart"] = "2026-05-01",
        ["plannedEnd"] = "2026-09-30",
        ["startedOn"] = null,
        ["endedOn"] = null,
        ["budgetEur"] = 8500.50m,
        ["metrics"] = new object[]
        {
            new { name = "Säännöllisesti osallistuvat", unit = "henkilöä", baseline = 7, target = 12, actual = (decimal?)null },
            new { name = "Läsnäolo", unit = "%", baseline = 55.5m, target = 75, actual = (decimal?)null },
        },
        ["evaluation"] = new { results = (string?)null, impact = (string?)null, learnings = (string?)null, recommendation = (string?)null },
    };

    public static async Task<PilotResponse> CreateAsync(HttpClient client, Dictionary<string, object?> body)
    {
        var response = await client.PostJsonAsync("/api/v1/pilots", body).ShouldBe(HttpStatusCode.Created);
        return await response.ReadAsync<PilotResponse>();
    }

    public static async Task<PilotResponse> MoveAsync(HttpClient client, Guid id, string to, string? note = "Siirto")
    {
        var response = await client.PostJsonAsync($"/api/v1/pilots/{id}/transitions", new { to, note }).ShouldBe(HttpStatusCode.OK);
        return await response.ReadAsync<PilotResponse>();
    }

    /// <summary>Moves a new pilot along the line to <paramref name="stage"/>; for final stages it records results first.</summary>
    public static async Task<PilotResponse> WalkToAsync(HttpClient client, Guid owner, string stage, Dictionary<string, object?>? body = null)
    {
        body ??= Body(owner);
        var pilot = await CreateAsync(client, body);
        string[] line = ["decided", "preparing", "running", "evaluating"];
        if (stage == "discontinued")
        {
            return await MoveAsync(client, pilot.Id, "discontinued", "Rahoitus päättyi");
        }
        foreach (var next in line)
        {
            if (stage == "idea")
            {
                break;
            }
            pilot = await MoveAsync(client, pilot.Id, next);
            if (next == stage)
            {
                return pilot;
            }
        }
        if (stage == "adopted")
        {
            body["startedOn"] = Date(pilot.StartedOn);
            body["evaluation"] = new { results = "Osallistujia 13, läsnäolo 78 %.", impact = "Kaksi työkokeiluun.", learnings = (string?)null, recommendation = "Pysyväksi." };
            await client.PutJsonAsync($"/api/v1/pilots/{pilot.Id}", body).ShouldBe(HttpStatusCode.OK);
            pilot = await MoveAsync(client, pilot.Id, "adopted");
        }
        pilot.Stage.ShouldBe(Api.Infrastructure.Http.EnumText.Parse<PilotStage>(stage));
        return pilot;
    }

    public static string? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// A live partnership row to link pilots to. The partnerships API is built on another branch, so this writes the
    /// columns of the skeleton table that pilots validate against (id, municipality, timestamps, version).
    /// </summary>
    /// <summary>A real partnership, created through its own endpoint, for pilots to link to.</summary>
    public static async Task<Guid> CreatePartnershipAsync(ApiFactory factory, string municipality = "614")
    {
        var admin = await factory.AdminAsync();
        return (await Partnerships.PartnershipRequests.CreateAsync(admin, municipality)).Id;
    }
}
