using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using CommunityHub.Api.Infrastructure.Http;
using FluentValidation.Internal;
using FluentValidation.Validators;

namespace CommunityHub.Api.Infrastructure.Validation;

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
            if (rule.PropertyName is null)
            {
                continue;
            }
            if (!names.TryGetValue(rule.PropertyName, out var json))
            {
                // A rule on a nested field by name (RuleFor(x => x.Address!.Street).OverridePropertyName("address.street")):
                // its schema is another shape's, so it is only described. ChildRules put such rules in the schema.
                if (names.ContainsKey(rule.PropertyName.Split('.')[0]))
                {
                    described.AddRange(rule.Components.Select(component => (prefix + rule.PropertyName, Sentence(component, rule.PropertyName.Split('.')[^1]))));
                }
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

    /// <summary>
    /// The rule in words: its own description, or its message with what is known before a value arrives filled in (the
    /// field, a length, a bound, the field compared with).
    /// </summary>
    private static string Sentence(IRuleComponent component, string json)
    {
        if (component.Validator is IDescribedRule described)
        {
            return described.Describe().ReplaceLineEndings(" ");
        }
        var formatter = new MessageFormatter().AppendPropertyName(json);
        switch (component.Validator)
        {
            case ILengthValidator length:
                formatter.AppendArgument("MinLength", length.Min).AppendArgument("MaxLength", length.Max);
                break;
            case IBetweenValidator between:
                formatter.AppendArgument("From", between.From).AppendArgument("To", between.To);
                break;
            case IComparisonValidator comparison:
                var other = comparison.MemberToCompare is { } member ? Json.Options.PropertyNamingPolicy!.ConvertName(member.Name) : null;
                formatter.AppendArgument("ComparisonValue", other ?? comparison.ValueToCompare).AppendArgument("ComparisonProperty", other ?? "");
                break;
            case IRegularExpressionValidator regex:
                formatter.AppendArgument("RegularExpression", regex.Expression);
                break;
        }
        // What the client sent is not known here: "You entered {PropertyValue}." goes.
        var text = formatter.BuildMessage(component.GetUnformattedErrorMessage()).ReplaceLineEndings(" ");
        return Regex.Replace(text, @"\s*[^.]*\{(PropertyValue|TotalLength)\}[^.]*\.", "").Trim();
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
