using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CommunityHub.Api.Infrastructure.Validation;
using FluentValidation.Internal;
using FluentValidation.Validators;
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

/// <summary>What validation demands of one value (a property, or each item of a list).</summary>
public sealed class ValueRules
{
    /// <summary>Some character other than white space.</summary>
    public const string NotBlankPattern = @"\S";

    public bool Demanded { get; set; }

    public bool NotBlank { get; set; }

    public int? MinLength { get; set; }

    public int? MaxLength { get; set; }

    public List<string> Patterns { get; } = [];

    public string? Format { get; set; }

    public IReadOnlyList<string>? Enum { get; set; }

    public decimal? Minimum { get; set; }

    public decimal? Maximum { get; set; }

    public decimal? ExclusiveMinimum { get; set; }

    public decimal? ExclusiveMaximum { get; set; }

    public int? MinItems { get; set; }

    public int? MaxItems { get; set; }

    public bool UniqueItems { get; set; }

    public ValueRules? Items { get; set; }

    /// <summary>What both of two places that share a schema accept: only the rules both have, each at its looser limit.</summary>
    public static ValueRules Loosest(ValueRules a, ValueRules b)
    {
        var both = new ValueRules
        {
            Demanded = a.Demanded && b.Demanded,
            NotBlank = a.NotBlank && b.NotBlank,
            MinLength = Lower(a.MinLength, b.MinLength),
            MaxLength = Higher(a.MaxLength, b.MaxLength),
            Format = a.Format == b.Format ? a.Format : null,
            Enum = a.Enum is { } x && b.Enum is { } y ? x.Union(y, StringComparer.Ordinal).ToList() : null,
            Minimum = Lower(a.Minimum, b.Minimum),
            Maximum = Higher(a.Maximum, b.Maximum),
            ExclusiveMinimum = Lower(a.ExclusiveMinimum, b.ExclusiveMinimum),
            ExclusiveMaximum = Higher(a.ExclusiveMaximum, b.ExclusiveMaximum),
            MinItems = Lower(a.MinItems, b.MinItems),
            MaxItems = Higher(a.MaxItems, b.MaxItems),
            UniqueItems = a.UniqueItems && b.UniqueItems,
            Items = a.Items is { } ai && b.Items is { } bi ? Loosest(ai, bi) : null,
        };
        both.Patterns.AddRange(a.Patterns.Intersect(b.Patterns, StringComparer.Ordinal));
        return both;
    }

    private static T? Lower<T>(T? a, T? b) where T : struct, IComparable<T> =>
        a is { } x && b is { } y ? (x.CompareTo(y) <= 0 ? x : y) : null;

    private static T? Higher<T>(T? a, T? b) where T : struct, IComparable<T> =>
        a is { } x && b is { } y ? (x.CompareTo(y) >= 0 ? x : y) : null;

    public static T? Tighter<T>(T? current, T next, bool larger) where T : struct, IComparable<T> =>
        current is { } c && (larger ? c.CompareTo(next) >= 0 : c.CompareTo(next) <= 0) ? c : next;
}

/// <summary>
/// The validators of the request bodies read rule by rule: what each shape's properties must be (<see cref="Shapes"/>)
/// and, per body, the rules no schema keyword says, by field path with the sentence that describes each (<see cref="Described"/>).
/// </summary>
public sealed class ValidationRules
{
    public Dictionary<Type, Dictionary<string, ValueRules>> Shapes { get; } = [];

    public Dictionary<Type, List<(string Field, string Sentence)>> Described { get; } = [];

    public static ValidationRules Read(IEnumerable<Type> bodies, IServiceProvider services)
    {
        var places = new Dictionary<Type, List<Dictionary<string, ValueRules>>>();
        var read = new ValidationRules();
        foreach (var body in bodies)
        {
            var carriers = body.Assembly.GetTypes()
                .Where(t => t != body && t.GetProperties().Any(p => p.PropertyType == body));
            var validators = new[] { body }.Concat(carriers)
                .SelectMany(t => services.GetServices(typeof(IValidator<>).MakeGenericType(t)))
                .OfType<IValidator>()
                .ToList();
            var described = read.Described[body] = [];
            Collect(body, validators, "", places, described, []);
        }
        foreach (var (type, seen) in places)
        {
            read.Shapes[type] = seen.Skip(1).Aggregate(seen[0], (all, next) => all.Keys.Union(next.Keys).ToDictionary(
                name => name,
                name => all.TryGetValue(name, out var a) && next.TryGetValue(name, out var b) ? ValueRules.Loosest(a, b) : new ValueRules()));
        }
        return read;
    }

