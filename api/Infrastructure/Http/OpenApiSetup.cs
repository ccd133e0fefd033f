using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CommunityHub.Api.Infrastructure.Http;

public static class OpenApiSetup
{
    public static IServiceCollection AddCommunityHubOpenApi(this IServiceCollection services)
    {
        services.AddOpenApi("v1", options =>
        {
            // The strict timestamp converter hides the type from the schema generator; say what goes on the wire.
            options.AddSchemaTransformer((schema, context, _) =>
            {
                var type = context.JsonTypeInfo.Type;
                if (type == typeof(DateTimeOffset) || type == typeof(DateTimeOffset?))
                {
                    schema.Type = type == typeof(DateTimeOffset) ? JsonSchemaType.String : JsonSchemaType.String | JsonSchemaType.Null;
                    schema.Format = "date-time";
                }
                return Task.CompletedTask;
            });
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "CommunityHub API",
                    Version = "v1",
                    Description = "Members, partnerships, pilots and events of a partnership centre. " +
                        "Errors are application/problem+json; lists are keyset paged with opaque cursors; " +
                        "single resources carry ETag and honour If-None-Match / If-Match. " +
                        "Problem titles, details and field messages are in Finnish, or in English with Accept-Language: en; " +
                        "Content-Language names the language used.",
                    License = new OpenApiLicense { Name = "Proprietary", Identifier = "LicenseRef-CommunityHub-Proprietary" },
                };
                // The committed openapi.yaml must name no host: clients choose their own base URL.
                document.Servers = [];
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes["Bearer"] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    BearerFormat = "JWT",
                    Description = "A token from POST /api/v1/auth/token, or from the configured OpenID Connect issuer.",
                };
                document.Components.SecuritySchemes["ApiKey"] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.ApiKey,
                    In = ParameterLocation.Header,
                    Name = "X-Api-Key",
                    Description = "A machine key from POST /api/v1/api-keys (admin): read-only, within its scopes " +
                        "(members:read, partnerships:read, pilots:read, events:read) and municipality; rate limited per key (429 + Retry-After).",
                };
                // Either scheme satisfies a request (alternatives, not both).
                document.Security =
                [
                    new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("Bearer", document)] = [] },
                    new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("ApiKey", document)] = [] },
                ];
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                OpenApiRequestExamples.Describe(operation, context);
                return Task.CompletedTask;
            });
            options.AddDocumentTransformer((document, context, _) =>
            {
                OpenApiRequestSchemas.DescribeWhatValidationChecks(document, context);
                DescribeTags(document, context);
                ProblemResponses.DescribeWhatEveryEndpointCanAnswer(document);
                return Task.CompletedTask;
            });
        });
        return services;
    }

    /// <summary>The document as JSON and as YAML (<c>/openapi/v1.json</c>, <c>/openapi/v1.yaml</c>), open to anyone.</summary>
    public static IEndpointRouteBuilder MapCommunityHubOpenApi(this IEndpointRouteBuilder routes)
    {
        routes.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        routes.MapOpenApi("/openapi/{documentName}.yaml").AllowAnonymous();
        return routes;
    }

    /// <summary>
    /// Swagger UI at <c>/swagger</c> over the JSON document. It is static and public: it runs before authorization so the
    /// fallback policy does not apply to it.
    /// </summary>
    public static IApplicationBuilder UseCommunityHubSwaggerUI(this IApplicationBuilder app) =>
        app.UseSwaggerUI(o =>
        {
            o.SwaggerEndpoint("/openapi/v1.json", "CommunityHub API v1");
            o.RoutePrefix = "swagger";
            o.DocumentTitle = "CommunityHub API";
        });

    private static void DescribeTags(OpenApiDocument document, OpenApiDocumentTransformerContext context)
    {
        var descriptions = context.DescriptionGroups
            .SelectMany(group => group.Items)
            .SelectMany(item => item.ActionDescriptor.EndpointMetadata.OfType<TagDescription>())
            .DistinctBy(tag => tag.Name)
            .ToDictionary(tag => tag.Name, tag => tag.Description, StringComparer.Ordinal);
        foreach (var tag in document.Tags ?? new HashSet<OpenApiTag>())
        {
            if (tag.Name is { } name && descriptions.TryGetValue(name, out var description))
            {
                tag.Description = description;
            }
        }
    }
}
