using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CommunityHub.Api.Features.Health;

/// <summary>Ready when the database answers and every migration this build knows of has been applied.</summary>
public sealed class DatabaseHealthCheck(Db db, MigrationRunner migrations) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var current = await migrations.CurrentVersionAsync(connection, cancellationToken);
            var latest = MigrationRunner.LatestVersion(db.Dialect.Provider);
            return current == latest
                ? HealthCheckResult.Healthy($"{db.Dialect.Provider}, schema version {current}")
                : HealthCheckResult.Unhealthy($"{db.Dialect.Provider}: schema version {current?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}, expected {latest}");
        }
        catch (Exception e)
        {
            return HealthCheckResult.Unhealthy($"{db.Dialect.Provider} is not reachable: {e.GetType().Name}");
        }
    }
}
