using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CommunityHub.Api.Tests.Features.Events;
using CommunityHub.Api.Tests.Features.Members;
using CommunityHub.Api.Tests.Features.Partnerships;
using CommunityHub.Api.Tests.Features.Pilots;
using CommunityHub.Api.Tests.Features.Webhooks;
using CommunityHub.Api.Tests.Infrastructure;
using Shouldly;

namespace CommunityHub.Api.Tests.Features.OpenApi;

/// <summary>
/// A client that knows only the committed openapi.yaml and sends what its schemas accept is never refused with 400,
/// except for a rule the operation's description lists under "Rules checked by the server:". For every operation that
/// takes a body, a few random bodies are made from the schema alone (the ids of records that exist swapped in for the
/// fields that refer to them) and sent. The seed is fixed, so a failure reproduces.
/// </summary>
public sealed class RequestPropertyTests : IClassFixture<SqliteApiFactory>
{
    private const int Seed = 20261207;
    private const int BodiesPerOperation = 4;

    private static readonly OpenApiContract Spec = OpenApiContract.Load(Path.Combine(RepoPaths.Root, "openapi.yaml"));

    private readonly SqliteApiFactory factory;

    public RequestPropertyTests(SqliteApiFactory factory)
    {
        this.factory = factory;
        WebhookRequests.Configure(factory);
    }

    [Fact]
    public async Task Bodies_valid_by_the_schema_are_refused_only_for_listed_rules()
    {
        var admin = await factory.AdminAsync();
        var (city, association) = await PartnershipRequests.MembersAsync(admin);
        var partnership = await PartnershipRequests.CreateAsync(admin, PartnershipRequests.Body(city, association));
        var pilot = await PilotRequests.CreateAsync(admin, PilotRequests.Body(association, partnership: partnership.Id));
        var communityEvent = await EventRequests.PublishedAsync(admin, EventRequests.Body([association], DateTimeOffset.UtcNow.AddDays(20)));
        var member = await MemberRequests.CreateAsync(admin, MemberRequests.Body($"Ominaisuustesti {Guid.NewGuid():N}"));
        var contact = await (await admin.PostJsonAsync($"/api/v1/members/{member.Id}/contacts", new { name = "Kaisa Kontakti" })
            .ShouldBe(HttpStatusCode.Created)).JsonAsync();
        var user = await (await admin.PostJsonAsync("/api/v1/users", new { email = $"u{Guid.NewGuid():N}@example.fi", displayName = "Ulla", role = "viewer", password = "Pitkä-ja-harvinainen-77" })
            .ShouldBe(HttpStatusCode.Created)).JsonAsync();
        var webhook = await (await admin.PostJsonAsync("/api/v1/webhooks", new { url = "https://vastaanotin.example/muutokset", types = new[] { "members" } })
            .ShouldBe(HttpStatusCode.Created)).JsonAsync();

        // A path's ids by the collection before them; a body's references by field name.
        var paths = new Dictionary<string, Guid>(StringComparer.Ordinal)
        {
            ["members"] = member.Id,
            ["contacts"] = contact.GetProperty("id").GetGuid(),
            ["partnerships"] = partnership.Id,
            ["pilots"] = pilot.Id,
            ["events"] = communityEvent.Id,
            ["users"] = user.GetProperty("id").GetGuid(),
            ["webhooks"] = webhook.GetProperty("id").GetGuid(),
        };
        Guid[] members = [city, association, member.Id];
        var references = new Dictionary<string, Guid[]>(StringComparer.Ordinal)
        {
            ["memberId"] = members,
            ["ownerMemberId"] = members,
            ["organizerIds"] = members,
            ["partnershipId"] = [partnership.Id],
            ["pilotId"] = [pilot.Id],
            ["goalId"] = partnership.Goals.Select(g => g.Id).ToArray(),
        };

        var refused = new List<string>();
        var invalid = new List<string>();
        var sent = 0;
        foreach (var operation in Spec.Operations.Where(o => o.HasBody).OrderBy(o => o.Id, StringComparer.Ordinal))
        {
            var random = new Random(Seed ^ StableHash(operation.Id));
            var bodies = new SchemaBodies(Spec.Document, random, references);
            var listed = ValidationSchemaTests.Listed(operation.Node);
            var url = Regex.Replace(operation.Template, @"/([^/{}]+)/\{[^}]+\}", m =>
                $"/{m.Groups[1].Value}/{(paths.TryGetValue(m.Groups[1].Value, out var id) ? id : Guid.NewGuid())}");
            url = Regex.Replace(url, @"\{[^}]+\}", _ => Guid.NewGuid().ToString());
            for (var i = 0; i < BodiesPerOperation; i++)
            {
                var body = bodies.Value(operation.Node["requestBody"]!["content"]!["application/json"]!["schema"])!.ToJsonString();
                var problems = Spec.CheckRequestBody(operation, body);
                if (problems.Count > 0)
                {
                    invalid.Add($"{operation.Id}: the generator made a body its schema refuses: {string.Join("; ", problems)}");
                    continue;
                }
                using var request = new HttpRequestMessage(new HttpMethod(operation.Method), url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
                var response = await admin.SendAsync(request);
                sent++;
                var answer = await response.Content.ReadAsStringAsync();
                if ((int)response.StatusCode >= 500)
                {
                    refused.Add($"{operation.Id} answered {(int)response.StatusCode} to {body}: {answer}");
                }
                else if (response.StatusCode == HttpStatusCode.BadRequest)
                {
                    var fields = JsonDocument.Parse(answer).RootElement.TryGetProperty("errors", out var errors)
                        ? errors.EnumerateObject().Select(e => e.Name).ToList()
                        : ["(no field)"];
                    var unlisted = fields.Where(field => !Covered(field, listed)).ToList();
                    if (unlisted.Count > 0)
                    {
                        refused.Add($"{operation.Id} refused {string.Join(", ", unlisted)}, which its description does not list, in {body}: {answer}");
                    }
                }
            }
        }
        invalid.ShouldBeEmpty(string.Join("\n", invalid));
        refused.ShouldBeEmpty(string.Join("\n", refused));
        sent.ShouldBeGreaterThan(BodiesPerOperation * 20);
    }

    /// <summary>A field in an error (<c>parties[2].memberId</c>) is covered by a listed rule on it, its list or its list's items.</summary>
    private static bool Covered(string field, IReadOnlyDictionary<string, string> listed)
    {
        var path = Regex.Replace(field, @"\[\d+\]", "[]");
        return listed.Keys.Any(rule => path == rule || path.StartsWith(rule + "[", StringComparison.Ordinal) || path.StartsWith(rule + ".", StringComparison.Ordinal));
    }

    private static int StableHash(string text) => text.Aggregate(17, (hash, c) => unchecked((hash * 31) + c));
}
