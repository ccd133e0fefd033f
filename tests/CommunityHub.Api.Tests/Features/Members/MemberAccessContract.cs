using System.Net;
using System.Net.Http.Json;
using CommunityHub.Api.Features.Members;
using CommunityHub.Api.Features.Members.Contacts;
using CommunityHub.Api.Tests.Infrastructure;
using Shouldly;

namespace CommunityHub.Api.Tests.Features.Members;

/// <summary>Who may do what with members and their contact people.</summary>
public abstract class MemberAccessContract<TFactory>(TFactory factory) : ContractTests<TFactory>(factory)
    where TFactory : ApiFactory
{
    [Fact]
    public async Task Anonymous_reads_the_directory_but_cannot_write_or_see_contacts()
    {
        var admin = await Factory.AdminAsync();
        var member = await MemberRequests.CreateAsync(admin, MemberRequests.Body("Julkinen Yhdistys ry"));
        await admin.PostJsonAsync($"/api/v1/members/{member.Id}/contacts", new { name = "Maija Meikäläinen", email = "maija@example.fi" })
            .ShouldBe(HttpStatusCode.Created);

        var anonymous = Factory.Anonymous();
        await anonymous.GetAsync($"/api/v1/members/{member.Id}").ShouldBe(HttpStatusCode.OK);
        await anonymous.GetAsync($"/api/v1/members/{member.Id}/contacts").ShouldBeProblem(HttpStatusCode.Unauthorized);
        var body = await (await anonymous.GetAsync($"/api/v1/members/{member.Id}")).Content.ReadAsStringAsync();
        body.ShouldNotContain("Maija");
        await anonymous.PostJsonAsync("/api/v1/members", MemberRequests.Body("Anonyymi ry")).ShouldBeProblem(HttpStatusCode.Unauthorized);
        await anonymous.PutJsonAsync($"/api/v1/members/{member.Id}", MemberRequests.Body("Anonyymi ry")).ShouldBeProblem(HttpStatusCode.Unauthorized);
        await anonymous.DeleteAsync($"/api/v1/members/{member.Id}").ShouldBeProblem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Viewer_reads_contacts_but_cannot_write()
    {
        var admin = await Factory.AdminAsync();
        var member = await MemberRequests.CreateAsync(admin, MemberRequests.Body("Katseltava ry"));
        await admin.PostJsonAsync($"/api/v1/members/{member.Id}/contacts", new { name = "Kalle Katsottava" }).ShouldBe(HttpStatusCode.Created);
        var viewer = await Factory.AsAsync("viewer");
        var contacts = await (await viewer.GetAsync($"/api/v1/members/{member.Id}/contacts").ShouldBe(HttpStatusCode.OK)).ReadAsync<ContactPage>();
        contacts.Items.Select(c => c.Name).ShouldBe(["Kalle Katsottava"]);
        await viewer.PostJsonAsync("/api/v1/members", MemberRequests.Body("Katsoja ry")).ShouldBeProblem(HttpStatusCode.Forbidden);
        await viewer.PutJsonAsync($"/api/v1/members/{member.Id}", MemberRequests.Body("Katsoja ry")).ShouldBeProblem(HttpStatusCode.Forbidden);
        await viewer.DeleteAsync($"/api/v1/members/{member.Id}").ShouldBeProblem(HttpStatusCode.Forbidden);
        await viewer.PostJsonAsync($"/api/v1/members/{member.Id}/contacts", new { name = "Ei Saa" }).ShouldBeProblem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Member_editor_edits_its_own_member_and_contacts_only_and_cannot_change_membership()
    {
        var admin = await Factory.AdminAsync();
        var own = await MemberRequests.CreateAsync(admin, MemberRequests.Body("Oma Yhdistys ry"));
        var other = await MemberRequests.CreateAsync(admin, MemberRequests.Body("Vieras Yhdistys ry"));
        var editor = await Factory.AsAsync("member_editor", own.Id);

        var change = MemberRequests.Body("Oma Yhdistys ry (uusi nimi)");
        change["businessId"] = own.BusinessId;
        change["membership"] = new { status = "suspended" };
        var updated = await (await editor.PutJsonAsync($"/api/v1/members/{own.Id}", change).ShouldBe(HttpStatusCode.OK)).ReadAsync<MemberResponse>();
        updated.Name.ShouldBe("Oma Yhdistys ry (uusi nimi)");
        updated.Membership.Status.ShouldBe(MembershipStatus.Active);

        await editor.PutJsonAsync($"/api/v1/members/{other.Id}", MemberRequests.Body("Kaapattu ry")).ShouldBeProblem(HttpStatusCode.Forbidden);
        await editor.PostJsonAsync("/api/v1/members", MemberRequests.Body("Uusi ry")).ShouldBeProblem(HttpStatusCode.Forbidden);
        await editor.DeleteAsync($"/api/v1/members/{own.Id}").ShouldBeProblem(HttpStatusCode.Forbidden);

        var contact = await (await editor.PostJsonAsync($"/api/v1/members/{own.Id}/contacts", new { name = "Olli Oma", title = "Puheenjohtaja" })
            .ShouldBe(HttpStatusCode.Created)).ReadAsync<ContactResponse>();
        await editor.PutJsonAsync($"/api/v1/members/{own.Id}/contacts/{contact.Id}", new { name = "Olli Oma", title = "Sihteeri" }, "\"1\"")
            .ShouldBe(HttpStatusCode.OK);
        await editor.PutJsonAsync($"/api/v1/members/{own.Id}/contacts/{contact.Id}", new { name = "Olli Oma", title = "Rahastonhoitaja" }, "\"1\"")
            .ShouldBeProblem(HttpStatusCode.PreconditionFailed);
        await editor.PostJsonAsync($"/api/v1/members/{other.Id}/contacts", new { name = "Vieras Henkilö" }).ShouldBeProblem(HttpStatusCode.Forbidden);
        await editor.DeleteAsync($"/api/v1/members/{own.Id}/contacts/{contact.Id}", "\"2\"").ShouldBe(HttpStatusCode.NoContent);
        var left = await (await editor.GetAsync($"/api/v1/members/{own.Id}/contacts")).ReadAsync<ContactPage>();
        left.Items.ShouldBeEmpty();
    }

    [Fact]
    public async Task Member_editor_reads_its_own_members_contacts_only_and_the_directory_of_others_without_them()
    {
        var admin = await Factory.AdminAsync();
        var own = await MemberRequests.CreateAsync(admin, MemberRequests.Body("Omat Yhteystiedot ry"));
        var other = await MemberRequests.CreateAsync(admin, MemberRequests.Body("Toisen Yhteystiedot ry"));
        await admin.PostJsonAsync($"/api/v1/members/{own.Id}/contacts", new { name = "Oona Oma", email = "oona@example.fi" }).ShouldBe(HttpStatusCode.Created);
        await admin.PostJsonAsync($"/api/v1/members/{other.Id}/contacts", new { name = "Ville Vieras", email = "ville@example.fi", phone = "040 123 4567" })
            .ShouldBe(HttpStatusCode.Created);
        var editor = await Factory.AsAsync("member_editor", own.Id);

        var mine = await (await editor.GetAsync($"/api/v1/members/{own.Id}/contacts").ShouldBe(HttpStatusCode.OK)).ReadAsync<ContactPage>();
        mine.Items.Select(c => c.Name).ShouldBe(["Oona Oma"]);
        var refused = await editor.GetAsync($"/api/v1/members/{other.Id}/contacts").ShouldBeProblem(HttpStatusCode.Forbidden);
        refused.ToString().ShouldNotContain("Ville");
        var directory = await (await editor.GetAsync($"/api/v1/members/{other.Id}").ShouldBe(HttpStatusCode.OK)).Content.ReadAsStringAsync();
        directory.ShouldContain("Toisen Yhteystiedot ry");
        directory.ShouldNotContain("ville@example.fi");
        var viewer = await Factory.AsAsync("viewer");
        await viewer.GetAsync($"/api/v1/members/{other.Id}/contacts").ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Staff_creates_updates_and_deletes_members()
    {
        var staff = await Factory.AsAsync("staff");
        var member = await MemberRequests.CreateAsync(staff, MemberRequests.Body("Henkilöstön Yhdistys ry"));
        var body = MemberRequests.Body("Henkilöstön Yhdistys ry", "609");
        body["businessId"] = member.BusinessId;
        await staff.PutJsonAsync($"/api/v1/members/{member.Id}", body).ShouldBe(HttpStatusCode.OK);
        await staff.DeleteAsync($"/api/v1/members/{member.Id}", "\"2\"").ShouldBe(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task A_tampered_token_is_401()
    {
        var client = Factory.Anonymous();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl");
        await client.GetAsync("/api/v1/auth/me").ShouldBeProblem(HttpStatusCode.Unauthorized);
        var response = await client.PostAsJsonAsync("/api/v1/members", MemberRequests.Body("Väärennetty ry"));
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}

public sealed class MemberAccessSqliteTests(SqliteApiFactory factory) : MemberAccessContract<SqliteApiFactory>(factory);

public sealed class MemberAccessSqlServerTests(SqlServerApiFactory factory) : MemberAccessContract<SqlServerApiFactory>(factory);
