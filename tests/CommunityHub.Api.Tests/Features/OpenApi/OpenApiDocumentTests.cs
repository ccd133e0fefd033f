using System.Net;
using CommunityHub.Api.Tests.Infrastructure;
using Shouldly;
using YamlDotNet.RepresentationModel;

namespace CommunityHub.Api.Tests.Features.OpenApi;

/// <summary>
/// The committed openapi.yaml is what integrators script against, so it must be exactly what the app serves.
/// Regenerate it with: UPDATE_OPENAPI=1 dotnet test tests/CommunityHub.Api.Tests --filter OpenApiDocumentTests
/// </summary>
public sealed class OpenApiDocumentTests(SqliteApiFactory factory) : IClassFixture<SqliteApiFactory>
{
    private static readonly string CommittedPath = Path.Combine(RepoPaths.Root, "openapi.yaml");

    [Fact]
    public async Task Committed_openapi_yaml_matches_what_the_app_serves()
    {
        var served = await factory.Anonymous().GetStringAsync("/openapi/v1.yaml");
        served = served.ReplaceLineEndings("\n");
        if (Environment.GetEnvironmentVariable("UPDATE_OPENAPI") == "1")
        {
            await File.WriteAllTextAsync(CommittedPath, served);
        }
        File.Exists(CommittedPath).ShouldBeTrue("openapi.yaml is missing at the repository root; run with UPDATE_OPENAPI=1 to write it.");
        var committed = (await File.ReadAllTextAsync(CommittedPath)).ReplaceLineEndings("\n");
        committed.ShouldBe(served, "openapi.yaml differs from /openapi/v1.yaml; regenerate with UPDATE_OPENAPI=1 (see README).");
    }

    [Fact]
    public async Task Document_names_no_server_and_every_operation_has_id_summary_and_problem_responses()
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(await factory.Anonymous().GetStringAsync("/openapi/v1.yaml")));
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        root.Children.ContainsKey("servers").ShouldBeFalse("the document must not name a host");

        var ids = new HashSet<string>();
        foreach (var (path, item) in (YamlMappingNode)root["paths"])
        {
            foreach (var (method, node) in (YamlMappingNode)item)
            {
                var operation = (YamlMappingNode)node;
                var where = $"{method} {path}";
                operation.Children.ContainsKey("operationId").ShouldBeTrue($"{where} has no operationId");
                ids.Add(operation["operationId"].ToString()).ShouldBeTrue($"{where}: duplicate operationId");
                operation.Children.ContainsKey("summary").ShouldBeTrue($"{where} has no summary");
                var responses = (YamlMappingNode)operation["responses"];
                responses.Children.Keys.Select(k => k.ToString()).ShouldContain(k => k.StartsWith('4'), $"{where} declares no error response");
            }
        }
    }

    [Fact]
    public async Task Enums_are_string_enums_in_snake_case()
    {
        var json = await factory.Anonymous().GetStringAsync("/openapi/v1.json");
        json.ShouldContain("\"public_authority\"");
        json.ShouldContain("\"children_families\"");
        json.ShouldContain("\"member_editor\"");
    }

    [Fact]
    public async Task Swagger_ui_is_served()
    {
        var response = await factory.Anonymous().GetAsync("/swagger/index.html");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("swagger", Case.Insensitive);
    }
}
