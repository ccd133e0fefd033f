using System.Net;
using System.Net.Http.Headers;
using CommunityHub.Api.Features.Auth;
using CommunityHub.Api.Features.Users;
using CommunityHub.Api.Infrastructure.Security;
using CommunityHub.Api.Tests.Features.Members;
using CommunityHub.Api.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using Shouldly;

namespace CommunityHub.Api.Tests.Features.Auth;

/// <summary>A session ends when access ends: deletion, role, member or password change and "sign out everywhere".</summary>
public sealed class SessionTests(SqliteApiFactory factory) : IClassFixture<SqliteApiFactory>
{
    private const string Password = "Session-password-2026";

    internal static async Task<(UserResponse User, HttpClient Client)> UserAsync(ApiFactory factory, HttpClient admin, string role, Guid? memberId = null)
    {
        var email = $"session-{Guid.NewGuid():N}@tests.communityhub.local";
        var created = await admin.PostJsonAsync("/api/v1/users", new { email, displayName = "Istunto Testaaja", role, memberId, password = Password })
            .ShouldBe(HttpStatusCode.Created);
        return (await created.ReadAsync<UserResponse>(), await factory.SignedInAsync(email, Password));
    }

    private static object Put(UserResponse user, string? role = null, Guid? memberId = null, string? password = null, string? displayName = null) => new
    {
        email = user.Email,
        displayName = displayName ?? user.DisplayName,
        role = role ?? Roles.Name(user.Role),
        memberId = memberId ?? user.MemberId,
        password,
    };

