using CommunityHub.Api.Features.Changes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CommunityHub.Api.Features.Webhooks;

public static class WebhookSetup
{
    /// <summary>
    /// Options, Data Protection (the key ring that encrypts signing secrets, kept in the database, or in the folder
    /// <c>DataProtection:KeyRingPath</c> / <c>Webhooks:KeyRingPath</c> when set, encrypted with the certificate
    /// <c>DataProtection:CertificatePath</c> when set), the outbound HTTP client and, unless turned off, the background dispatcher.
    /// </summary>
    public static IServiceCollection AddWebhooks(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var options = configuration.GetSection("Webhooks").Get<WebhookOptions>() ?? new WebhookOptions();
        options.Validate();
        // Local receivers (http://localhost) are the normal case while developing.
        options.AllowHttp |= environment.IsDevelopment();
        services.AddSingleton(options);

        // The key ring is shared through the database unless an operator names a folder (DataProtection:KeyRingPath,
        // or Webhooks:KeyRingPath as before).
        var keyRingPath = configuration["DataProtection:KeyRingPath"] is { Length: > 0 } path ? path : options.KeyRingPath;
        services.AddCommunityHubDataProtection(keyRingPath, LegacyKeyRingFolder(configuration, environment), DataProtectionSetup.KeyRingCertificate(configuration));

        var network = new WebhookNetworkPolicy(options);
        services.AddSingleton(network);
        services.AddHttpClient(WebhookSender.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                // Every connection goes through the network policy, on the address actually connected to; a proxy
                // would make that the proxy's address, so none is used.
                ConnectCallback = network.ConnectAsync,
                UseProxy = false,
                // A receiver's redirect could point anywhere (an internal address); a delivery goes only to the subscribed URL.
                AllowAutoRedirect = false,
                UseCookies = false,
                ConnectTimeout = TimeSpan.FromSeconds(options.TimeoutSeconds),
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                MaxResponseHeadersLength = 16,
            })
            .RemoveAllLoggers();

        services.AddSingleton<WebhookSecrets>();
        services.AddSingleton<WebhookSender>();
        services.AddSingleton<WebhookDeliveryState>();
        services.AddSingleton<WebhookDispatcher>();
        if (options.BackgroundDelivery)
        {
            services.AddHostedService<WebhookDeliveryService>();
        }
        // After the document's own transformers (title, security schemes), whichever is registered first.
        services.PostConfigureAll<OpenApiOptions>(openApi => openApi.AddWebhookPayloads());
        return services;
    }

    /// <summary>Where keys lived by default before they moved into the database: <c>keys</c> beside the SQLite file.</summary>
    private static string LegacyKeyRingFolder(IConfiguration configuration, IHostEnvironment environment)
    {
        var database = DatabaseSetup.Options(configuration, environment);
        var folder = DatabaseConnections.For(database.Provider).FileFolder(database.ConnectionString) ?? DatabaseSetup.DataFolder(database, environment);
        return Path.Combine(folder, "keys");
    }

    /// <summary>Describes, under <c>webhooks:</c> (OpenAPI 3.1), the request a receiver gets.</summary>
    private static OpenApiOptions AddWebhookPayloads(this OpenApiOptions openApi)
    {
        openApi.AddDocumentTransformer(async (document, context, ct) =>
        {
            document.Components ??= new OpenApiComponents();
            document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
            foreach (var (name, type) in new[] { ("ChangeEntry", typeof(ChangeEntry)), ("WebhookPayload", typeof(WebhookPayload)) })
            {
                if (!document.Components.Schemas.ContainsKey(name))
                {
                    document.Components.Schemas[name] = await context.GetOrCreateSchemaAsync(type, null, ct);
                }
            }
            if (document.Components.Schemas["WebhookPayload"] is OpenApiSchema payload
                && payload.Properties?.TryGetValue("items", out var items) == true && items is OpenApiSchema array)
            {
                // The entries are the change feed's own: name the shared schema rather than repeat it inline.
                array.Items = new OpenApiSchemaReference("ChangeEntry", document);
            }
            document.Webhooks ??= new Dictionary<string, IOpenApiPathItem>();
            document.Webhooks["changes"] = new OpenApiPathItem
            {
                Operations = new Dictionary<HttpMethod, OpenApiOperation>
                {
                    [HttpMethod.Post] = new()
                    {
                        OperationId = "receiveChanges",
                        Summary = "A batch of change-feed entries, POSTed to a subscription's url",
                        Description =
                            "Entries are in feed order, the same shape as GET /api/v1/changes. Delivery is at-least-once: a batch may " +
                            "arrive twice (dedupe by `deliveryId`, which a retry repeats), never with a gap. Verify " +
                            "`CommunityHub-Signature` (`t=<unix seconds>,v1=<hex HMAC-SHA256 of \"t.body\" with the secret>`) and reject " +
                            "timestamps older than 5 minutes. Any 2xx acknowledges the batch; anything else, or no answer within the " +
                            "timeout, is retried with backoff. A ping carries no items.",
                        Tags = new HashSet<OpenApiTagReference> { new("Webhooks", document) },
                        Parameters =
                        [
                            new OpenApiParameter
                            {
                                Name = WebhookSignature.SignatureHeader,
                                In = ParameterLocation.Header,
                                Required = true,
                                Description = "t=<unix seconds>,v1=<hex HMAC-SHA256 of \"t.body\">",
                                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                            },
                            new OpenApiParameter
                            {
                                Name = WebhookSignature.DeliveryHeader,
                                In = ParameterLocation.Header,
                                Required = true,
                                Description = "The batch's id, the same on every retry of the batch.",
                                Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uuid" },
                            },
                        ],
                        RequestBody = new OpenApiRequestBody
                        {
                            Required = true,
                            Content = new Dictionary<string, OpenApiMediaType>
                            {
                                ["application/json"] = new()
                                {
                                    Schema = new OpenApiSchemaReference("WebhookPayload", document),
                                    Example = OpenApiRequestExamples.ToNode(WebhookExamples.Payload),
                                },
                            },
                        },
                        Responses = new OpenApiResponses
                        {
                            ["2XX"] = new OpenApiResponse { Description = "Accepted; the subscription's cursor moves past the batch." },
                            ["default"] = new OpenApiResponse { Description = "Not accepted; the same batch is retried with backoff." },
                        },
                    },
                },
            };
        });
        return openApi;
    }
}
