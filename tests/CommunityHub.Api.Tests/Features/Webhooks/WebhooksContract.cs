using System.Net;
using CommunityHub.Api.Features.Webhooks;
using CommunityHub.Api.Tests.Infrastructure;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace CommunityHub.Api.Tests.Features.Webhooks;

/// <summary>The subscription resource: shape, concurrency, bad input and who may use it.</summary>
public abstract class WebhooksContract<TFactory> : ContractTests<TFactory>
    where TFactory : ApiFactory
{
    private const string Url = "https://asianhallinta.oulu.example.fi/communityhub";

    protected WebhooksContract(TFactory factory)
        : base(factory) => WebhookRequests.Configure(factory);

    [Fact]
    public async Task Create_shows_the_secret_once_and_get_and_list_never_do()
    {
        var admin = await Factory.AdminAsync();
        var response = await admin.PostJsonAsync("/api/v1/webhooks", WebhookRequests.Body(Url, ["partnerships", "members"], "564"))
            .ShouldBe(HttpStatusCode.Created);
        var created = await response.ReadAsync<WebhookWithSecretResponse>();
        response.Headers.Location!.ToString().ShouldBe($"/api/v1/webhooks/{created.Id}");
        response.Headers.ETag!.Tag.ShouldBe("\"1\"");
        created.Secret.ShouldStartWith("whsec_");
        created.Secret.Length.ShouldBeGreaterThan(40);
        created.Status.ShouldBe(WebhookStatus.Active);
        created.Types.ShouldBe(["members", "partnerships"]);
        created.MunicipalityCode.ShouldBe("564");
        created.Url.ShouldBe(Url);

        var fetched = await (await admin.GetAsync($"/api/v1/webhooks/{created.Id}").ShouldBe(HttpStatusCode.OK)).JsonAsync();
        fetched.TryGetProperty("secret", out _).ShouldBeFalse();
        fetched.GetProperty("status").GetString().ShouldBe("active");
        var list = await (await admin.GetAsync("/api/v1/webhooks?limit=200").ShouldBe(HttpStatusCode.OK)).ReadAsync<WebhookPage>();
        list.Items.ShouldContain(w => w.Id == created.Id);
        (await (await admin.GetAsync("/api/v1/webhooks?limit=200")).Content.ReadAsStringAsync()).ShouldNotContain(created.Secret);
    }

    [Fact]
    public async Task Put_replaces_with_if_match_and_a_stale_version_is_412_and_get_honours_if_none_match()
    {
        var admin = await Factory.AdminAsync();
        var created = await WebhookRequests.CreateAsync(admin, WebhookRequests.Body(Url));
        (await admin.GetAsync($"/api/v1/webhooks/{created.Id}", "\"1\"")).StatusCode.ShouldBe(HttpStatusCode.NotModified);

        var body = WebhookRequests.Body(Url + "/v2", ["events"], "609");
        body["status"] = "paused";
        var updated = await admin.PutJsonAsync($"/api/v1/webhooks/{created.Id}", body, "\"1\"").ShouldBe(HttpStatusCode.OK);
        updated.Headers.ETag!.Tag.ShouldBe("\"2\"");
        var paused = await updated.ReadAsync<WebhookResponse>();
        paused.Status.ShouldBe(WebhookStatus.Paused);
        paused.Types.ShouldBe(["events"]);
        paused.Url.ShouldBe(Url + "/v2");

        await admin.PutJsonAsync($"/api/v1/webhooks/{created.Id}", WebhookRequests.Body(Url), "\"1\"")
            .ShouldBeProblem(HttpStatusCode.PreconditionFailed);
        await admin.DeleteAsync($"/api/v1/webhooks/{created.Id}", "\"1\"").ShouldBeProblem(HttpStatusCode.PreconditionFailed);
        var fetched = await (await admin.GetAsync($"/api/v1/webhooks/{created.Id}")).ReadAsync<WebhookResponse>();
        fetched.Status.ShouldBe(WebhookStatus.Paused, "a PUT without status keeps it; the stale one changed nothing");
        fetched.Version.ShouldBe(2);

        var resumed = WebhookRequests.Body(Url);
        resumed["status"] = "active";
        (await (await admin.PutJsonAsync($"/api/v1/webhooks/{created.Id}", resumed, "\"2\"").ShouldBe(HttpStatusCode.OK))
            .ReadAsync<WebhookResponse>()).Status.ShouldBe(WebhookStatus.Active);
    }

    [Fact]
    public async Task Failing_cannot_be_set_by_a_client()
    {
        var admin = await Factory.AdminAsync();
        var created = await WebhookRequests.CreateAsync(admin, WebhookRequests.Body(Url));
        var body = WebhookRequests.Body(Url);
        body["status"] = "failing";
        var problem = await admin.PutJsonAsync($"/api/v1/webhooks/{created.Id}", body).ShouldBeProblem(HttpStatusCode.Conflict);
        problem.GetProperty("allowed").EnumerateArray().Select(a => a.GetString()).ShouldBe(["active", "paused"]);
    }

    [Fact]
    public async Task Delete_hides_the_subscription_and_it_is_audited_but_not_in_the_change_feed()
    {
        var admin = await Factory.AdminAsync();
        var created = await WebhookRequests.CreateAsync(admin, WebhookRequests.Body(Url));
        await admin.PostAsync($"/api/v1/webhooks/{created.Id}/rotate-secret", null).ShouldBe(HttpStatusCode.OK);
        await admin.DeleteAsync($"/api/v1/webhooks/{created.Id}", "\"2\"").ShouldBe(HttpStatusCode.NoContent);
        await admin.GetAsync($"/api/v1/webhooks/{created.Id}").ShouldBeProblem(HttpStatusCode.NotFound);
        await admin.GetAsync($"/api/v1/webhooks/{created.Id}/deliveries").ShouldBeProblem(HttpStatusCode.NotFound);
        var list = await (await admin.GetAsync("/api/v1/webhooks?limit=200")).ReadAsync<WebhookPage>();
        list.Items.ShouldNotContain(w => w.Id == created.Id);

        await using var connection = await Factory.Services.GetRequiredService<CommunityHub.Api.Infrastructure.Data.Db>().OpenAsync(CancellationToken.None);
        var audited = await connection.QueryAsync<string>(
            "SELECT op FROM audit WHERE entity_type = 'webhooks' AND entity_id = @Id ORDER BY version", new { created.Id });
        audited.ShouldBe(["create", "update", "delete"]);
        (await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM changes WHERE entity_type = 'webhooks'")).ShouldBe(0);
    }

    [Fact]
    public async Task Ping_reports_an_unreachable_receiver_without_failing_the_request()
    {
        var admin = await Factory.AdminAsync();
        var created = await WebhookRequests.CreateAsync(admin, WebhookRequests.Body(WebhookReceiver.ClosedPortUrl()));
        var ping = await (await admin.PostAsync($"/api/v1/webhooks/{created.Id}/ping", null).ShouldBe(HttpStatusCode.OK))
            .ReadAsync<WebhookPingResponse>();
        ping.Delivered.ShouldBeFalse();
        ping.StatusCode.ShouldBeNull();
        ping.Error.ShouldNotBeNullOrEmpty();
        var log = await (await admin.GetAsync($"/api/v1/webhooks/{created.Id}/deliveries")).ReadAsync<WebhookDeliveryPage>();
        log.Items.Single().DeliveryId.ShouldBe(ping.DeliveryId);
    }

    [Fact]
    public async Task Bad_input_is_400_naming_the_field()
    {
        var admin = await Factory.AdminAsync();
        async Task Rejects(object body, string field) =>
            await admin.PostJsonAsync("/api/v1/webhooks", body).ShouldBeProblem(HttpStatusCode.BadRequest, field);

        await Rejects(new { types = new[] { "members" } }, "url");
        await Rejects(WebhookRequests.Body("/relative/hook"), "url");
        await Rejects(WebhookRequests.Body("ftp://files.example.fi/hook"), "url");
        await Rejects(WebhookRequests.Body("https://user:pass@example.fi/hook"), "url");
        await Rejects(WebhookRequests.Body("https://example.fi/" + new string('a', 2001)), "url");
        await Rejects(WebhookRequests.Body(Url, []), "types");
        await Rejects(WebhookRequests.Body(Url, ["members", "users"]), "types[1]");
        await Rejects(new { url = Url, types = "members" }, "types");
        await Rejects(WebhookRequests.Body(Url, ["members"], "56"), "municipalityCode");
        await Rejects(new { url = Url, types = new[] { "members" }, description = new string('x', 1001) }, "description");
        await Rejects(new { url = Url, types = new[] { "members" }, status = "broken" }, "status");
        await Rejects(new { url = 42, types = new[] { "members" } }, "url");
        await admin.PostRawAsync("/api/v1/webhooks", "{\"url\": ").ShouldBeProblem(HttpStatusCode.BadRequest);
        await admin.PostRawAsync("/api/v1/webhooks", "url=x", "text/plain").ShouldBeProblem(HttpStatusCode.UnsupportedMediaType);

        await admin.GetAsync("/api/v1/webhooks?limit=0").ShouldBeProblem(HttpStatusCode.BadRequest, "limit");
        await admin.GetAsync("/api/v1/webhooks?limit=abc").ShouldBeProblem(HttpStatusCode.BadRequest, "limit");
        await admin.GetAsync("/api/v1/webhooks?cursor=not-a-cursor").ShouldBeProblem(HttpStatusCode.BadRequest, "cursor");
        var created = await WebhookRequests.CreateAsync(admin, WebhookRequests.Body(Url));
        await admin.GetAsync($"/api/v1/webhooks/{created.Id}/deliveries?cursor=bad").ShouldBeProblem(HttpStatusCode.BadRequest, "cursor");
        await admin.GetAsync($"/api/v1/webhooks/{created.Id}/deliveries?limit=201").ShouldBeProblem(HttpStatusCode.BadRequest, "limit");
    }

    [Fact]
    public async Task Unknown_or_malformed_ids_are_404()
    {
        var admin = await Factory.AdminAsync();
        var unknown = Guid.CreateVersion7();
        await admin.GetAsync($"/api/v1/webhooks/{unknown}").ShouldBeProblem(HttpStatusCode.NotFound);
        await admin.PutJsonAsync($"/api/v1/webhooks/{unknown}", WebhookRequests.Body(Url)).ShouldBeProblem(HttpStatusCode.NotFound);
        await admin.DeleteAsync($"/api/v1/webhooks/{unknown}", null).ShouldBeProblem(HttpStatusCode.NotFound);
        await admin.PostAsync($"/api/v1/webhooks/{unknown}/rotate-secret", null).ShouldBeProblem(HttpStatusCode.NotFound);
        await admin.PostAsync($"/api/v1/webhooks/{unknown}/ping", null).ShouldBeProblem(HttpStatusCode.NotFound);
        await admin.GetAsync($"/api/v1/webhooks/{unknown}/deliveries").ShouldBeProblem(HttpStatusCode.NotFound);
        await admin.GetAsync("/api/v1/webhooks/not-a-guid").ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("staff")]
    [InlineData("viewer")]
    public async Task Only_admins_manage_webhooks(string role)
    {
        var admin = await Factory.AdminAsync();
        var created = await WebhookRequests.CreateAsync(admin, WebhookRequests.Body(Url));
        var other = await Factory.AsAsync(role);
        await other.GetAsync("/api/v1/webhooks").ShouldBeProblem(HttpStatusCode.Forbidden);
        await other.PostJsonAsync("/api/v1/webhooks", WebhookRequests.Body(Url)).ShouldBeProblem(HttpStatusCode.Forbidden);
        await other.GetAsync($"/api/v1/webhooks/{created.Id}").ShouldBeProblem(HttpStatusCode.Forbidden);
        await other.PostAsync($"/api/v1/webhooks/{created.Id}/rotate-secret", null).ShouldBeProblem(HttpStatusCode.Forbidden);

        var anonymous = Factory.Anonymous();
        await anonymous.GetAsync("/api/v1/webhooks").ShouldBeProblem(HttpStatusCode.Unauthorized);
        await anonymous.PostAsync($"/api/v1/webhooks/{created.Id}/ping", null).ShouldBeProblem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task List_is_keyset_paged_without_repeats()
    {
        var admin = await Factory.AdminAsync();
        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((await WebhookRequests.CreateAsync(admin, WebhookRequests.Body($"{Url}/{i}"))).Id);
        }
        var seen = new List<Guid>();
        string? cursor = null;
        do
        {
            var page = await (await admin.GetAsync("/api/v1/webhooks?limit=2" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}"))
                .ShouldBe(HttpStatusCode.OK)).ReadAsync<WebhookPage>();
            seen.AddRange(page.Items.Select(w => w.Id));
            cursor = page.NextCursor;
        }
        while (cursor is not null);
        seen.Distinct().Count().ShouldBe(seen.Count);
        seen.ShouldBeInOrder(SortDirection.Ascending);
        ids.ShouldBeSubsetOf(seen);
    }

    [Fact]
    public async Task Openapi_documents_the_endpoints_and_the_payload_under_webhooks()
    {
        var yaml = await (await Factory.Anonymous().GetAsync("/openapi/v1.yaml").ShouldBe(HttpStatusCode.OK)).Content.ReadAsStringAsync();
        var document = new YamlDotNet.Serialization.DeserializerBuilder().Build().Deserialize<Dictionary<object, object>>(yaml);
        var paths = (Dictionary<object, object>)document["paths"];
        paths.Keys.ShouldContain("/api/v1/webhooks/{id}/rotate-secret");
        paths.Keys.ShouldContain("/api/v1/webhooks/{id}/deliveries");
        var webhooks = (Dictionary<object, object>)document["webhooks"];
        var post = (Dictionary<object, object>)((Dictionary<object, object>)webhooks["changes"])["post"];
        yaml.ShouldContain("CommunityHub-Signature");
        var schemas = (Dictionary<object, object>)((Dictionary<object, object>)document["components"])["schemas"];
        var payload = (Dictionary<object, object>)((Dictionary<object, object>)schemas["WebhookPayload"])["properties"];
        payload.Keys.ShouldBe(["subscriptionId", "deliveryId", "items"], ignoreOrder: true);
        post.Keys.ShouldContain("requestBody");
    }
}

public sealed class WebhooksSqliteTests(SqliteApiFactory factory) : WebhooksContract<SqliteApiFactory>(factory);

public sealed class WebhooksSqlServerTests(SqlServerApiFactory factory) : WebhooksContract<SqlServerApiFactory>(factory);
