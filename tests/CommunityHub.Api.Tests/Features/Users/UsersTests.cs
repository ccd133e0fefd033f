using System.Net;
using CommunityHub.Api.Features.Users;
using CommunityHub.Api.Infrastructure.Security;
using CommunityHub.Api.Tests.Features.Members;
using CommunityHub.Api.Tests.Infrastructure;
using Shouldly;

namespace CommunityHub.Api.Tests.Features.Users;

public sealed class UsersTests(SqliteApiFactory factory) : IClassFixture<SqliteApiFactory>
{
    [Fact]
    public async Task Admin_creates_lists_updates_and_removes_users_and_passwords_are_never_returned()
    {
        var admin = await factory.AdminAsync();
        var member = await MemberRequests.CreateAsync(admin, MemberRequests.Body("Käyttäjien Yhdistys ry"));
        var created = await admin.PostJsonAsync("/api/v1/users", new
        {
            email = "sanna@example.fi", displayName = "Sanna Säätäjä", role = "member_editor", memberId = member.Id, password = "Sanna-password-1",
        }).ShouldBe(HttpStatusCode.Created);
        var text = await created.Content.ReadAsStringAsync();
        text.ShouldNotContain("password", Case.Insensitive);
        var user = await created.ReadAsync<UserResponse>();
        user.Role.ShouldBe(Role.MemberEditor);
        user.MemberId.ShouldBe(member.Id);

        var list = await (await admin.GetAsync("/api/v1/users?limit=200")).ReadAsync<UserPage>();
        list.Items.ShouldContain(u => u.Email == "sanna@example.fi");

        var updated = await (await admin.PutJsonAsync($"/api/v1/users/{user.Id}", new
        {
            email = "sanna@example.fi", displayName = "Sanna S.", role = "viewer", memberId = (Guid?)null,
        }, "\"1\"").ShouldBe(HttpStatusCode.OK)).ReadAsync<UserResponse>();
        updated.Role.ShouldBe(Role.Viewer);
        (await factory.SignedInAsync("sanna@example.fi", "Sanna-password-1")).ShouldNotBeNull();

        await admin.DeleteAsync($"/api/v1/users/{user.Id}", "\"2\"").ShouldBe(HttpStatusCode.NoContent);
        await factory.Anonymous().PostJsonAsync("/api/v1/auth/token", new { email = "sanna@example.fi", password = "Sanna-password-1" })
            .ShouldBeProblem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Validation_duplicates_and_member_binding()
    {
        var admin = await factory.AdminAsync();
        await admin.PostJsonAsync("/api/v1/users", new { email = "lyhyt@example.fi", displayName = "Lyhyt", role = "viewer", password = "short" })
            .ShouldBeProblem(HttpStatusCode.BadRequest, "password");
        await admin.PostJsonAsync("/api/v1/users", new { email = "rooli@example.fi", displayName = "Rooli", role = "superuser", password = "Long-enough-1" })
            .ShouldBeProblem(HttpStatusCode.BadRequest, "role");
        await admin.PostJsonAsync("/api/v1/users", new { email = "editori@example.fi", displayName = "Editori", role = "member_editor", password = "Long-enough-1" })
            .ShouldBeProblem(HttpStatusCode.BadRequest, "memberId");
        await admin.PostJsonAsync("/api/v1/users", new
        {
            email = "editori@example.fi", displayName = "Editori", role = "member_editor", memberId = Guid.CreateVersion7(), password = "Long-enough-1",
        }).ShouldBeProblem(HttpStatusCode.BadRequest, "memberId");
        await admin.PostJsonAsync("/api/v1/users", new { email = ApiFactory.AdminEmail.ToUpperInvariant(), displayName = "Kaksoiskappale", role = "viewer", password = "Long-enough-1" })
            .ShouldBeProblem(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task The_last_admin_cannot_be_removed_or_demoted()
    {
        var admin = await factory.AdminAsync();
        var me = await (await admin.GetAsync("/api/v1/auth/me")).ReadAsync<CommunityHub.Api.Features.Auth.MeResponse>();
        await admin.DeleteAsync($"/api/v1/users/{me.Id}").ShouldBeProblem(HttpStatusCode.Conflict);
        await admin.PutJsonAsync($"/api/v1/users/{me.Id}", new { email = ApiFactory.AdminEmail, displayName = "Admin", role = "staff" })
            .ShouldBeProblem(HttpStatusCode.Conflict);
    }

    [Theory]
    [InlineData("staff")]
    [InlineData("viewer")]
    public async Task Only_admins_manage_users(string role)
    {
        var client = await factory.AsAsync(role);
        await client.GetAsync("/api/v1/users").ShouldBeProblem(HttpStatusCode.Forbidden);
        await client.PostJsonAsync("/api/v1/users", new { email = "x@example.fi", displayName = "X", role = "admin", password = "Long-enough-1" })
            .ShouldBeProblem(HttpStatusCode.Forbidden);
    }
}
