using Microsoft.OpenApi;

namespace CommunityHub.Api.Infrastructure.Http;

/// <summary>
/// Makes each operation's documented responses exactly what the pipeline can answer, beyond what its endpoint declares:
/// statuses that come from middleware rather than the handler, and no 400 where there is nothing to get wrong.
/// Features add their own (ApiKeys: 429 and the RateLimit headers) through <see cref="Add"/>.
/// </summary>
public static class ProblemResponses
{
    public const string ProblemSchema = "ProblemDetails";

    public static void DescribeWhatEveryEndpointCanAnswer(OpenApiDocument document)
    {
        foreach (var (method, operation) in Operations(document))
        {
            var responses = operation.Responses ??= [];
            // A mistyped, revoked or expired credential is refused everywhere, anonymous endpoints included.
            Add(document, operation, StatusCodes.Status401Unauthorized, "Unauthorized");
            // JsonContentTypeMiddleware refuses any non-JSON body on POST and PUT, also where no body is expected.
            if (method == HttpMethod.Post || method == HttpMethod.Put)
            {
                Add(document, operation, StatusCodes.Status415UnsupportedMediaType, "Unsupported Media Type");
            }
            // RequestBodyLimitMiddleware refuses a body over the cap (Limits:MaxRequestBodyBytes, 1 MB) wherever one is read.
            if (operation.RequestBody is not null)
            {
                Add(document, operation, StatusCodes.Status413PayloadTooLarge, "Content Too Large");
            }
            // Any operation may find the database busy past its wait (DatabaseConnections): 503 with Retry-After.
            Add(document, operation, StatusCodes.Status503ServiceUnavailable, "Service Unavailable");
            if (responses["503"] is OpenApiResponse busy)
            {
                busy.Headers ??= new Dictionary<string, IOpenApiHeader>();
                busy.Headers["Retry-After"] = new OpenApiHeader
                {
                    Description = "Seconds to wait before trying again: the database was busy.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "0" },
                };
            }
            // Route ids are constrained (a non-GUID is a 404), so only a body or a query string can be invalid.
            var hasQuery = operation.Parameters?.Any(p => p.In == ParameterLocation.Query) == true;
            if (operation.RequestBody is null && !hasQuery)
            {
                responses.Remove("400");
            }
            Sort(operation);
        }
    }

    /// <summary>Every operation of the document with its method.</summary>
    public static IEnumerable<(HttpMethod Method, OpenApiOperation Operation)> Operations(OpenApiDocument document) =>
        (document.Paths ?? []).Values
            .SelectMany(item => item.Operations ?? [])
            .Select(pair => (pair.Key, pair.Value));

    /// <summary>Adds a problem+json response with this status unless the endpoint already declares it.</summary>
    public static void Add(OpenApiDocument document, OpenApiOperation operation, int status, string description)
    {
        var responses = operation.Responses ??= [];
        var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (responses.ContainsKey(key))
        {
            return;
        }
        responses[key] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference(ProblemSchema, document) },
            },
        };
        Sort(operation);
    }

    private static void Sort(OpenApiOperation operation)
    {
        var sorted = operation.Responses!.OrderBy(r => r.Key, StringComparer.Ordinal).ToList();
        operation.Responses!.Clear();
        foreach (var (key, value) in sorted)
        {
            operation.Responses[key] = value;
        }
    }
}
