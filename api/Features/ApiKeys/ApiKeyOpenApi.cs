using CommunityHub.Api.Infrastructure.Http;
using Microsoft.AspNetCore.OpenApi;

namespace CommunityHub.Api.Features.ApiKeys;

/// <summary>What the per-key rate limit adds to the document: any request made with a key may be refused with 429.</summary>
public static class ApiKeyOpenApi
{
    public static OpenApiOptions AddApiKeyRateLimit(this OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            foreach (var (_, operation) in OpenApiResponses.Operations(document))
            {
                // The limit counts every request that authenticates with a key, before authorization decides on it.
                OpenApiResponses.Add(document, operation, StatusCodes.Status429TooManyRequests, "Too Many Requests");
            }
            return Task.CompletedTask;
        });
        return options;
    }
}
