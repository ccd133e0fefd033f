extern alias JsonEverything;

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using JsonEverything::Json.Schema;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace CommunityHub.Api.Tests.Features.OpenApi;

/// <summary>
/// The committed openapi.yaml read as an integrator's tooling reads it, independent of the app's own OpenAPI code:
/// YamlDotNet parses it, each response schema becomes a JSON Schema 2020-12 document (components as <c>$defs</c>),
/// and JsonSchema.Net validates bodies against it.
/// </summary>
public sealed class OpenApiContract
{
    private const string SchemasPrefix = "#/components/schemas/";
    private readonly JsonObject defs;
    private readonly Dictionary<string, JsonSchema> schemas = new(StringComparer.Ordinal);

    private OpenApiContract(JsonObject document)
    {
        Document = document;
        defs = (JsonObject)Rewrite(document["components"]!["schemas"]!.DeepClone());
        foreach (var (path, item) in (JsonObject)document["paths"]!)
        {
            foreach (var (method, node) in (JsonObject)item!)
            {
                Operations.Add(new Operation((string)node!["operationId"]!, method.ToUpperInvariant(), path, Pattern(path), (JsonObject)node));
            }
        }
        // Literal segments win over parameters (/partnerships/export.csv before /partnerships/{id}).
        Operations.Sort((a, b) => a.Template.Count(c => c == '{').CompareTo(b.Template.Count(c => c == '{')));
        foreach (var (name, item) in (JsonObject?)document["webhooks"] ?? [])
        {
            foreach (var (method, node) in (JsonObject)item!)
            {
                Webhooks.Add(new Operation((string)node!["operationId"]!, method.ToUpperInvariant(), name, Pattern(name), (JsonObject)node));
            }
        }
    }

    public JsonObject Document { get; }

    public List<Operation> Operations { get; } = [];

    public List<Operation> Webhooks { get; } = [];

    public sealed record Operation(string Id, string Method, string Template, Regex Path, JsonObject Node)
    {
        public JsonObject Responses => (JsonObject)Node["responses"]!;

        public IEnumerable<int> Statuses => Responses.Select(r => int.Parse(r.Key, CultureInfo.InvariantCulture));

        public bool HasBody => Node["requestBody"] is not null;
    }

    public static OpenApiContract Load(string path)
    {
        var yaml = new YamlStream();
        using (var reader = File.OpenText(path))
        {
            yaml.Load(reader);
        }
        return new OpenApiContract((JsonObject)ToJson(yaml.Documents[0].RootNode)!);
    }

    public Operation? Find(string method, string path) =>
        Operations.FirstOrDefault(o => o.Method == method && o.Path.IsMatch(path));

    /// <summary>What is wrong with this response for this operation, as readable lines; empty when it conforms.</summary>
    public IReadOnlyList<string> Check(Operation operation, int status, string? mediaType, string body)
    {
        var where = $"{operation.Id} {status}";
        if (operation.Responses[status.ToString(CultureInfo.InvariantCulture)] is not JsonObject response)
        {
            return [$"{where}: status {status} is not documented (documented: {string.Join(", ", operation.Statuses)})"];
        }
        if (response["content"] is not JsonObject content)
        {
            return body.Length == 0 ? [] : [$"{where}: documented without a body, but the response has one ({mediaType})"];
        }
        if (mediaType is null || content[mediaType] is not JsonObject media)
        {
            return [$"{where}: content type {mediaType ?? "(none)"} is not documented (documented: {string.Join(", ", content.Select(c => c.Key))})"];
        }
        return media["schema"] is JsonObject schema && (mediaType.EndsWith("json", StringComparison.Ordinal))
            ? Validate($"{where} {mediaType}", schema, body)
            : [];
    }

    /// <summary>Validates a request body sent to a receiver (the document's <c>webhooks</c>) against its schema.</summary>
    public IReadOnlyList<string> CheckRequestBody(Operation operation, string body) =>
        Validate($"{operation.Id} request", (JsonObject)operation.Node["requestBody"]!["content"]!["application/json"]!["schema"]!, body);

    private IReadOnlyList<string> Validate(string where, JsonObject schemaNode, string body)
    {
        JsonElement instance;
        try
        {
            instance = JsonDocument.Parse(body).RootElement;
        }
        catch (JsonException e)
        {
            return [$"{where}: body is not JSON ({e.Message}): {Shorten(body)}"];
        }
        var key = schemaNode.ToJsonString();
        if (!schemas.TryGetValue(key, out var schema))
        {
            var root = (JsonObject)Rewrite(schemaNode.DeepClone());
            root["$schema"] = "https://json-schema.org/draft/2020-12/schema";
            root["$defs"] = defs.DeepClone();
            schema = JsonSchema.FromText(root.ToJsonString(), new BuildOptions { SchemaRegistry = new SchemaRegistry() },
                new Uri($"https://openapi.communityhub.test/{schemas.Count}"));
            schemas[key] = schema;
        }
        var result = schema.Evaluate(instance, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        if (result.IsValid)
        {
            return [];
        }
        var reasons = (result.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({d.EvaluationPath}): {e.Value}"))
            .Take(8);
        return [$"{where}: body does not match the schema: {string.Join("; ", reasons)} — body: {Shorten(body)}"];
    }

    private static string Shorten(string text) => text.Length <= 400 ? text : text[..400] + "…";

    private static Regex Pattern(string template) =>
        new("^" + Regex.Replace(Regex.Escape(template), @"\\\{[^/]+?}", "[^/]+") + "$", RegexOptions.CultureInvariant);

    /// <summary>Points component references at <c>$defs</c>, where a standalone JSON Schema keeps them.</summary>
    private static JsonNode Rewrite(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj.ToList())
                {
                    if (name == "$ref" && value is JsonValue v && v.GetValue<string>() is { } target && target.StartsWith(SchemasPrefix, StringComparison.Ordinal))
                    {
                        obj[name] = "#/$defs/" + target[SchemasPrefix.Length..];
                    }
                    else if (value is not null)
                    {
                        Rewrite(value);
                    }
                }
                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    if (item is not null)
                    {
                        Rewrite(item);
                    }
                }
                break;
        }
        return node;
    }

    /// <summary>YAML to JSON with YAML 1.2 core scalars: plain numbers, booleans and null keep their types.</summary>
    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(kv =>
            KeyValuePair.Create(((YamlScalarNode)kv.Key).Value!, ToJson(kv.Value)))),
        YamlSequenceNode sequence => new JsonArray(sequence.Children.Select(ToJson).ToArray()),
        YamlScalarNode { Style: ScalarStyle.Plain } scalar => Plain(scalar.Value ?? ""),
        YamlScalarNode scalar => JsonValue.Create(scalar.Value),
        _ => throw new InvalidOperationException($"Unexpected YAML node {node.NodeType}"),
    };

    private static JsonNode? Plain(string value) => value switch
    {
        "" or "~" or "null" => null,
        "true" => JsonValue.Create(true),
        "false" => JsonValue.Create(false),
        _ when long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole) => JsonValue.Create(whole),
        _ when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) => JsonValue.Create(real),
        _ => JsonValue.Create(value),
    };
}
