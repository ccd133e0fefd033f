
namespace CommunityHub.Api.Infrastructure.Time;

/// <summary>The wait between two passes of a background service.</summary>
public static class Passes
{
    /// <summary>Waits <paramref name="interval"/> on <paramref name="clock"/>: false when the host stops meanwhile (the service returns).</summary>
    public static async Task<bool> WaitAsync(TimeProvider clock, TimeSpan interval, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(interval, clock, stoppingToken);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
