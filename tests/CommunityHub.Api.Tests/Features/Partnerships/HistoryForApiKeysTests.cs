using System.Net;
using System.Text.Json;
using CommunityHub.Api.Tests.Features.ApiKeys;
using CommunityHub.Api.Tests.Features.Members;
using CommunityHub.Api.Tests.Features.Pilots;
using CommunityHub.Api.Tests.Infrastructure;
using Shouldly;

namespace CommunityHub.Api.Tests.Features.Partnerships;

/// <summary>History shown to an API key leaves out who made the change (staff names and user ids are personal data).</summary>
public sealed class HistoryForApiKeysTests(SqliteApiFactory factory) : IClassFixture<SqliteApiFactory>
{
    private static void ShouldNameNobody(JsonElement entry, string idField, string nameField)
    {
        (!entry.TryGetProperty(idField, out var id) || id.ValueKind == JsonValueKind.Null).ShouldBeTrue($"{idField} in {entry}");
        (!entry.TryGetProperty(nameField, out var name) || name.ValueKind == JsonValueKind.Null).ShouldBeTrue($"{nameField} in {entry}");
    }

    [Fact]
    public async Task Partnership_history_names_the_actor_to_staff_but_not_to_an_api_key()
    {
        var admin = await factory.AdminAsync();
        var partnership = await PartnershipRequests.CreateAsync(admin);
        await PartnershipRequests.MoveToAsync(admin, partnership.Id, "negotiation");
        var key = await ApiKeyRequests.CreateAsync(admin, ["partnerships:read"]);

        var forStaff = (await (await admin.GetAsync($"/api/v1/partnerships/{partnership.Id}/history")).JsonAsync()).GetProperty("items")[0];
        forStaff.GetProperty("byName").GetString().ShouldNotBeNullOrEmpty();
        forStaff.GetProperty("byId").GetString().ShouldNotBeNullOrEmpty();

        var response = await factory.WithKey(key.Key).GetAsync($"/api/v1/partnerships/{partnership.Id}/history").ShouldBe(HttpStatusCode.OK);
        var items = (await response.JsonAsync()).GetProperty("items");
        items.GetArrayLength().ShouldBe(1);
        items[0].GetProperty("to").GetString().ShouldBe("negotiation");
        ShouldNameNobody(items[0], "byId", "byName");
    }

    [Fact]
    public async Task Pilot_history_names_the_actor_to_staff_but_not_to_an_api_key()
    {
        var admin = await factory.AdminAsync();
        var owner = await MemberRequests.CreateAsync(admin, MemberRequests.Body("Pilotin Omistaja ry", "614"));
        var pilot = await PilotRequests.CreateAsync(admin, PilotRequests.Body(owner.Id));
        await PilotRequests.MoveAsync(admin, pilot.Id, "decided");
        var key = await ApiKeyRequests.CreateAsync(admin, ["pilots:read"]);

        var forStaff = (await (await admin.GetAsync($"/api/v1/pilots/{pilot.Id}/history")).JsonAsync()).GetProperty("items")[0];
        forStaff.GetProperty("actorName").GetString().ShouldNotBeNullOrEmpty();

        var response = await factory.WithKey(key.Key).GetAsync($"/api/v1/pilots/{pilot.Id}/history").ShouldBe(HttpStatusCode.OK);
        var items = (await response.JsonAsync()).GetProperty("items");
        items.GetArrayLength().ShouldBe(1);
        items[0].GetProperty("to").GetString().ShouldBe("decided");
        ShouldNameNobody(items[0], "actorId", "actorName");
    }

    [Fact]
    public async Task A_review_names_its_writer_to_staff_but_not_to_an_api_key()
    {
        var admin = await factory.AdminAsync();
        var partnership = await PartnershipRequests.CreateAsync(admin);
        var created = await (await admin.PostJsonAsync(
                $"/api/v1/partnerships/{partnership.Id}/reviews", PartnershipRequests.Review("2026-05-31", (partnership.Goals[0].Id, 20))).ShouldBe(HttpStatusCode.Created))
            .JsonAsync();
        created.GetProperty("reviewedBy").GetString().ShouldNotBeNullOrEmpty();
        var reviewId = created.GetProperty("id").GetString();
        var key = await ApiKeyRequests.CreateAsync(admin, ["partnerships:read"]);
        var machine = factory.WithKey(key.Key);

        var listed = (await (await machine.GetAsync($"/api/v1/partnerships/{partnership.Id}/reviews").ShouldBe(HttpStatusCode.OK)).JsonAsync())
            .GetProperty("items");
        listed.GetArrayLength().ShouldBe(1);
        (!listed[0].TryGetProperty("reviewedBy", out var byInList) || byInList.ValueKind == JsonValueKind.Null).ShouldBeTrue(listed[0].ToString());
        var single = await (await machine.GetAsync($"/api/v1/partnerships/{partnership.Id}/reviews/{reviewId}").ShouldBe(HttpStatusCode.OK)).JsonAsync();
        (!single.TryGetProperty("reviewedBy", out var byInOne) || byInOne.ValueKind == JsonValueKind.Null).ShouldBeTrue(single.ToString());
        single.GetProperty("summary").GetString().ShouldNotBeNullOrEmpty();
    }
}
