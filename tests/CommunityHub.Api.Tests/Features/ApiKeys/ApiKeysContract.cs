using System.Net;
using System.Text.Json;
using CommunityHub.Api.Features.ApiKeys;
using CommunityHub.Api.Features.Members;
using CommunityHub.Api.Tests.Features.Members;
using CommunityHub.Api.Tests.Infrastructure;
using Shouldly;

namespace CommunityHub.Api.Tests.Features.ApiKeys;

public abstract class ApiKeysContract<TFactory>(TFactory factory) : ContractTests<TFactory>(factory)
    where TFactory : ApiFactory
{
    [Fact]
    public async Task Create_returns_the_secret_once_and_neither_list_nor_get_ever_show_it()
    {
        var admin = await Factory.AdminAsync();
        var response = await admin.PostJsonAsync("/api/v1/api-keys", new
        {
            name = "Oulun kaupunki: kumppanuusrekisteri",
            scopes = new[] { "partnerships:read", "members:read" },
            municipalityCode = "564",
        }).ShouldBe(HttpStatusCode.Created);
        var created = await response.ReadAsync<ApiKeyCreated>();
        response.Headers.Location!.ToString().ShouldBe($"/api/v1/api-keys/{created.Id}");
        created.Key.ShouldMatch("^chk_[0-9a-f]{16}_[0-9a-f]{64}$");
        created.Name.ShouldBe("Oulun kaupunki: kumppanuusrekisteri");
        created.Scopes.ShouldBe(["members:read", "partnerships:read"]);
        created.MunicipalityCode.ShouldBe("564");
        ApiKeySecret.TryParse(created.Key, out var prefix, out var secret).ShouldBeTrue();

        var listText = await (await admin.GetAsync("/api/v1/api-keys?limit=200").ShouldBe(HttpStatusCode.OK)).Content.ReadAsStringAsync();
        var getText = await (await admin.GetAsync($"/api/v1/api-keys/{created.Id}").ShouldBe(HttpStatusCode.OK)).Content.ReadAsStringAsync();
        foreach (var text in new[] { listText, getText })
        {
            text.ShouldNotContain(secret!);
            text.ShouldNotContain(ApiKeySecret.Hash(secret!));
            text.ShouldNotContain(prefix!);
            text.ShouldNotContain("\"key\"");
            text.ShouldNotContain("hash", Case.Insensitive);
        }
        var listed = JsonSerializer.Deserialize<ApiKeyPage>(listText, Api.Infrastructure.Http.Json.Options)!.Items.Single(k => k.Id == created.Id);
        listed.Name.ShouldBe(created.Name);
        listed.Scopes.ShouldBe(["members:read", "partnerships:read"]);
        listed.MunicipalityCode.ShouldBe("564");
        listed.CreatedAt.ShouldBe(created.CreatedAt);
        listed.LastUsedAt.ShouldBeNull();
        listed.RevokedAt.ShouldBeNull();
    }

    [Fact]
    public async Task Create_validates_every_field_naming_it()
    {
        var admin = await Factory.AdminAsync();
        await admin.PostJsonAsync("/api/v1/api-keys", new { name = "x", scopes = new[] { "members:read", "members:write" } })
            .ShouldBeProblem(HttpStatusCode.BadRequest, "scopes[1]");
        await admin.PostJsonAsync("/api/v1/api-keys", new { name = "x", scopes = new[] { "Members:Read" } })
            .ShouldBeProblem(HttpStatusCode.BadRequest, "scopes[0]");
        await admin.PostJsonAsync("/api/v1/api-keys", new { name = "x", scopes = Array.Empty<string>() })
            .ShouldBeProblem(HttpStatusCode.BadRequest, "scopes");
        await admin.PostJsonAsync("/api/v1/api-keys", new { name = "x" })
            .ShouldBeProblem(HttpStatusCode.BadRequest, "scopes");
        await admin.PostJsonAsync("/api/v1/api-keys", new { scopes = new[] { "members:read" } })
            .ShouldBeProblem(HttpStatusCode.BadRequest, "name");
        await admin.PostJsonAsync("/api/v1/api-keys", new { name = new string('k', 201), scopes = new[] { "members:read" } })
            .ShouldBeProblem(HttpStatusCode.BadRequest, "name");
        await admin.PostJsonAsync("/api/v1/api-keys", new { name = "x", scopes = new[] { "members:read" }, municipalityCode = "56" })
            .ShouldBeProblem(HttpStatusCode.BadRequest, "municipalityCode");
        await admin.PostRawAsync("/api/v1/api-keys", """{"name":"x","scopes":"members:read"}""")
            .ShouldBeProblem(HttpStatusCode.BadRequest, "scopes");
        await admin.PostRawAsync("/api/v1/api-keys", """{"name":"x","scopes":[1]}""")
            .ShouldBeProblem(HttpStatusCode.BadRequest, "scopes[0]");
        await admin.PostRawAsync("/api/v1/api-keys", """{"name":"x","scopes":["members:read"]""")
            .ShouldBeProblem(HttpStatusCode.BadRequest);
        await admin.PostRawAsync("/api/v1/api-keys", "name=x", "application/x-www-form-urlencoded")
            .ShouldBeProblem(HttpStatusCode.UnsupportedMediaType);
        await admin.GetAsync("/api/v1/api-keys?cursor=nonsense").ShouldBeProblem(HttpStatusCode.BadRequest, "cursor");
        await admin.GetAsync("/api/v1/api-keys?limit=0").ShouldBeProblem(HttpStatusCode.BadRequest, "limit");
        await admin.GetAsync("/api/v1/api-keys/not-a-guid").ShouldBe(HttpStatusCode.NotFound);
        await admin.GetAsync($"/api/v1/api-keys/{Guid.CreateVersion7()}").ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Key_management_is_for_admins_only()
    {
        var admin = await Factory.AdminAsync();
        var staff = await Factory.AsAsync("staff");
        var key = await ApiKeyRequests.CreateAsync(admin, ["members:read", "partnerships:read", "pilots:read", "events:read"]);
        var body = new { name = "x", scopes = new[] { "members:read" } };

        await staff.PostJsonAsync("/api/v1/api-keys", body).ShouldBeProblem(HttpStatusCode.Forbidden);
        await staff.GetAsync("/api/v1/api-keys").ShouldBeProblem(HttpStatusCode.Forbidden);
        await staff.DeleteAsync($"/api/v1/api-keys/{key.Id}", null).ShouldBeProblem(HttpStatusCode.Forbidden);
        await Factory.Anonymous().GetAsync("/api/v1/api-keys").ShouldBeProblem(HttpStatusCode.Unauthorized);
        await Factory.Anonymous().PostJsonAsync("/api/v1/api-keys", body).ShouldBeProblem(HttpStatusCode.Unauthorized);
        var machine = Factory.WithKey(key.Key);
        await machine.GetAsync("/api/v1/api-keys").ShouldBeProblem(HttpStatusCode.Forbidden);
        await machine.PostJsonAsync("/api/v1/api-keys", body).ShouldBeProblem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_key_never_writes_even_with_every_scope()
    {
        var admin = await Factory.AdminAsync();
        var member = await MemberRequests.CreateAsync(admin, MemberRequests.Body("Kirjoittamaton Yhdistys ry", "564"));
        var key = await ApiKeyRequests.CreateAsync(admin, ["members:read", "partnerships:read", "pilots:read", "events:read"]);
        var machine = Factory.WithKey(key.Key);

        var replacement = MemberRequests.Body("Avaimella muutettu ry", "564");
        replacement["businessId"] = member.BusinessId;
        await machine.PostJsonAsync("/api/v1/members", MemberRequests.Body("Avaimella luotu ry")).ShouldBeProblem(HttpStatusCode.Forbidden);
        await machine.PutJsonAsync($"/api/v1/members/{member.Id}", replacement, "\"1\"").ShouldBeProblem(HttpStatusCode.Forbidden);
        await machine.DeleteAsync($"/api/v1/members/{member.Id}", "\"1\"").ShouldBeProblem(HttpStatusCode.Forbidden);
        await machine.PostJsonAsync($"/api/v1/members/{member.Id}/contacts", new { name = "Matti Meikäläinen" }).ShouldBeProblem(HttpStatusCode.Forbidden);
        await machine.PostJsonAsync("/api/v1/users", new { email = "x@example.fi", displayName = "x", role = "admin", password = "Password-2026" })
            .ShouldBeProblem(HttpStatusCode.Forbidden);
        // Contacts are personal data: not part of the public directory a members:read key reads.
        await machine.GetAsync($"/api/v1/members/{member.Id}/contacts").ShouldBeProblem(HttpStatusCode.Forbidden);

        var unchanged = await (await machine.GetAsync($"/api/v1/members/{member.Id}").ShouldBe(HttpStatusCode.OK)).ReadAsync<MemberResponse>();
        unchanged.Name.ShouldBe("Kirjoittamaton Yhdistys ry");
        unchanged.Version.ShouldBe(1);
        await machine.GetAsync("/api/v1/changes").ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Revoked_unknown_and_malformed_keys_get_the_identical_401_whatever_the_endpoint()
    {
        var admin = await Factory.AdminAsync();
        var key = await ApiKeyRequests.CreateAsync(admin, ["members:read"]);
        var machine = Factory.WithKey(key.Key);
        await machine.GetAsync("/api/v1/changes").ShouldBe(HttpStatusCode.OK);

        await admin.DeleteAsync($"/api/v1/api-keys/{key.Id}", "\"1\"").ShouldBe(HttpStatusCode.NoContent);
        var revoked = await machine.GetAsync("/api/v1/changes");
        var revokedOnPublicList = await machine.GetAsync("/api/v1/members");
        ApiKeySecret.TryParse(key.Key, out var prefix, out _).ShouldBeTrue();
        var unknownSecret = await Factory.WithKey($"chk_{prefix}_{new string('0', 64)}").GetAsync("/api/v1/changes");
        var unknown = await Factory.WithKey(ApiKeySecret.Generate().Key).GetAsync("/api/v1/changes");
        var malformed = await Factory.WithKey("not-a-key").GetAsync("/api/v1/changes");
        var truncated = await Factory.WithKey(key.Key[..^1]).GetAsync("/api/v1/changes");

        var bodies = new List<string>();
        foreach (var response in new[] { revoked, revokedOnPublicList, unknownSecret, unknown, malformed, truncated })
        {
            await response.ShouldBe(HttpStatusCode.Unauthorized);
            response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
            bodies.Add(await response.Content.ReadAsStringAsync());
        }
        bodies.Distinct().Count().ShouldBe(1, string.Join("\n", bodies));
        JsonDocument.Parse(bodies[0]).RootElement.GetProperty("status").GetInt32().ShouldBe(401);

        var listed = await (await admin.GetAsync($"/api/v1/api-keys/{key.Id}")).ReadAsync<ApiKeyResponse>();
        listed.RevokedAt.ShouldNotBeNull();
        listed.Version.ShouldBe(2);
        await admin.DeleteAsync($"/api/v1/api-keys/{key.Id}", null).ShouldBe(HttpStatusCode.NoContent);
        await machine.GetAsync("/api/v1/changes").ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Revoke_answers_404_for_an_unknown_key_and_412_for_a_stale_version()
    {
        var admin = await Factory.AdminAsync();
        var key = await ApiKeyRequests.CreateAsync(admin, ["pilots:read"]);
        await admin.DeleteAsync($"/api/v1/api-keys/{Guid.CreateVersion7()}", null).ShouldBeProblem(HttpStatusCode.NotFound);
        await admin.DeleteAsync($"/api/v1/api-keys/{key.Id}", "\"7\"").ShouldBeProblem(HttpStatusCode.PreconditionFailed);
        await Factory.WithKey(key.Key).GetAsync("/api/v1/changes").ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Create_and_revoke_are_audited_but_never_enter_the_change_feed()
    {
        var admin = await Factory.AdminAsync();
        var key = await ApiKeyRequests.CreateAsync(admin, ["members:read"], "091");
        await admin.DeleteAsync($"/api/v1/api-keys/{key.Id}", null).ShouldBe(HttpStatusCode.NoContent);

        (await Factory.CountAsync("SELECT COUNT(*) FROM audit WHERE entity_type = 'api_keys' AND entity_id = @Id", new { key.Id })).ShouldBe(2);
        (await Factory.CountAsync("SELECT COUNT(*) FROM changes WHERE entity_id = @Id", new { key.Id })).ShouldBe(0);
    }

    [Fact]
    public async Task Openapi_declares_the_x_api_key_scheme_and_the_key_and_feed_operations()
    {
        var document = await (await Factory.Anonymous().GetAsync("/openapi/v1.json").ShouldBe(HttpStatusCode.OK)).JsonAsync();
        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey");
        scheme.GetProperty("type").GetString().ShouldBe("apiKey");
        scheme.GetProperty("in").GetString().ShouldBe("header");
        scheme.GetProperty("name").GetString().ShouldBe("X-Api-Key");
        var paths = document.GetProperty("paths");
        paths.GetProperty("/api/v1/api-keys").GetProperty("post").GetProperty("operationId").GetString().ShouldBe("createApiKey");
        paths.GetProperty("/api/v1/changes").GetProperty("get").GetProperty("operationId").GetString().ShouldBe("listChanges");
    }

    [Fact]
    public async Task List_is_keyset_paged_in_creation_order()
    {
        var admin = await Factory.AdminAsync();
        var created = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            created.Add((await ApiKeyRequests.CreateAsync(admin, ["members:read"], name: $"Sivutus {i}")).Id);
        }
        var seen = new List<Guid>();
        string? cursor = null;
        do
        {
            var page = await (await admin.GetAsync("/api/v1/api-keys?limit=2" + (cursor is null ? "" : $"&cursor={cursor}"))
                .ShouldBe(HttpStatusCode.OK)).ReadAsync<ApiKeyPage>();
            page.Items.Count.ShouldBeLessThanOrEqualTo(2);
            seen.AddRange(page.Items.Select(k => k.Id));
            cursor = page.NextCursor;
        }
        while (cursor is not null);
        seen.ShouldBe(seen.OrderBy(id => id.ToString(), StringComparer.Ordinal).ToList());
        seen.Distinct().Count().ShouldBe(seen.Count);
        created.ShouldBeSubsetOf(seen);
    }
}

public sealed class ApiKeysSqliteTests(SqliteApiFactory factory) : ApiKeysContract<SqliteApiFactory>(factory);

public sealed class ApiKeysSqlServerTests(SqlServerApiFactory factory) : ApiKeysContract<SqlServerApiFactory>(factory);
