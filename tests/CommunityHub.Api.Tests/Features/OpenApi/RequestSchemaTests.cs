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

    [Fact]
    public async Task Member_input_requires_only_name_kind_and_municipality_and_nested_shapes_nothing()
    {
        Required(await SchemaAsync("MemberInput")).ShouldBe(["name", "kind", "municipalityCode"], ignoreOrder: true);
        Required(await SchemaAsync("Membership")).ShouldBeEmpty();
        Required(await SchemaAsync("MemberAddress")).ShouldBeEmpty();
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
    public async Task Response_schemas_still_require_every_property_they_always_carry()
    {
        Required(await SchemaAsync("MemberResponse")).ShouldContain("description");
        Required(await SchemaAsync("MemberResponse")).ShouldContain("membership");
        Required(await SchemaAsync("ContactResponse")).ShouldContain("phone");
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
    public async Task An_event_without_organisers_is_a_400_naming_the_field()
    {
        var admin = await factory.AdminAsync();
        var body = EventRequests.Body([], DateTimeOffset.UtcNow.AddDays(3));
        body.Remove("organizerIds");
        await admin.PostJsonAsync("/api/v1/events", body).ShouldBeProblem(HttpStatusCode.BadRequest, "organizerIds");
    }
}