    /// <summary>Records what <paramref name="validators"/> demand of <paramref name="type"/>, then of each shape nested in it.</summary>
    private static void Collect(
        Type type, IReadOnlyList<IValidator> validators, string prefix,
        Dictionary<Type, List<Dictionary<string, ValueRules>>> places, List<(string, string)> described, HashSet<Type> path)
    {
        if (!path.Add(type))
        {
            return;
        }
        var names = type.GetProperties().ToDictionary(p => p.Name, p => Json.Options.PropertyNamingPolicy!.ConvertName(p.Name), StringComparer.OrdinalIgnoreCase);
        var properties = new Dictionary<string, ValueRules>(StringComparer.Ordinal);
        // The child validators each property's rules apply to its value (or, under RuleForEach, to each item).
        var children = new Dictionary<string, List<IValidator>>(StringComparer.Ordinal);
        foreach (var rule in validators.SelectMany(v => v.CreateDescriptor().Rules))
        {
            if (rule.PropertyName is null || !names.TryGetValue(rule.PropertyName, out var json))
            {
                continue;
            }
            var each = IsCollectionRule(rule);
            var property = properties.TryGetValue(json, out var found) ? found : properties[json] = new ValueRules();
            var value = each ? property.Items ??= new ValueRules() : property;
            var field = prefix + json + (each ? "[]" : "");
            var valueType = Nullable.GetUnderlyingType(rule.TypeToValidate) ?? rule.TypeToValidate;
            foreach (var component in rule.Components)
            {
                // A rule under When/Unless does not always run: only words can say when it does.
                if (rule.HasCondition || rule.HasAsyncCondition || component.HasCondition || component.HasAsyncCondition)
                {
                    described.Add((field, Sentence(component, json)));
                    continue;
                }
                if (component.Validator is IChildValidatorAdaptor child)
                {
                    (children.TryGetValue(json, out var list) ? list : children[json] = []).Add(ChildValidator(child));
                }
                else if (!Read(component.Validator, value, valueType))
                {
                    described.Add((field, Sentence(component, json)));
                }
            }
        }
        (places.TryGetValue(type, out var seen) ? seen : places[type] = []).Add(properties);

        foreach (var property in type.GetProperties())
        {
            if (Shape(property.PropertyType, type.Assembly) is { } nested)
            {
                var json = names[property.Name];
                var items = nested != property.PropertyType;
                Collect(nested, children.GetValueOrDefault(json) ?? [], $"{prefix}{json}{(items ? "[]" : "")}.", places, described, path);
            }
        }
        path.Remove(type);
    }

