using CommunityHub.Api.Infrastructure.Time;

namespace CommunityHub.Api.Features.Webhooks;

/// <summary>Runs delivery passes every <see cref="WebhookOptions.PollMilliseconds"/> in each process.</summary>
public sealed class WebhookDeliveryService(WebhookDispatcher dispatcher, WebhookOptions options, TimeProvider clock, ILogger<WebhookDeliveryService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // On stop (SIGTERM) the batch being posted is finished and recorded, no new one starts; the host's
                // HostOptions:ShutdownTimeout bounds the wait.
                await dispatcher.RunOnceAsync(CancellationToken.None, stoppingToken);
            }
            catch (Exception e)
            {
                logger.LogError(e, "A webhook delivery pass failed; the next pass retries.");
            }
            if (!await Passes.WaitAsync(clock, TimeSpan.FromMilliseconds(options.PollMilliseconds), stoppingToken))
            {
                return;
            }
        }
    }
}
