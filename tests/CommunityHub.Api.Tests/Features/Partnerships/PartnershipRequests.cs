using System.Net;
using CommunityHub.Api.Features.Partnerships;
using CommunityHub.Api.Tests.Features.Members;
using CommunityHub.Api.Tests.Infrastructure;

namespace CommunityHub.Api.Tests.Features.Partnerships;

/// <summary>Builders for partnership bodies and a few calls most tests make.</summary>
public static class PartnershipRequests
{
    public static async Task<(Guid Municipality, Guid Coordinator)> MembersAsync(HttpClient staff, string municipalityCode = "564")
    {
        var city = await MemberRequests.CreateAsync(staff, MemberRequests.Body($"Kunta {municipalityCode} {Guid.NewGuid():N}", municipalityCode, "municipality"));
        var association = await MemberRequests.CreateAsync(staff, MemberRequests.Body($"Kumppanuuskeskus {Guid.NewGuid():N}", municipalityCode));
        return (city.Id, association.Id);
    }

    public static Dictionary<string, object?> Body(
        Guid municipalityMember,
        Guid coordinator,
        string title = "Kumppanuuskeskuksen tukirakenne",
        string municipalityCode = "564",
        string serviceArea = "social_health") => new()
        {
            ["title"] = title,
            ["description"] = "Neuvontapiste ja yhteiset tilat järjestöille.",
            ["municipalityCode"] = municipalityCode,
            ["serviceArea"] = serviceArea,
            ["startsOn"] = "2026-01-01",
            ["endsOn"] = "2027-12-31",
            ["agreementRef"] = "OUKA/4127/02.08.00/2025",
            ["reviewIntervalMonths"] = 6,
            ["parties"] = new object[]
            {
                new { memberId = municipalityMember, role = "municipality", responsibilities = "Rahoittaa tukirakenteen." },
                new { memberId = coordinator, role = "coordinator", responsibilities = "Vastaa neuvontapisteestä." },
            },
            ["goals"] = new object[]
            {
                new { title = "Neuvontapiste palvelee kuntalaisia", indicator = "Asiointikerrat vuodessa", target = "6 000" },
                new { title = "Uudet järjestöt löytävät verkoston", indicator = "Uudet kumppanit", target = "5 vuodessa" },
            },
        };

    public static async Task<PartnershipResponse> CreateAsync(HttpClient staff, Dictionary<string, object?> body)
    {
        var response = await staff.PostJsonAsync("/api/v1/partnerships", body).ShouldBe(HttpStatusCode.Created);
        return await response.ReadAsync<PartnershipResponse>();
    }

    public static async Task<PartnershipResponse> CreateAsync(HttpClient staff, string municipalityCode = "564", string title = "Kumppanuuskeskuksen tukirakenne")
    {
        var (city, association) = await MembersAsync(staff, municipalityCode);
        return await CreateAsync(staff, Body(city, association, title, municipalityCode));
    }

    public static Task<HttpResponseMessage> TransitionAsync(HttpClient client, Guid id, string to, string? note = null, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/partnerships/{id}/transitions")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { to, note }, options: CommunityHub.Api.Infrastructure.Http.Json.Options),
        };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }
        return client.SendAsync(request);
    }

    /// <summary>Moves a new (draft) partnership to <paramref name="status"/> along the legal path.</summary>
    public static async Task<PartnershipResponse> MoveToAsync(HttpClient staff, Guid id, string status)
    {
        string[] path = status switch
        {
            "draft" => [],
            "negotiation" => ["negotiation"],
            "active" => ["negotiation", "active"],
            "ended" => ["negotiation", "active", "ended"],
            "cancelled" => ["cancelled"],
            _ => throw new ArgumentOutOfRangeException(nameof(status)),
        };
        PartnershipResponse? last = null;
        foreach (var step in path)
        {
            last = await (await TransitionAsync(staff, id, step).ShouldBe(HttpStatusCode.OK)).ReadAsync<PartnershipResponse>();
        }
        return last ?? await (await staff.GetAsync($"/api/v1/partnerships/{id}")).ReadAsync<PartnershipResponse>();
    }

    public static Dictionary<string, object?> ToBody(PartnershipResponse p) => new()
    {
        ["title"] = p.Title,
        ["description"] = p.Description,
        ["municipalityCode"] = p.MunicipalityCode,
        ["serviceArea"] = p.ServiceArea,
        ["startsOn"] = p.StartsOn,
        ["endsOn"] = p.EndsOn,
        ["agreementRef"] = p.AgreementRef,
        ["reviewIntervalMonths"] = p.ReviewIntervalMonths,
        ["parties"] = p.Parties.Select(x => new { memberId = x.MemberId, role = x.Role, responsibilities = x.Responsibilities }).ToArray(),
        ["goals"] = p.Goals.Select(g => new { id = (Guid?)g.Id, title = g.Title, indicator = g.Indicator, target = g.Target }).ToArray(),
    };

    public static object Review(string reviewedOn, params (Guid GoalId, int Progress)[] progress) => new
    {
        reviewedOn,
        summary = "Asiointi kasvoi, kun aukioloa laajennettiin iltaan.",
        goalProgress = progress.Select(p => new { goalId = p.GoalId, progress = p.Progress, comment = $"{p.Progress} %" }).ToArray(),
        nextSteps = "Digituvan pilotti syksyllä.",
    };
}