    /// <summary>Puts what <paramref name="validator"/> checks into <paramref name="value"/>; false when no schema keyword says it.</summary>
    private static bool Read(IPropertyValidator validator, ValueRules value, Type type)
    {
        var isString = type == typeof(string);
        var isList = !isString && typeof(System.Collections.IEnumerable).IsAssignableFrom(type);
        switch (validator)
        {
            case INotNullValidator:
                value.Demanded = true;
                return true;
            case INotEmptyValidator when isString:
                value.Demanded = value.NotBlank = true;
                value.MinLength = ValueRules.Tighter(value.MinLength, 1, larger: true);
                return true;
            case INotEmptyValidator when isList:
                value.Demanded = true;
                value.MinItems = ValueRules.Tighter(value.MinItems, 1, larger: true);
                return true;
            case ILengthValidator length:
                if (length.Max > 0)
                {
                    value.MaxLength = ValueRules.Tighter(value.MaxLength, length.Max, larger: false);
                }
                if (length.Min > 0)
                {
                    value.MinLength = ValueRules.Tighter(value.MinLength, length.Min, larger: true);
                }
                return true;
            case IRegularExpressionValidator regex:
                value.Patterns.Add(regex.Expression);
                return true;
            case IEmailValidator:
                value.Format = "email";
                return true;
            case IBetweenValidator between when Decimal(between.From) is { } from && Decimal(between.To) is { } to:
                if (between.GetType().Name.StartsWith("Exclusive", StringComparison.Ordinal))
                {
                    value.ExclusiveMinimum = ValueRules.Tighter(value.ExclusiveMinimum, from, larger: true);
                    value.ExclusiveMaximum = ValueRules.Tighter(value.ExclusiveMaximum, to, larger: false);
                }
                else
                {
                    value.Minimum = ValueRules.Tighter(value.Minimum, from, larger: true);
                    value.Maximum = ValueRules.Tighter(value.Maximum, to, larger: false);
                }
                return true;
            case IComparisonValidator { MemberToCompare: null } comparison when Decimal(comparison.ValueToCompare) is { } bound:
                switch (comparison.Comparison)
                {
                    case Comparison.GreaterThan:
                        value.ExclusiveMinimum = ValueRules.Tighter(value.ExclusiveMinimum, bound, larger: true);
                        return true;
                    case Comparison.GreaterThanOrEqual:
                        value.Minimum = ValueRules.Tighter(value.Minimum, bound, larger: true);
                        return true;
                    case Comparison.LessThan:
                        value.ExclusiveMaximum = ValueRules.Tighter(value.ExclusiveMaximum, bound, larger: false);
                        return true;
                    case Comparison.LessThanOrEqual:
                        value.Maximum = ValueRules.Tighter(value.Maximum, bound, larger: false);
                        return true;
                    default:
                        return false;
                }
            case IItemCountValidator count:
                if (count.Min > 0)
                {
                    value.Demanded = true;
                    value.MinItems = ValueRules.Tighter(value.MinItems, count.Min, larger: true);
                }
                if (count.Max is { } max)
                {
                    value.MaxItems = ValueRules.Tighter(value.MaxItems, max, larger: false);
                }
                return true;
            case IOneOfValidator oneOf:
                value.Enum = value.Enum is { } known ? known.Intersect(oneOf.Values, StringComparer.Ordinal).ToList() : oneOf.Values;
                return true;
            case IFormatValidator format:
                value.Format = format.Format;
                if (format.Pattern is { } pattern)
                {
                    value.Patterns.Add(pattern);
                }
                return true;
            case ITrimmedLengthValidator trimmed:
                value.MinLength = ValueRules.Tighter(value.MinLength, trimmed.Min, larger: true);
                value.Patterns.Add(TrimmedLength.Pattern(trimmed.Min));
                return true;
            case IUniqueItemsValidator:
                value.UniqueItems = true;
                return true;
            default:
                return false;
        }
    }

    private static decimal? Decimal(object? value) =>
        value is IConvertible convertible && value is not string and not bool and not DateTime
            ? convertible.ToDecimal(CultureInfo.InvariantCulture)
            : null;

    /// <summary>The rule in words: its own description, or its message with the field's name filled in.</summary>
    private static string Sentence(IRuleComponent component, string json)
    {
        var text = component.Validator is IDescribedRule described ? described.Describe() : component.GetUnformattedErrorMessage();
        return text.Replace("{PropertyName}", json, StringComparison.Ordinal).ReplaceLineEndings(" ");
    }

    private static bool IsCollectionRule(IValidationRule rule) =>
        rule.GetType().GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ICollectionRule<,>));

    /// <summary>The record a property holds, directly or as the items of a list; null for strings, ids, numbers and enums.</summary>
    private static Type? Shape(Type type, Assembly owner)
    {
        var item = type != typeof(string) && type.GetInterfaces().Append(type)
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>)) is { } enumerable
            ? enumerable.GetGenericArguments()[0]
            : type;
        return item.IsClass && item.Assembly == owner ? item : null;
    }

    /// <summary>
    /// The validator behind ChildRules or SetValidator. FluentValidation hands it out per parent instance (a factory
    /// may choose by instance); a fixed one, which is all this app uses, comes back for an empty context.
    /// </summary>
    private static IValidator ChildValidator(IChildValidatorAdaptor adaptor)
    {
        var adaptorType = adaptor.GetType();
        while (!adaptorType.IsGenericType || adaptorType.GetGenericTypeDefinition() != typeof(ChildValidatorAdaptor<,>))
        {
            adaptorType = adaptorType.BaseType!;
        }
        var parent = adaptorType.GetGenericArguments()[0];
        var context = Activator.CreateInstance(typeof(ValidationContext<>).MakeGenericType(parent), [null]);
        return (IValidator)adaptorType.GetMethod(nameof(ChildValidatorAdaptor<object, object>.GetValidator))!.Invoke(adaptor, [context, null])!;
    }
}

/// <summary>
/// A rule an endpoint's handler checks against stored data (a member that must exist, a goal of this partnership), which
/// answers 400 naming <see cref="Field"/>: listed in the operation's description like the validators' rules.
/// </summary>
public sealed record ServerCheck(string Field, string TextKey, object?[] Arguments)
{
    public string Describe() => Texts.Get(TextKey, Arguments);
}
