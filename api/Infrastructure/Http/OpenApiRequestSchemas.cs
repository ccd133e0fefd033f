using System.Reflection;
using FluentValidation.Validators;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CommunityHub.Api.Infrastructure.Http;

/// <summary>
/// A request schema lists as <c>required</c> exactly what the API refuses a body without. Input records keep their
/// properties nullable so that a missing field reaches validation and gets a field-named 400, which makes the schema
/// generator call every one of them required; the truth is in the validators. So: for each body type, a property is
/// required when a validator of the body (or of the request that carries it) has an unconditional NotNull/NotEmpty rule
/// on it; a nested shape (a party of a partnership, a venue) requires what the child rules its parent applies to it
/// (<c>ChildRules</c>, <c>SetValidator</c>, also under <c>RuleForEach</c>) demand unconditionally, and nothing when its
/// parent applies none. Response schemas keep listing everything the API always sends, which is why request bodies
/// and responses share no object shape (<c>MembershipInput</c> beside <c>Membership</c>).
/// </summary>
public static class OpenApiRequestSchemas
{
    private static readonly HashSet<string> PresenceRules = new(StringComparer.Ordinal) { "NotNullValidator", "NotEmptyValidator" };

    public static void RequireOnlyWhatValidationRefuses(OpenApiDocument document, OpenApiDocumentTransformerContext context)
    {
        if (document.Components?.Schemas is not { } schemas)
        {
            return;
        }
        var bodyTypes = context.DescriptionGroups
            .SelectMany(group => group.Items)
            .SelectMany(description => description.ParameterDescriptions)
            .Where(parameter => parameter.Source == BindingSource.Body)
            .Select(parameter => parameter.Type)
            .Distinct()
            .ToList();
        var reached = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (_, operation) in ProblemResponses.Operations(document))
        {
            foreach (var media in operation.RequestBody?.Content?.Values ?? [])
            {
                Walk(media.Schema, schemas, reached);
            }
        }

        using var scope = context.ApplicationServices.CreateScope();
        var required = RequiredByValidation(bodyTypes, scope.ServiceProvider)
            .ToDictionary(pair => pair.Key.Name, pair => pair.Value, StringComparer.Ordinal);
        foreach (var name in reached)
        {
            if (schemas[name] is not OpenApiSchema { Required.Count: > 0 } schema)
            {
                continue;
            }
            var demanded = required.GetValueOrDefault(name) ?? [];
            schema.Required = new HashSet<string>(schema.Required.Where(demanded.Contains), StringComparer.Ordinal);
        }
    }

    /// <summary>
    /// For each body type and each shape nested in one: the JSON names of its properties that validation refuses to see
    /// missing. A shape nested in several places is one schema, so it requires only what every place demands.
    /// </summary>
    public static IReadOnlyDictionary<Type, HashSet<string>> RequiredByValidation(IEnumerable<Type> bodies, IServiceProvider services)
    {
        var demands = new Dictionary<Type, List<HashSet<string>>>();
        foreach (var body in bodies)
        {
            var carriers = body.Assembly.GetTypes()
                .Where(t => t != body && t.GetProperties().Any(p => p.PropertyType == body));
            var validators = new[] { body }.Concat(carriers)
                .SelectMany(t => services.GetServices(typeof(IValidator<>).MakeGenericType(t)))
                .OfType<IValidator>()
                .ToList();
            Collect(body, validators, demands, []);
        }
        return demands.ToDictionary(
            pair => pair.Key,
            pair => pair.Value.Skip(1).Aggregate(new HashSet<string>(pair.Value[0], StringComparer.Ordinal), (all, next) =>
            {
                all.IntersectWith(next);
                return all;
            }));
    }

    /// <summary>Records what <paramref name="validators"/> demand of <paramref name="type"/>, then of each shape nested in it.</summary>
    private static void Collect(Type type, IReadOnlyList<IValidator> validators, Dictionary<Type, List<HashSet<string>>> demands, HashSet<Type> path)
    {
        if (!path.Add(type))
        {
            return;
        }
        var names = type.GetProperties().ToDictionary(p => p.Name, p => Json.Options.PropertyNamingPolicy!.ConvertName(p.Name), StringComparer.OrdinalIgnoreCase);
        var required = new HashSet<string>(StringComparer.Ordinal);
        // The child validators each property's rules apply to its value (or, under RuleForEach, to each item).
        var children = new Dictionary<string, List<IValidator>>(StringComparer.Ordinal);
        foreach (var rule in validators.SelectMany(v => v.CreateDescriptor().Rules))
        {
            // A rule under When/Unless does not always run.
            if (rule.HasCondition || rule.HasAsyncCondition || rule.PropertyName is null || !names.TryGetValue(rule.PropertyName, out var json))
            {
                continue;
            }
            var always = rule.Components.Where(c => !c.HasCondition && !c.HasAsyncCondition).ToList();
            foreach (var child in always.Select(c => c.Validator).OfType<IChildValidatorAdaptor>())
            {
                (children.TryGetValue(json, out var list) ? list : children[json] = []).Add(ChildValidator(child));
            }
            // RuleForEach checks the items, not the property.
            if (!rule.GetType().Name.StartsWith("CollectionPropertyRule", StringComparison.Ordinal)
                && always.Any(c => PresenceRules.Contains(c.Validator.Name)))
            {
                required.Add(json);
            }
        }
        (demands.TryGetValue(type, out var seen) ? seen : demands[type] = []).Add(required);

        foreach (var property in type.GetProperties())
        {
            if (Shape(property.PropertyType, type.Assembly) is { } nested)
            {
                Collect(nested, children.GetValueOrDefault(names[property.Name]) ?? [], demands, path);
            }
        }
        path.Remove(type);
    }

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

    private static void Walk(IOpenApiSchema? schema, IDictionary<string, IOpenApiSchema> schemas, HashSet<string> reached)
    {
        switch (schema)
        {
            case null:
                return;
            case OpenApiSchemaReference reference:
                if (reference.Reference.Id is { } id && reached.Add(id) && schemas.TryGetValue(id, out var target))
                {
                    Walk(target, schemas, reached);
                }
                return;
        }
        foreach (var child in (schema.Properties?.Values ?? []).Concat(schema.OneOf ?? []).Concat(schema.AnyOf ?? []).Concat(schema.AllOf ?? []))
        {
            Walk(child, schemas, reached);
        }
        Walk(schema.Items, schemas, reached);
        Walk(schema.AdditionalProperties, schemas, reached);
    }
}
