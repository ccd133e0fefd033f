using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CommunityHub.Api.Infrastructure.Validation;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CommunityHub.Api.Infrastructure.Http;

/// <summary>
/// A request schema says what the API accepts, read off the registered FluentValidation validators of each body (and of
/// the commands that carry it): a property is required and does not take null exactly when an unconditional
/// NotNull/NotEmpty (or a minimum item count) demands a value; lengths, patterns, closed sets, bounds, item counts and
/// formats become their JSON Schema keywords. A nested shape (a party of a partnership, a venue) gets what the child rules
/// its parent applies to it (<c>ChildRules</c>, <c>SetValidator</c>, also under <c>RuleForEach</c>) say, and nothing when
/// its parent applies none. A rule no keyword can say (a condition, an order between two fields, a check digit, a
/// <c>Must</c>) is listed by field under <see cref="RulesHeading"/> in the operation's description, in the words of its
/// message, as are the endpoint's <see cref="ServerCheck"/>s (what its handler checks against stored data). Response
/// schemas keep listing everything the API always sends, which is why request bodies and responses share no object
/// shape (<c>MembershipInput</c> beside <c>Membership</c>).
/// </summary>
public static class OpenApiRequestSchemas
{
    public const string RulesHeading = "Rules checked by the server:";

    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    public static void DescribeWhatValidationChecks(OpenApiDocument document, OpenApiDocumentTransformerContext context)
    {
        if (document.Components?.Schemas is not { } schemas)
        {
            return;
        }
        var endpoints = context.DescriptionGroups
            .SelectMany(group => group.Items)
            .Select(description => (
                Id: description.ActionDescriptor.EndpointMetadata.OfType<IEndpointNameMetadata>().LastOrDefault()?.EndpointName,
                Body: description.ParameterDescriptions.FirstOrDefault(p => p.Source == BindingSource.Body)?.Type,
                Checks: description.ActionDescriptor.EndpointMetadata.OfType<ServerCheck>().ToList()))
            .Where(endpoint => endpoint.Id is not null)
            .ToList();

        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = English;
        try
        {
            using var scope = context.ApplicationServices.CreateScope();
            var rules = ValidationRules.Read(endpoints.Select(e => e.Body).OfType<Type>().Distinct(), scope.ServiceProvider);
            foreach (var (type, properties) in rules.Shapes)
            {
                if (schemas.TryGetValue(type.Name, out var schema) && schema is OpenApiSchema concrete)
                {
                    Apply(concrete, properties);
                }
            }
            var operations = ProblemResponses.Operations(document).Select(o => o.Operation).Where(o => o.OperationId is not null)
                .ToDictionary(o => o.OperationId!, StringComparer.Ordinal);
            foreach (var (id, body, checks) in endpoints)
            {
                var lines = (body is null ? [] : rules.Described.GetValueOrDefault(body) ?? [])
                    .Concat(checks.Select(check => (check.Field, check.Describe())))
                    .Select(rule => $"- `{rule.Item1}`: {rule.Item2}")
                    .Distinct(StringComparer.Ordinal)
                    .ToList();
                if (lines.Count > 0 && operations.TryGetValue(id!, out var operation))
                {
                    var text = $"{RulesHeading}\n{string.Join("\n", lines)}";
                    operation.Description = string.IsNullOrEmpty(operation.Description) ? text : $"{operation.Description}\n\n{text}";
                }
            }
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    private static void Apply(OpenApiSchema schema, IReadOnlyDictionary<string, ValueRules> properties)
    {
        if (schema.Properties is not { } members)
        {
            return;
        }
        schema.Required = new HashSet<string>(
            members.Keys.Where(name => properties.GetValueOrDefault(name)?.Demanded == true), StringComparer.Ordinal);
        foreach (var (name, value) in properties)
        {
            if (!members.TryGetValue(name, out var property))
            {
                continue;
            }
            if (value.Demanded)
            {
                members[name] = property = NonNull(property);
            }
            Write(property, value);
            if (value.Items is { } items && Concrete(property)?.Items is { } itemSchema)
            {
                if (items.Demanded)
                {
                    Concrete(property)!.Items = itemSchema = NonNull(itemSchema);
                }
                Write(itemSchema, items);
            }
        }
    }

    /// <summary>The schema without its null: <c>type: [null, string]</c> becomes <c>string</c>, a <c>oneOf</c> of null and a reference the reference.</summary>
    private static IOpenApiSchema NonNull(IOpenApiSchema schema)
    {
        if (schema is not OpenApiSchema concrete)
        {
            return schema;
        }
        if (concrete.Type is { } type && type.HasFlag(JsonSchemaType.Null))
        {
            concrete.Type = type & ~JsonSchemaType.Null;
        }
        if (concrete.OneOf is { Count: 2 } branches && branches.Count(IsNull) == 1)
        {
            return branches.Single(branch => !IsNull(branch));
        }
        return concrete;
    }

    private static bool IsNull(IOpenApiSchema schema) => schema is OpenApiSchema { Type: JsonSchemaType.Null };

    /// <summary>The schema that holds the value's keywords; null for a reference (an enum or an object of its own).</summary>
    private static OpenApiSchema? Concrete(IOpenApiSchema schema) => schema as OpenApiSchema is { OneOf: null or { Count: 0 } } concrete ? concrete : null;

    private static void Write(IOpenApiSchema target, ValueRules rules)
    {
        if (Concrete(target) is not { } schema)
        {
            return;
        }
        schema.MinLength = rules.MinLength ?? schema.MinLength;
        schema.MaxLength = rules.MaxLength ?? schema.MaxLength;
        var patterns = rules.Patterns.Distinct(StringComparer.Ordinal).ToList();
        if (rules.NotBlank && !patterns.Any(RefusesBlank))
        {
            patterns.Add(ValueRules.NotBlankPattern);
        }
        if (patterns.Count > 0)
        {
            schema.Pattern = patterns[0];
            foreach (var more in patterns.Skip(1))
            {
                (schema.AllOf ??= []).Add(new OpenApiSchema { Pattern = more });
            }
        }
        schema.Format = rules.Format ?? schema.Format;
        if (rules.Enum is { } values)
        {
            schema.Enum = values.Select(v => (JsonNode)JsonValue.Create(v)).ToList();
            if (schema.Type?.HasFlag(JsonSchemaType.Null) == true)
            {
                schema.Enum.Add(null!);
            }
        }
        schema.Minimum = Number(rules.Minimum) ?? schema.Minimum;
        schema.Maximum = Number(rules.Maximum) ?? schema.Maximum;
        schema.ExclusiveMinimum = Number(rules.ExclusiveMinimum) ?? schema.ExclusiveMinimum;
        schema.ExclusiveMaximum = Number(rules.ExclusiveMaximum) ?? schema.ExclusiveMaximum;
        schema.MinItems = rules.MinItems ?? schema.MinItems;
        schema.MaxItems = rules.MaxItems ?? schema.MaxItems;
        if (rules.UniqueItems)
        {
            schema.UniqueItems = true;
        }
    }

    private static string? Number(decimal? value) => value?.ToString(CultureInfo.InvariantCulture);

    /// <summary>True when no run of white space (up to 64 characters) matches: the pattern already refuses blank text.</summary>
    private static bool RefusesBlank(string pattern) =>
        !Enumerable.Range(1, 64).Any(n => Regex.IsMatch(new string(' ', n), pattern)) && !Regex.IsMatch("\t", pattern);
}
