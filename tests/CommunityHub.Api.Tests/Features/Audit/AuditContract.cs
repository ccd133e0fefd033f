using System.Net;
using CommunityHub.Api.Features.Audit;
using CommunityHub.Api.Tests.Features.Members;
using CommunityHub.Api.Tests.Features.Pilots;
using CommunityHub.Api.Tests.Infrastructure;
using Shouldly;

namespace CommunityHub.Api.Tests.Features.Audit;

public abstract class AuditContract<TFactory>(TFactory factory) : ContractTests<TFactory>(factory)
    where TFactory : ApiFactory
{
    private static async Task<List<AuditEntry>> AllAsync(HttpClient admin, string query)
    {
        var entries = new List<AuditEntry>();
        string? cursor = null;
        do
        {
            var url = $"/api/v1/audit?{query}&limit=2" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}");
            var page = await (await admin.GetAsync(url).ShouldBe(HttpStatusCode.OK)).ReadAsync<AuditPage>();
            entries.AddRange(page.Items);
            cursor = page.NextCursor;
        }
        while (cursor is not null);
        return entries;
    }

    [Fact]
    public async Task Member_writes_are_audited_with_actor_operation_and_version()
    {
        var admin = await Factory.AdminAsync();
        var body = MemberRequests.Body("Auditoitava Yhdistys ry");
        var member = await MemberRequests.CreateAsync(admin, body);
        body["name"] = "Auditoitava Yhdistys ry (uusi nimi)";
        await admin.PutJsonAsync($"/api/v1/members/{member.Id}", body).ShouldBe(HttpStatusCode.OK);
        await admin.DeleteAsync($"/api/v1/members/{member.Id}", null).ShouldBe(HttpStatusCode.NoContent);

        var entries = await AllAsync(admin, $"entityType=members&entityId={member.Id}");
        entries.Select(e => (e.Op, e.Version)).ShouldBe([("create", 1L), ("update", 2L), ("delete", 3L)], ignoreOrder: true);
        entries.ShouldAllBe(e => e.EntityType == "members" && e.EntityId == member.Id && e.ActorName == "Administrator" && e.ActorId != null);
        entries.Select(e => e.Id).ShouldBe(entries.Select(e => e.Id).Order().ToList());
    }

    [Fact]
    public async Task Pilot_create_update_transition_and_delete_are_audited()
    {
        var admin = await Factory.AdminAsync();
        var owner = await MemberRequests.CreateAsync(admin, MemberRequests.Body("Pilotin Omistaja ry"));
        var staff = await Factory.AsAsync("staff");
        var pilot = await PilotRequests.CreateAsync(staff, PilotRequests.Body(owner.Id));
        await staff.PutJsonAsync($"/api/v1/pilots/{pilot.Id}", PilotRequests.Body(owner.Id, "Uusi otsikko")).ShouldBe(HttpStatusCode.OK);
        await PilotRequests.MoveAsync(staff, pilot.Id, "decided");
        await admin.DeleteAsync($"/api/v1/pilots/{pilot.Id}", null).ShouldBe(HttpStatusCode.NoContent);

        var entries = await AllAsync(admin, $"entityId={pilot.Id}");
        entries.Select(e => (e.Op, e.Version)).ShouldBe([("create", 1L), ("update", 2L), ("transition", 3L), ("delete", 4L)], ignoreOrder: true);
        entries.ShouldAllBe(e => e.EntityType == "pilots");
        entries.Where(e => e.Op != "delete").ShouldAllBe(e => e.ActorName == "Test staff");
        // Other tests in this class share the database, so check the type filter by this pilot's entries only.
        var byType = await AllAsync(admin, "entityType=pilots");
        byType.ShouldAllBe(e => e.EntityType == "pilots");
        byType.Count(e => e.EntityId == pilot.Id).ShouldBe(4);
        (await AllAsync(admin, $"entityType=members&entityId={pilot.Id}")).ShouldBeEmpty();
    }

    [Fact]
    public async Task Failed_writes_leave_no_audit_entry()
    {
        var admin = await Factory.AdminAsync();
        var first = MemberRequests.Body("Ensimmäinen ry");
        var member = await MemberRequests.CreateAsync(admin, first);
        var pilot = await PilotRequests.CreateAsync(admin, PilotRequests.Body(member.Id));
        var before = await AllAsync(admin, "entityType=members");
        var pilotBefore = await AllAsync(admin, $"entityId={pilot.Id}");

        var duplicate = MemberRequests.Body("Toinen ry");
        duplicate["businessId"] = first["businessId"];
        await admin.PostJsonAsync("/api/v1/members", duplicate).ShouldBeProblem(HttpStatusCode.Conflict);
        await admin.PutJsonAsync($"/api/v1/members/{member.Id}", first, "\"7\"").ShouldBeProblem(HttpStatusCode.PreconditionFailed);
        await admin.PutJsonAsync($"/api/v1/pilots/{pilot.Id}", PilotRequests.Body(member.Id), "\"9\"").ShouldBeProblem(HttpStatusCode.PreconditionFailed);
        await admin.PostJsonAsync($"/api/v1/pilots/{pilot.Id}/transitions", new { to = "running" }).ShouldBeProblem(HttpStatusCode.Conflict);
        await admin.PostJsonAsync($"/api/v1/pilots/{pilot.Id}/transitions", new { to = "discontinued" }).ShouldBeProblem(HttpStatusCode.BadRequest, "note");
        await admin.PutJsonAsync($"/api/v1/pilots/{pilot.Id}", PilotRequests.Body(member.Id, partnership: Guid.CreateVersion7()))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "partnershipId");

        (await AllAsync(admin, "entityType=members")).ShouldBe(before);
        (await AllAsync(admin, $"entityId={pilot.Id}")).ShouldBe(pilotBefore);
        pilotBefore.Single().Op.ShouldBe("create");
    }

    [Fact]
    public async Task Only_admins_read_the_audit_and_bad_queries_are_400()
    {
        await Factory.Anonymous().GetAsync("/api/v1/audit").ShouldBeProblem(HttpStatusCode.Unauthorized);
        var staff = await Factory.AsAsync("staff");
        await staff.GetAsync("/api/v1/audit").ShouldBeProblem(HttpStatusCode.Forbidden);
        var admin = await Factory.AdminAsync();
        await admin.GetAsync("/api/v1/audit?entityId=abc").ShouldBeProblem(HttpStatusCode.BadRequest, "entityId");
        await admin.GetAsync("/api/v1/audit?entityType=Robert'); DROP TABLE audit;--").ShouldBeProblem(HttpStatusCode.BadRequest, "entityType");
        await admin.GetAsync("/api/v1/audit?limit=0").ShouldBeProblem(HttpStatusCode.BadRequest, "limit");
        await admin.GetAsync("/api/v1/audit?cursor=bm9wZQ").ShouldBeProblem(HttpStatusCode.BadRequest, "cursor");
        await admin.GetAsync("/api/v1/audit?entityType=users").ShouldBe(HttpStatusCode.OK);
    }
}

public sealed class AuditSqliteTests(SqliteApiFactory factory) : AuditContract<SqliteApiFactory>(factory);

public sealed class AuditSqlServerTests(SqlServerApiFactory factory) : AuditContract<SqlServerApiFactory>(factory);
