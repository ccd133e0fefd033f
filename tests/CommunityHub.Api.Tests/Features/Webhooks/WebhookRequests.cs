using System.Net;
using CommunityHub.Api.Features.Webhooks;
using CommunityHub.Api.Infrastructure.Data;
using CommunityHub.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CommunityHub.Api.Tests.Features.Webhooks;

public static class WebhookRequests
{
    /// <summary>
    /// The settings every webhook test class runs with: loopback http receivers (the receiver listens on 127.0.0.1, an
    /// internal address that is refused unless allowed explicitly, as an operator would), no background loop.
    /// </summary>
    public static void Configure(ApiFactory factory, bool allowLoopback = true)
    {
        factory.Set("Webhooks:AllowedNetworks", allowLoopback ? "127.0.0.0/8, ::1/128" : null);
        factory.Set("Webhooks:AllowHttp", "true");
        factory.Set("Webhooks:BackgroundDelivery", "false");
        factory.Set("Webhooks:BackoffSeconds", "10,30,120");
        factory.Set("Webhooks:JitterFraction", "0.2");
        factory.Set("Webhooks:FailingAfter", "00:05:00");
        factory.Set("Webhooks:BatchSize", "3");
        factory.Set("Webhooks:TimeoutSeconds", "5");
    }

    public static Dictionary<string, object?> Body(string url, string[]? types = null, string? municipalityCode = null) => new()
    {
        ["url"] = url,
        ["types"] = types ?? ["members"],
        ["municipalityCode"] = municipalityCode,
        ["description"] = "Kunnan asianhallinta",
    };

    public static async Task<WebhookWithSecretResponse> CreateAsync(HttpClient admin, Dictionary<string, object?> body)
    {
        var response = await admin.PostJsonAsync("/api/v1/webhooks", body).ShouldBe(HttpStatusCode.Created);
        return await response.ReadAsync<WebhookWithSecretResponse>();
    }

    /// <summary>A committed change-feed entry of another collection, as its feature would write it.</summary>
    public static async Task<Guid> WriteChangeAsync(ApiFactory factory, string type, string? municipalityCode, bool commit = true)
    {
        var id = Guid.CreateVersion7();
        await using var services = factory.Services.CreateAsyncScope();
        var db = services.ServiceProvider.GetRequiredService<Db>();
        await using var scope = await db.BeginWriteAsync(CancellationToken.None);
        await services.ServiceProvider.GetRequiredService<ChangeLog>().RecordAsync(scope, new EntityType(type, InFeed: true), id, ChangeOp.Create, 1, municipalityCode, CancellationToken.None);
        if (commit)
        {
            await scope.CommitAsync(CancellationToken.None);
        }
        return id;
    }
}
