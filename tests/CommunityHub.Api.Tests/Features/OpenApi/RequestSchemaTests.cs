using System.Net;
using System.Text.Json;
using CommunityHub.Api.Tests.Features.Events;
using CommunityHub.Api.Tests.Infrastructure;
using Shouldly;

namespace CommunityHub.Api.Tests.Features.OpenApi;

/// <summary>
/// Request schemas require exactly what the API refuses a body without; response schemas keep requiring everything
/// the API always sends. Checked on the served document and against the API itself.
/// </summary>
public sealed class RequestSchemaTests(SqliteApiFactory factory) : IClassFixture<SqliteApiFactory>
{
    private async Task<JsonElement> SchemaAsync(string name)
    {
        var document = JsonDocument.Parse(await factory.Anonymous().GetStringAsync("/openapi/v1.json")).RootElement;
        return document.GetProperty("components").GetProperty("schemas").GetProperty(name);
    }

    private static string[] Required(JsonElement schema) =>
        schema.TryGetProperty("required", out var required) ? required.EnumerateArray().Select(r => r.GetString()!).ToArray() : [];

    /// <summary>The component schemas reachable from <paramref name="roots"/> through <c>$ref</c>s, by name.</summary>
    private static HashSet<string> Reached(JsonElement schemas, IEnumerable<JsonElement> roots)
    {
        var reached = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<JsonElement>(roots);
        while (pending.TryPop(out var node))
        {
            if (node.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in node.EnumerateArray())
                {
                    pending.Push(item);
                }
                continue;
            }
            if (node.ValueKind != JsonValueKind.Object)
            {
                continue;
            }
            foreach (var property in node.EnumerateObject())
            {
                if (property.Name == "$ref" && property.Value.GetString() is { } target && target.StartsWith("#/components/schemas/", StringComparison.Ordinal))
                {
                    var name = target["#/components/schemas/".Length..];
                    if (reached.Add(name))
                    {
                        pending.Push(schemas.GetProperty(name));
                    }
                }
                else
                {
                    pending.Push(property.Value);
                }
            }
        }
        return reached;
    }

    [Fact]
    public async Task Member_input_requires_only_name_kind_and_municipality_and_its_optional_shapes_nothing()
    {
        Required(await SchemaAsync("MemberInput")).ShouldBe(["name", "kind", "municipalityCode"], ignoreOrder: true);
        Required(await SchemaAsync("MembershipInput")).ShouldBeEmpty();
        Required(await SchemaAsync("MemberAddressInput")).ShouldBeEmpty();
        Required(await SchemaAsync("PilotEvaluationInput")).ShouldBeEmpty();
        Required(await SchemaAsync("ContactInput")).ShouldBe(["name"]);
        Required(await SchemaAsync("PilotTransitionInput")).ShouldBe(["to"]);
        Required(await SchemaAsync("FeedbackInput")).ShouldBe(["rating", "cancelToken"]);
    }

    [Fact]
    public async Task Event_input_requires_its_times_and_organisers()
    {
        Required(await SchemaAsync("CommunityEventInput"))
            .ShouldBe(["title", "startsAt", "endsAt", "municipalityCode", "organizerIds"], ignoreOrder: true);
    }

    [Fact]
    public async Task Nested_input_types_require_what_their_child_rules_refuse_to_see_missing()
    {
        Required(await SchemaAsync("PartyInput")).ShouldBe(["memberId", "role"], ignoreOrder: true);
        Required(await SchemaAsync("GoalInput")).ShouldBe(["title"]);
        Required(await SchemaAsync("GoalProgressInput")).ShouldBe(["goalId", "progress"], ignoreOrder: true);
        Required(await SchemaAsync("PilotTeamInput")).ShouldBe(["memberId"]);
        Required(await SchemaAsync("PilotMetricInput")).ShouldBe(["name"]);
        Required(await SchemaAsync("EventVenueInput")).ShouldBe(["name"]);
    }

    [Fact]
    public async Task Response_schemas_still_require_every_property_they_always_carry()
    {
        Required(await SchemaAsync("MemberResponse")).ShouldContain("description");
        Required(await SchemaAsync("MemberResponse")).ShouldContain("membership");
        Required(await SchemaAsync("ContactResponse")).ShouldContain("phone");
    }

    [Fact]
    public async Task Nested_shapes_of_responses_require_every_property_they_always_carry()
    {
        Required(await SchemaAsync("Membership")).ShouldBe(["status", "joinedOn", "endedOn"], ignoreOrder: true);
        Required(await SchemaAsync("MemberAddress")).ShouldBe(["street", "postalCode", "city"], ignoreOrder: true);
        Required(await SchemaAsync("EventVenue")).ShouldBe(["name", "street", "city"], ignoreOrder: true);
        Required(await SchemaAsync("PilotEvaluation")).ShouldBe(["results", "impact", "learnings", "recommendation"], ignoreOrder: true);
        // A member always has a membership status (active unless set), so the answer never carries null there.
        (await SchemaAsync("Membership")).GetProperty("properties").GetProperty("status").TryGetProperty("$ref", out _).ShouldBeTrue();
    }

    /// <summary>
    /// A request schema lists only what validation refuses a body without, a response schema everything the API always
    /// sends: one object schema cannot say both, so no object shape may serve a request body and a response.
    /// </summary>
    [Fact]
    public async Task No_object_schema_serves_both_a_request_body_and_a_response()
    {
        var document = JsonDocument.Parse(await factory.Anonymous().GetStringAsync("/openapi/v1.json")).RootElement;
        var schemas = document.GetProperty("components").GetProperty("schemas");
        var operations = document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject())
            .Where(operation => operation.Value.ValueKind == JsonValueKind.Object && operation.Value.TryGetProperty("responses", out _))
            .Select(operation => operation.Value)
            .ToList();
        var requests = Reached(schemas, operations.Where(o => o.TryGetProperty("requestBody", out _)).Select(o => o.GetProperty("requestBody")));
        var responses = Reached(schemas, operations.Select(o => o.GetProperty("responses")));

        requests.Intersect(responses)
            .Where(name => schemas.GetProperty(name).TryGetProperty("properties", out _))
            .Order()
            .ShouldBeEmpty();
    }

    [Fact]
    public async Task A_member_with_only_the_required_fields_is_created()
    {
        var admin = await factory.AdminAsync();
        var created = await (await admin.PostJsonAsync("/api/v1/members", new { name = "Pelkistetty ry", kind = "association", municipalityCode = "564" })
            .ShouldBe(HttpStatusCode.Created)).JsonAsync();
        created.GetProperty("description").ValueKind.ShouldBe(JsonValueKind.Null);
        created.GetProperty("membership").GetProperty("status").GetString().ShouldBe("active");
    }

    [Fact]
    public async Task An_event_venue_without_a_name_is_a_400_naming_the_nested_field()
    {
        var admin = await factory.AdminAsync();
        var organizer = await EventRequests.MemberAsync(admin);
        var body = EventRequests.Body([organizer], DateTimeOffset.UtcNow.AddDays(3));
        body["venue"] = new { street = "Kauppakatu 4", city = "Jyväskylä" };
        await admin.PostJsonAsync("/api/v1/events", body).ShouldBeProblem(HttpStatusCode.BadRequest, "venue.name");
    }

    [Fact]
    public async Task Erasing_personal_data_requires_the_email_and_says_so_in_finnish()
    {
        Required(await SchemaAsync("PersonalDataEraseRequest")).ShouldBe(["email"]);
        var admin = await factory.AdminAsync();
        // Test clients ask for English; without Accept-Language the API answers in Finnish.
        admin.DefaultRequestHeaders.AcceptLanguage.Clear();
        var problem = await admin.PostJsonAsync("/api/v1/privacy/subjects/erase", new { email = "ei-osoite" })
            .ShouldBeProblem(HttpStatusCode.BadRequest, "email");
        problem.GetProperty("errors").GetProperty("email")[0].GetString().ShouldBe("Sähköpostiosoite ei kelpaa.");
    }

    [Fact]
    public async Task An_event_without_organisers_is_a_400_naming_the_field()
    {
        var admin = await factory.AdminAsync();
        var body = EventRequests.Body([], DateTimeOffset.UtcNow.AddDays(3));
        body.Remove("organizerIds");
        await admin.PostJsonAsync("/api/v1/events", body).ShouldBeProblem(HttpStatusCode.BadRequest, "organizerIds");
    }
}
