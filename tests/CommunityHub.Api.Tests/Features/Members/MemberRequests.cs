using System.Net;
using CommunityHub.Api.Features.Members;
using CommunityHub.Api.Tests.Infrastructure;

namespace CommunityHub.Api.Tests.Features.Members;

/// <summary>Builders for member bodies, with valid Y-tunnus values generated on demand.</summary>
public static class MemberRequests
{
    private static int counter = 100000;

    /// <summary>A fresh, valid Y-tunnus (the check digit computed as the rule says).</summary>
    public static string NextBusinessId()
    {
        while (true)
        {
            var digits = Interlocked.Increment(ref counter).ToString("D7", System.Globalization.CultureInfo.InvariantCulture);
            int[] weights = [7, 9, 10, 5, 8, 4, 2];
            var sum = digits.Select((c, i) => (c - '0') * weights[i]).Sum();
            var remainder = sum % 11;
            if (remainder == 1)
            {
                continue;
            }
            return $"{digits}-{(remainder == 0 ? 0 : 11 - remainder)}";
        }
    }

    public static Dictionary<string, object?> Body(string name, string municipality = "564", string kind = "association", params string[] sectors) => new()
    {
        ["name"] = name,
        ["businessId"] = NextBusinessId(),
        ["kind"] = kind,
        ["sectors"] = sectors,
        ["municipalityCode"] = municipality,
        ["description"] = "Testijäsen",
        ["website"] = "https://example.fi",
        ["email"] = "info@example.fi",
        ["phone"] = "+358 40 123 4567",
        ["address"] = new { street = "Kansankatu 53", postalCode = "90100", city = "Oulu" },
        ["membership"] = new { status = "active", joinedOn = "2020-01-15" },
    };

    public static async Task<MemberResponse> CreateAsync(HttpClient staff, Dictionary<string, object?> body)
    {
        var response = await staff.PostJsonAsync("/api/v1/members", body).ShouldBe(HttpStatusCode.Created);
        return await response.ReadAsync<MemberResponse>();
    }
}
