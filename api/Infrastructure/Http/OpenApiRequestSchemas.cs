using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CommunityHub.Api.Infrastructure.Http;

/// <summary>
/// A request schema lists as <c>required</c> exactly what the API refuses a body without. Input records keep their
/// properties nullable so that a missing field reaches validation and gets a field-named 400, which makes the schema
/// generator call every one of them required; the truth is in the validators. So: for each body type, a property is
/// required when a validator of the body (or of the request that carries it) has an unconditional NotNull/NotEmpty rule
/// on it; every other schema a request body reaches requires nothing (nested shapes are checked, when present, by
/// their parent's rules). Response-only schemas keep listing everything the API always sends.
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
        foreach (var name in reached)
        {
            if (schemas[name] is not OpenApiSchema { Required.Count: > 0 } schema)
            {
                continue;
            }
            var type = bodyTypes.FirstOrDefault(t => t.Name == name);
            var required = type is null ? [] : RequiredByValidation(type, scope.ServiceProvider);
            schema.Required = new HashSet<string>(schema.Required.Where(required.Contains), StringComparer.Ordinal);
        }
    }

    /// <summary>The JSON names of <paramref name="body"/>'s properties that validation refuses to see missing.</summary>
    public static HashSet<string> RequiredByValidation(Type body, IServiceProvider services)
    {
        var carriers = body.Assembly.GetTypes()
            .Where(t => t != body && t.GetProperties().Any(p => p.PropertyType == body));
        var validators = new[] { body }.Concat(carriers)
            .SelectMany(t => services.GetServices(typeof(IValidator<>).MakeGenericType(t)))
            .OfType<IValidator>();
        var names = body.GetProperties().ToDictionary(p => p.Name, p => Json.Options.PropertyNamingPolicy!.ConvertName(p.Name), StringComparer.OrdinalIgnoreCase);
        var required = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rule in validators.SelectMany(v => v.CreateDescriptor().Rules))
        {
            // RuleForEach checks the items, not the property; a rule under When/Unless does not always run.
            if (rule.GetType().Name.StartsWith("CollectionPropertyRule", StringComparison.Ordinal)
                || rule.HasCondition || rule.HasAsyncCondition
                || rule.PropertyName is null || !names.TryGetValue(rule.PropertyName, out var json))
            {
                continue;
            }
            if (rule.Components.Any(c => PresenceRules.Contains(c.Validator.Name) && !c.HasCondition && !c.HasAsyncCondition))
            {
                required.Add(json);
            }
        }
        return required;
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
