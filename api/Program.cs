using CommunityHub.Api.Features.ApiKeys;
using CommunityHub.Api.Features.Audit;
using CommunityHub.Api.Features.Auth;
using CommunityHub.Api.Features.Changes;
using CommunityHub.Api.Features.Events;
using CommunityHub.Api.Features.Health;
using CommunityHub.Api.Features.Mail;
using CommunityHub.Api.Features.Members;
using CommunityHub.Api.Features.Partnerships;
using CommunityHub.Api.Features.Pilots;
using CommunityHub.Api.Features.Privacy;
using CommunityHub.Api.Features.Spaces;
using CommunityHub.Api.Features.Stats;
using CommunityHub.Api.Features.Users;
using CommunityHub.Api.Features.Webhooks;
using CommunityHub.Api.Infrastructure.Mediation;
using CommunityHub.Api.Infrastructure.Telemetry;

// Process-wide settings, set once here where they are visible: Dapper stores ids as text and instants as RFC 3339 text
// on both providers; FluentValidation stops a rule at its first failure and names fields as clients send them.
TypeHandlers.Register();
ValidationDefaults.Apply();

// `backup <file>`: a consistent online copy of the SQLite database, then exit without serving.
if (args is ["backup", var backupFile, .. var backupArgs])
{
    var backupHost = WebApplication.CreateBuilder(backupArgs);
    return await DatabaseBackup.RunAsync(DatabaseSetup.Options(backupHost.Configuration, backupHost.Environment), backupFile, Console.Out);
}

var builder = WebApplication.CreateBuilder(args);
var (services, configuration, environment) = (builder.Services, builder.Configuration, builder.Environment);
// How long a stop (SIGTERM) waits for requests in flight and the webhook batch being delivered: HostOptions:ShutdownTimeout.
services.Configure<HostOptions>(configuration.GetSection("HostOptions"));
services.AddSingleton(TimeProvider.System);
services.AddCommunityHubTelemetry(configuration);
services.AddCommunityHubData(configuration, environment);
services.AddMediation(typeof(Program).Assembly);

services.AddUsers();
services.AddChanges();
services.AddPartnerships();
services.AddMembers();
services.AddPilots();
services.AddEvents();
services.AddSpaces();
services.AddStoredDocuments();
services.AddWebhooks(configuration, environment);
services.AddPrivacy(configuration);
services.AddCommunityHubAuth(configuration, environment);
// After AddCommunityHubAuth: the key-or-bearer selector becomes the default scheme.
services.AddApiKeys(configuration);
services.AddCommunityHubHttp(configuration, environment);
// After the settings every deployment needs (signing key, public address), so a missing one of those is named first.
services.AddMail(configuration, environment);
services.AddHealth();

var app = builder.Build();

await Startup.InitializeAsync(app);

app.UseCommunityHubHttp(app.Environment);
app.UseAuthentication();
app.UseThrottleMetrics();
app.UseApiKeys();
app.UseAuthorization();
// Per-address limits on the anonymous endpoints (sign-in, registration, cancellation, feedback).
app.UseAnonymousRateLimit();

app.MapCommunityHubOpenApi();
app.MapHealth();
app.MapAuth();
app.MapUsers();
app.MapMembers();
app.MapApiKeys();
app.MapChanges();
app.MapPartnerships();
app.MapPilots();
app.MapStats();
app.MapAudit();
app.MapEvents();
app.MapSpaces();
app.MapWebhooks();
app.MapMail();
app.MapPrivacy();
app.MapSpaFallback();

await app.RunAsync();
return 0;

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
