using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CommunityHub.Api.Infrastructure.Validation;
using CommunityHub.Api.Tests.Infrastructure;
using FluentValidation;
using FluentValidation.Validators;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace CommunityHub.Api.Tests.Features.OpenApi;

/// <summary>
/// Every rule of every registered validator of a request body reaches the served document: as a JSON Schema keyword where
/// one says it (required and not null, lengths, pattern, enum, bounds, item counts, formats), otherwise as a line
/// <c>- `field`: sentence</c> under "Rules checked by the server:" in the operation's description. The expectations are
/// read here from FluentValidation's descriptors, rule by rule, so a new rule that the transformer does not carry fails.
/// </summary>
public sealed class ValidationSchemaTests(SqliteApiFactory factory) : IClassFixture<SqliteApiFactory>
{
    public const string RulesHeading = "Rules checked by the server:";

    [Fact]
    public async Task Every_validation_rule_is_a_schema_keyword_or_listed_in_the_operation_description()
    {
        var document = JsonNode.Parse(await factory.Anonymous().GetStringAsync("/openapi/v1.json"))!.AsObject();
        var missing = new List<string>();
        using var scope = factory.Services.CreateScope();
        foreach (var (operationId, body) in Bodies())
        {
            var operation = Operation(document, operationId);
            var check = new Checker(document, operationId, Listed(operation), missing);
            var schema = check.Component(operation["requestBody"]!["content"]!["application/json"]!["schema"]);
            check.Object(schema, body, Validators(body, scope.ServiceProvider), "");
        }
        missing.ShouldBeEmpty(string.Join("\n", missing));
    }

    [Fact]
    public async Task Every_listed_rule_reads_as_a_sentence()
    {
        var document = JsonNode.Parse(await factory.Anonymous().GetStringAsync("/openapi/v1.json"))!.AsObject();
        var lines = Operations(document).SelectMany(o => Listed(o.Operation).Select(rule => $"{o.Id}: {rule.Key}: {rule.Value}")).ToList();
        lines.ShouldNotBeEmpty();
        lines.Where(line => line.Contains('{', StringComparison.Ordinal) || line.Contains("specified condition", StringComparison.Ordinal) || line.EndsWith(": ", StringComparison.Ordinal))
            .ShouldBeEmpty();
    }

    [Fact]
    public async Task Every_operation_declares_503_with_retry_after()
    {
        var document = JsonNode.Parse(await factory.Anonymous().GetStringAsync("/openapi/v1.json"))!.AsObject();
        var without = Operations(document)
            .Where(o => o.Operation["responses"]?["503"]?["headers"]?["Retry-After"] is null)
            .Select(o => o.Id)
            .ToList();
        without.ShouldBeEmpty();
    }