    [Fact]
    public async Task A_deleted_staff_users_token_can_no_longer_create_a_member()
    {
        var admin = await factory.AdminAsync();
        var (user, staff) = await UserAsync(factory, admin, "staff");
        await staff.PostJsonAsync("/api/v1/members", MemberRequests.Body("Ennen Poistoa ry")).ShouldBe(HttpStatusCode.Created);

        await admin.DeleteAsync($"/api/v1/users/{user.Id}").ShouldBe(HttpStatusCode.NoContent);

        await staff.PostJsonAsync("/api/v1/members", MemberRequests.Body("Poiston Jälkeen ry")).ShouldBeProblem(HttpStatusCode.Unauthorized);
        await staff.GetAsync("/api/v1/auth/me").ShouldBeProblem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_demoted_users_old_token_is_401_and_a_new_sign_in_carries_the_new_role()
    {
        var admin = await factory.AdminAsync();
        var (user, staff) = await UserAsync(factory, admin, "staff");
        await admin.PutJsonAsync($"/api/v1/users/{user.Id}", Put(user, role: "viewer")).ShouldBe(HttpStatusCode.OK);

        await staff.PostJsonAsync("/api/v1/members", MemberRequests.Body("Alennettu ry")).ShouldBeProblem(HttpStatusCode.Unauthorized);
        var again = await factory.SignedInAsync(user.Email, Password);
        var me = await (await again.GetAsync("/api/v1/auth/me").ShouldBe(HttpStatusCode.OK)).ReadAsync<MeResponse>();
        me.Role.ShouldBe(Role.Viewer);
    }

    [Fact]
    public async Task A_member_editor_moved_to_another_member_loses_the_old_tokens_rights_at_once()
    {
        var admin = await factory.AdminAsync();
        var first = await MemberRequests.CreateAsync(admin, MemberRequests.Body("Ensimmäinen Jäsen ry"));
        var second = await MemberRequests.CreateAsync(admin, MemberRequests.Body("Toinen Jäsen ry"));
        var (user, editor) = await UserAsync(factory, admin, "member_editor", first.Id);
        await editor.GetAsync("/api/v1/auth/me").ShouldBe(HttpStatusCode.OK);

        await admin.PutJsonAsync($"/api/v1/users/{user.Id}", Put(user, memberId: second.Id)).ShouldBe(HttpStatusCode.OK);

        var body = MemberRequests.Body("Ensimmäinen Jäsen ry (muokattu)");
        body["businessId"] = first.BusinessId;
        await editor.PutJsonAsync($"/api/v1/members/{first.Id}", body).ShouldBeProblem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_password_change_ends_the_old_sessions()
    {
        var admin = await factory.AdminAsync();
        var (user, viewer) = await UserAsync(factory, admin, "viewer");
        await admin.PutJsonAsync($"/api/v1/users/{user.Id}", Put(user, password: "Changed-password-2026")).ShouldBe(HttpStatusCode.OK);

        await viewer.GetAsync("/api/v1/auth/me").ShouldBeProblem(HttpStatusCode.Unauthorized);
        (await factory.SignedInAsync(user.Email, "Changed-password-2026")).ShouldNotBeNull();
    }

    [Fact]
    public async Task Sign_out_everywhere_ends_every_token_of_the_caller_and_only_theirs()
    {
        var admin = await factory.AdminAsync();
        var (user, first) = await UserAsync(factory, admin, "staff");
        var second = await factory.SignedInAsync(user.Email, Password);
        var (_, bystander) = await UserAsync(factory, admin, "staff");

        await first.PostAsync("/api/v1/auth/sign-out-everywhere", null).ShouldBe(HttpStatusCode.NoContent);

        await first.GetAsync("/api/v1/auth/me").ShouldBeProblem(HttpStatusCode.Unauthorized);
        await second.GetAsync("/api/v1/auth/me").ShouldBeProblem(HttpStatusCode.Unauthorized);
        await bystander.GetAsync("/api/v1/auth/me").ShouldBe(HttpStatusCode.OK);
        var fresh = await factory.SignedInAsync(user.Email, Password);
        await fresh.GetAsync("/api/v1/auth/me").ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_admin_signs_any_user_out_everywhere_and_others_cannot()
    {
        var admin = await factory.AdminAsync();
        var (user, staff) = await UserAsync(factory, admin, "staff");
        await staff.PostAsync($"/api/v1/users/{user.Id}/sign-out-everywhere", null).ShouldBeProblem(HttpStatusCode.Forbidden);
        await staff.GetAsync("/api/v1/auth/me").ShouldBe(HttpStatusCode.OK);

        await admin.PostAsync($"/api/v1/users/{user.Id}/sign-out-everywhere", null).ShouldBe(HttpStatusCode.NoContent);

        await staff.GetAsync("/api/v1/auth/me").ShouldBeProblem(HttpStatusCode.Unauthorized);
        await admin.GetAsync("/api/v1/auth/me").ShouldBe(HttpStatusCode.OK);
        await admin.PostAsync($"/api/v1/users/{Guid.CreateVersion7()}/sign-out-everywhere", null).ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_token_keeps_working_through_edits_that_do_not_change_access()
    {
        var admin = await factory.AdminAsync();
        var (user, staff) = await UserAsync(factory, admin, "staff");
        await admin.PutJsonAsync($"/api/v1/users/{user.Id}", Put(user, displayName: "Uusi Nimi")).ShouldBe(HttpStatusCode.OK);

        await staff.PostJsonAsync("/api/v1/members", MemberRequests.Body("Yhä Voimassa ry")).ShouldBe(HttpStatusCode.Created);
        await staff.GetAsync("/api/v1/auth/me").ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_correctly_signed_token_whose_subject_is_no_user_is_401()
    {
        var forged = new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler().CreateToken(new Microsoft.IdentityModel.Tokens.SecurityTokenDescriptor
        {
            Issuer = "communityhub",
            Audience = "communityhub-api",
            Expires = DateTime.UtcNow.AddMinutes(10),
            Claims = new Dictionary<string, object> { ["sub"] = "x", ["role"] = "admin" },
            SigningCredentials = new Microsoft.IdentityModel.Tokens.SigningCredentials(
                new Microsoft.IdentityModel.Tokens.SymmetricSecurityKey(System.Text.Encoding.UTF8.GetBytes(ApiFactory.SigningKey)),
                Microsoft.IdentityModel.Tokens.SecurityAlgorithms.HmacSha256),
        });
        var client = factory.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", forged);
        await client.GetAsync("/api/v1/users").ShouldBeProblem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Archiving_a_member_ends_its_editors_sessions_and_refuses_their_sign_in_until_moved()
    {
        var admin = await factory.AdminAsync();
        var archived = await MemberRequests.CreateAsync(admin, MemberRequests.Body("Arkistoitava Jäsen ry"));
        var other = await MemberRequests.CreateAsync(admin, MemberRequests.Body("Jatkava Jäsen ry"));
        var (user, editor) = await UserAsync(factory, admin, "member_editor", archived.Id);
        await editor.GetAsync("/api/v1/auth/me").ShouldBe(HttpStatusCode.OK);

        await admin.DeleteAsync($"/api/v1/members/{archived.Id}").ShouldBe(HttpStatusCode.NoContent);

        await editor.GetAsync("/api/v1/auth/me").ShouldBeProblem(HttpStatusCode.Unauthorized);
        await editor.GetAsync("/api/v1/partnerships").ShouldBeProblem(HttpStatusCode.Unauthorized);
        var refused = await factory.Anonymous().PostJsonAsync("/api/v1/auth/token", new { email = user.Email, password = Password })
            .ShouldBeProblem(HttpStatusCode.Forbidden);
        refused.GetProperty("detail").GetString()!.ShouldContain("archived");
        using var finnish = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/token")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { email = user.Email, password = Password }),
        };
        finnish.Headers.AcceptLanguage.Clear();
        finnish.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue("fi"));
        var suomeksi = await Task.FromResult(await factory.CreateClient().SendAsync(finnish)).ShouldBeProblem(HttpStatusCode.Forbidden);
        suomeksi.GetProperty("detail").GetString()!.ShouldContain("arkistoitu");
        // A wrong password still says only that the credentials are wrong.
        await factory.Anonymous().PostJsonAsync("/api/v1/auth/token", new { email = user.Email, password = "Not-the-password-2026" })
            .ShouldBeProblem(HttpStatusCode.Unauthorized);

        await admin.PutJsonAsync($"/api/v1/users/{user.Id}", Put(user, memberId: other.Id)).ShouldBe(HttpStatusCode.OK);
        var moved = await factory.SignedInAsync(user.Email, Password);
        await moved.GetAsync("/api/v1/auth/me").ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_token_without_the_users_stamp_is_401_even_when_correctly_signed()
    {
        var admin = await factory.AdminAsync();
        var (user, _) = await UserAsync(factory, admin, "staff");
        var forged = new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler().CreateToken(new Microsoft.IdentityModel.Tokens.SecurityTokenDescriptor
        {
            Issuer = "communityhub",
            Audience = "communityhub-api",
            Expires = DateTime.UtcNow.AddMinutes(10),
            Claims = new Dictionary<string, object> { ["sub"] = user.Id.ToString(), ["role"] = "staff" },
            SigningCredentials = new Microsoft.IdentityModel.Tokens.SigningCredentials(
                new Microsoft.IdentityModel.Tokens.SymmetricSecurityKey(System.Text.Encoding.UTF8.GetBytes(ApiFactory.SigningKey)),
                Microsoft.IdentityModel.Tokens.SecurityAlgorithms.HmacSha256),
        });
        var client = factory.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", forged);
        await client.GetAsync("/api/v1/auth/me").ShouldBeProblem(HttpStatusCode.Unauthorized);
    }
}

/// <summary>
/// Two instances of the API on one database, on a shared fake clock: a deletion made on one holds on the other once
/// that instance's few-second copy of the session state has aged out.
/// </summary>
public sealed class SessionAcrossInstancesTests : IAsyncLifetime
{
    private readonly FakeTimeProvider clock = new(DateTimeOffset.UtcNow);
    private readonly SqliteApiFactory first = new();
    private SqliteApiFactory? second;

    public ValueTask InitializeAsync()
    {
        first.Clock = clock;
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        if (second is not null)
        {
            await second.DisposeAsync();
        }
        await first.DisposeAsync();
    }

    [Fact]
    public async Task A_deletion_on_one_instance_holds_on_another_within_five_seconds()
    {
        var admin = await first.AdminAsync();
        var (user, _) = await SessionTests.UserAsync(first, admin, "staff");
        second = new SqliteApiFactory(first.DatabasePath) { Clock = clock };
        var onSecond = await second.SignedInAsync(user.Email, "Session-password-2026");
        await onSecond.GetAsync("/api/v1/auth/me").ShouldBe(HttpStatusCode.OK);

        await admin.DeleteAsync($"/api/v1/users/{user.Id}").ShouldBe(HttpStatusCode.NoContent);
        clock.Advance(TimeSpan.FromSeconds(5));

        await onSecond.PostJsonAsync("/api/v1/members", MemberRequests.Body("Toisen Instanssin ry")).ShouldBeProblem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Archiving_a_member_on_one_instance_ends_its_editors_sessions_on_both()
    {
        var admin = await first.AdminAsync();
        var member = await MemberRequests.CreateAsync(admin, MemberRequests.Body("Kahden Instanssin Jäsen ry"));
        var (user, onFirst) = await SessionTests.UserAsync(first, admin, "member_editor", member.Id);
        second = new SqliteApiFactory(first.DatabasePath) { Clock = clock };
        var onSecond = await second.SignedInAsync(user.Email, "Session-password-2026");
        await onSecond.GetAsync("/api/v1/auth/me").ShouldBe(HttpStatusCode.OK);
        await onFirst.GetAsync("/api/v1/auth/me").ShouldBe(HttpStatusCode.OK);

        await admin.DeleteAsync($"/api/v1/members/{member.Id}").ShouldBe(HttpStatusCode.NoContent);
        await onFirst.GetAsync("/api/v1/auth/me").ShouldBeProblem(HttpStatusCode.Unauthorized);
        clock.Advance(TimeSpan.FromSeconds(5));

        await onSecond.GetAsync("/api/v1/auth/me").ShouldBeProblem(HttpStatusCode.Unauthorized);
        await second.Anonymous().PostJsonAsync("/api/v1/auth/token", new { email = user.Email, password = "Session-password-2026" })
            .ShouldBeProblem(HttpStatusCode.Forbidden);
    }
}
