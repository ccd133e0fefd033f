using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CommunityHub.Api.Infrastructure.Http;

/// <summary>
/// Puts each endpoint's <see cref="RequestExample"/> on its request body in openapi.yaml. Examples are typed records
/// written by the API's own JSON rules, so a renamed field or enum value changes the example with it.
/// </summary>
public static class OpenApiRequestExamples
{
    private static readonly JsonSerializerOptions Options = new(Json.Options) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public static void Describe(OpenApiOperation operation, OpenApiOperationTransformerContext context)
    {
        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<RequestExample>().LastOrDefault() is not { } example
            || operation.RequestBody?.Content is not { } content)
        {
            return;
        }
        var body = context.Description.ParameterDescriptions.FirstOrDefault(p => p.Source == BindingSource.Body)?.Type;
        if (body != example.Body.GetType())
        {
            throw new InvalidOperationException(
                $"{context.Description.RelativePath}: the example is a {example.Body.GetType().Name}, the body a {body?.Name ?? "(none)"}.");
        }
        foreach (var media in content.Values)
        {
            if (media is OpenApiMediaType concrete)
            {
                concrete.Example = ToNode(example.Body);
            }
        }
    }

    /// <summary>A value as the API writes it, without the fields it leaves null.</summary>
    public static JsonNode ToNode(object value) => JsonSerializer.SerializeToNode(value, value.GetType(), Options)!;
}