    private static IEnumerable<(string Id, JsonObject Operation)> Operations(JsonObject document) =>
        document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject())
            .Where(pair => pair.Value is JsonObject { } o && o["operationId"] is not null)
            .Select(pair => (pair.Value!["operationId"]!.GetValue<string>(), pair.Value!.AsObject()));

    private static JsonObject Operation(JsonObject document, string id) => Operations(document).Single(o => o.Id == id).Operation;

    /// <summary>The operation's listed rules: field path (items as <c>[]</c>) → sentences.</summary>
    public static Dictionary<string, string> Listed(JsonObject operation)
    {
        var listed = new Dictionary<string, string>(StringComparer.Ordinal);
        var description = operation["description"]?.GetValue<string>() ?? "";
        var start = description.IndexOf(RulesHeading, StringComparison.Ordinal);
        if (start < 0)
        {
            return listed;
        }
        foreach (Match line in Regex.Matches(description[start..], @"^- `([^`]+)`: (.*)$", RegexOptions.Multiline))
        {
            listed[line.Groups[1].Value] = listed.TryGetValue(line.Groups[1].Value, out var before) ? $"{before} {line.Groups[2].Value}" : line.Groups[2].Value;
        }
        return listed;
    }

    private IEnumerable<(string OperationId, Type Body)> Bodies() =>
        factory.Services.GetRequiredService<IApiDescriptionGroupCollectionProvider>().ApiDescriptionGroups.Items
            .SelectMany(group => group.Items)
            .SelectMany(description => description.ParameterDescriptions
                .Where(p => p.Source == BindingSource.Body)
                .Select(p => (description.ActionDescriptor.EndpointMetadata.OfType<IEndpointNameMetadata>().Single().EndpointName, p.Type)));

    /// <summary>The body's own validators and those of the commands that carry it (the convention the API follows).</summary>
    private static List<IValidator> Validators(Type body, IServiceProvider services) =>
        new[] { body }
            .Concat(body.Assembly.GetTypes().Where(t => t != body && t.GetProperties().Any(p => p.PropertyType == body)))
            .SelectMany(t => services.GetServices(typeof(IValidator<>).MakeGenericType(t)))
            .OfType<IValidator>()
            .ToList();

    private sealed class Checker(JsonObject document, string operationId, Dictionary<string, string> listed, List<string> missing)
    {
        private readonly JsonObject schemas = document["components"]!["schemas"]!.AsObject();

        /// <summary>The object schema a property's schema stands for: behind a $ref, or the non-null branch of a oneOf.</summary>
        public JsonObject? Component(JsonNode? schema)
        {
            if (schema?["$ref"]?.GetValue<string>() is { } reference)
            {
                return schemas[reference.Split('/')[^1]]!.AsObject();
            }
            var branches = (schema?["oneOf"] as JsonArray ?? []).Concat(schema?["anyOf"] as JsonArray ?? []).ToList();
            return branches.Count > 0
                ? branches.Where(branch => branch?["type"]?.ToString() != "null").Select(Component).FirstOrDefault(found => found is not null)
                : schema as JsonObject;
        }

        public void Object(JsonObject? schema, Type type, IReadOnlyList<IValidator> validators, string prefix)
        {
            var names = type.GetProperties().ToDictionary(p => p.Name, p => JsonName(p.Name), StringComparer.OrdinalIgnoreCase);
            foreach (var rule in validators.SelectMany(v => v.CreateDescriptor().Rules))
            {
                if (rule.PropertyName is null)
                {
                    continue;
                }
                if (!names.TryGetValue(rule.PropertyName, out var json))
                {
                    // A rule on a nested field by name has no keyword of its own shape's to go to: it must be listed.
                    if (names.ContainsKey(rule.PropertyName.Split('.')[0]))
                    {
                        Listed(prefix + rule.PropertyName);
                    }
                    continue;
                }
                var property = schema?["properties"]?[json];
                if (property is null)
                {
                    Miss(prefix + json, "no such property in the schema");
                    continue;
                }
                var each = rule.GetType().GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ICollectionRule<,>));
                var target = each ? Component(property)?["items"] ?? property["items"] : property;
                var path = prefix + json + (each ? "[]" : "");
                var conditional = rule.HasCondition || rule.HasAsyncCondition;
                foreach (var component in rule.Components)
                {
                    if (conditional || component.HasCondition || component.HasAsyncCondition)
                    {
                        Listed(path);
                        continue;
                    }
                    Rule(schema!, json, each, target, path, rule.TypeToValidate, component.Validator);
                }
            }
        }

        private void Rule(JsonObject owner, string json, bool each, JsonNode? target, string path, Type type, IPropertyValidator validator)
        {
            var value = System.Nullable.GetUnderlyingType(type) ?? type;
            var isString = value == typeof(string);
            var isList = !isString && typeof(System.Collections.IEnumerable).IsAssignableFrom(value);
            switch (validator)
            {
                case IChildValidatorAdaptor child:
                    Object(Component(target), ChildType(child), [ChildValidator(child)], path + ".");
                    break;
                case INotNullValidator:
                    Present(owner, json, each, target, path);
                    break;
                case INotEmptyValidator when isString:
                    Present(owner, json, each, target, path);
                    Expect(path, "minLength ≥ 1", Number(target, "minLength") >= 1);
                    Expect(path, "a pattern refusing blank text", Patterns(target).Any(p => !Regex.IsMatch(" ", p)));
                    break;
                case INotEmptyValidator when isList:
                    Present(owner, json, each, target, path);
                    Expect(path, "minItems ≥ 1", Number(target, "minItems") >= 1);
                    break;
                case ILengthValidator length:
                    if (length.Max > 0)
                    {
                        Expect(path, $"maxLength {length.Max}", Number(target, "maxLength") == length.Max);
                    }
                    if (length.Min > 0)
                    {
                        Expect(path, $"minLength {length.Min}", Number(target, "minLength") == length.Min);
                    }
                    break;
                case IRegularExpressionValidator regex:
                    Expect(path, $"pattern {regex.Expression}", Patterns(target).Contains(regex.Expression));
                    break;
                case IEmailValidator:
                    Expect(path, "format email", target?["format"]?.GetValue<string>() == "email");
                    break;
                case IBetweenValidator between:
                    var exclusive = between.GetType().Name.StartsWith("Exclusive", StringComparison.Ordinal);
                    Expect(path, $"bounds {between.From}..{between.To}",
                        Number(target, exclusive ? "exclusiveMinimum" : "minimum") == Convert.ToDecimal(between.From, CultureInfo.InvariantCulture)
                        && Number(target, exclusive ? "exclusiveMaximum" : "maximum") == Convert.ToDecimal(between.To, CultureInfo.InvariantCulture));
                    break;
                case IComparisonValidator { MemberToCompare: null, ValueToCompare: IConvertible bound } comparison
                    when Keyword(comparison.Comparison) is { } keyword:
                    Expect(path, $"{keyword} {bound}", Number(target, keyword) == Convert.ToDecimal(bound, CultureInfo.InvariantCulture));
                    break;
                case IItemCountValidator count:
                    if (count.Min > 0)
                    {
                        Present(owner, json, each, target, path);
                        Expect(path, $"minItems {count.Min}", Number(target, "minItems") == count.Min);
                    }
                    if (count.Max is { } max)
                    {
                        Expect(path, $"maxItems {max}", Number(target, "maxItems") == max);
                    }
                    break;
                case IOneOfValidator oneOf:
                    var listedValues = (target?["enum"] as JsonArray ?? []).Where(v => v is not null).Select(v => v!.GetValue<string>()).Order(StringComparer.Ordinal);
                    Expect(path, $"enum {string.Join(", ", oneOf.Values)}", listedValues.SequenceEqual(oneOf.Values.Order(StringComparer.Ordinal)));
                    break;
                case IFormatValidator format:
                    Expect(path, $"format {format.Format}", target?["format"]?.GetValue<string>() == format.Format
                        && (format.Pattern is null || Patterns(target).Contains(format.Pattern)));
                    break;
                case ITrimmedLengthValidator trimmed:
                    Expect(path, $"minLength {trimmed.Min} and a pattern for the trimmed length",
                        Number(target, "minLength") >= trimmed.Min && Patterns(target).Any(p => !Regex.IsMatch(" " + new string('x', trimmed.Min - 1) + " ", p)));
                    break;
                case IUniqueItemsValidator:
                    Expect(path, "uniqueItems", target?["uniqueItems"]?.GetValue<bool>() == true);
                    break;
                default:
                    Listed(path);
                    break;
            }
        }

        /// <summary>A value is demanded: the property is required and its schema does not take null.</summary>
        private void Present(JsonObject owner, string json, bool each, JsonNode? target, string path)
        {
            if (!each)
            {
                Expect(path, "required", (owner["required"] as JsonArray ?? []).Any(r => r?.GetValue<string>() == json));
            }
            Expect(path, "not nullable", !Nullable(target));
        }

        private static bool Nullable(JsonNode? schema) =>
            schema?["type"] switch
            {
                JsonArray types => types.Any(t => t?.GetValue<string>() == "null"),
                JsonValue type => type.GetValue<string>() == "null",
                _ => false,
            }
            || (schema?["oneOf"] as JsonArray ?? []).Concat(schema?["anyOf"] as JsonArray ?? []).Any(Nullable);

        private static IEnumerable<string> Patterns(JsonNode? schema) =>
            new[] { schema?["pattern"] }.Concat((schema?["allOf"] as JsonArray ?? []).Select(s => s?["pattern"]))
                .Where(p => p is not null)
                .Select(p => p!.GetValue<string>());

        private static decimal? Number(JsonNode? schema, string keyword) =>
            schema?[keyword] is JsonValue value ? decimal.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture) : null;

        private static string? Keyword(Comparison comparison) => comparison switch
        {
            Comparison.GreaterThan => "exclusiveMinimum",
            Comparison.GreaterThanOrEqual => "minimum",
            Comparison.LessThan => "exclusiveMaximum",
            Comparison.LessThanOrEqual => "maximum",
            _ => null,
        };

        private void Listed(string path)
        {
            if (!listed.ContainsKey(path))
            {
                missing.Add($"{operationId}: `{path}` has a rule with no schema keyword and is not listed under \"{RulesHeading}\"");
            }
        }

        private void Expect(string path, string what, bool holds)
        {
            if (!holds)
            {
                Miss(path, $"schema lacks {what}");
            }
        }

        private void Miss(string path, string what) => missing.Add($"{operationId}: `{path}`: {what}");
    }

    private static string JsonName(string name) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(name);

    private static Type ChildType(IChildValidatorAdaptor adaptor) => AdaptorType(adaptor).GetGenericArguments()[1];

    private static Type AdaptorType(IChildValidatorAdaptor adaptor)
    {
        var type = adaptor.GetType();
        while (!type.IsGenericType || type.GetGenericTypeDefinition() != typeof(ChildValidatorAdaptor<,>))
        {
            type = type.BaseType!;
        }
        return type;
    }

    /// <summary>The fixed validator behind ChildRules or SetValidator (handed out for an empty context).</summary>
    private static IValidator ChildValidator(IChildValidatorAdaptor adaptor)
    {
        var type = AdaptorType(adaptor);
        var context = Activator.CreateInstance(typeof(ValidationContext<>).MakeGenericType(type.GetGenericArguments()[0]), [null]);
        return (IValidator)type.GetMethod("GetValidator", BindingFlags.Public | BindingFlags.Instance)!.Invoke(adaptor, [context, null])!;
    }
}
