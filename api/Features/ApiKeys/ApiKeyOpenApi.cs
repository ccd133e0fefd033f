using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CommunityHub.Api.Features.ApiKeys;

/// <summary>
/// What the per-key rate limit adds to the document: any request made with a key may be refused with 429 (with
/// Retry-After), and every answer to a key carries the RateLimit fields.
/// </summary>
public static class ApiKeyOpenApi
{
    private static readonly (string Name, string Description)[] RateLimitHeaders =
    [
        (ApiKeyRateLimit.LimitHeader, "Answers to API-key requests: the requests the key may make per window."),
        (ApiKeyRateLimit.RemainingHeader, "Answers to API-key requests: the requests left in the current window."),
        (ApiKeyRateLimit.ResetHeader, "Answers to API-key requests: seconds until the window restarts."),
    ];

    public static OpenApiOptions AddApiKeyRateLimit(this OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Components ??= new OpenApiComponents();
            document.Components.Headers ??= new Dictionary<string, IOpenApiHeader>();
            foreach (var (name, description) in RateLimitHeaders.Append(("Retry-After", "Seconds to wait before the key may make requests again.")))
            {
                document.Components.Headers[name] = new OpenApiHeader
                {
                    Description = description,
                    Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "0" },
                };
            }
            foreach (var (_, operation) in ProblemResponses.Operations(document))
            {
                // The limit counts every request that authenticates with a key, before authorization decides on it.
                ProblemResponses.Add(document, operation, StatusCodes.Status429TooManyRequests, "Too Many Requests");
                foreach (var (status, response) in operation.Responses ?? [])
                {
                    if (response is not OpenApiResponse concrete)
                    {
                        continue;
                    }
                    concrete.Headers ??= new Dictionary<string, IOpenApiHeader>();
                    foreach (var (name, _) in RateLimitHeaders)
                    {
                        concrete.Headers[name] = new OpenApiHeaderReference(name, document);
                    }
                    if (status == "429")
                    {
                        concrete.Headers["Retry-After"] = new OpenApiHeaderReference("Retry-After", document);
                    }
                }
            }
            return Task.CompletedTask;
        });
        return options;
    }
}
