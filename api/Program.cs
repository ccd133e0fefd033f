using CommunityHub.Api.Features.ApiKeys;
using CommunityHub.Api.Features.Audit;
using CommunityHub.Api.Features.Auth;
using CommunityHub.Api.Features.Changes;
using CommunityHub.Api.Features.Events;
using CommunityHub.Api.Features.Health;
using CommunityHub.Api.Features.Members;
using CommunityHub.Api.Features.Partnerships;
using CommunityHub.Api.Features.Pilots;
using CommunityHub.Api.Features.Privacy;
using CommunityHub.Api.Features.Stats;
using CommunityHub.Api.Features.Users;
using CommunityHub.Api.Features.Webhooks;
using CommunityHub.Api.Infrastructure.Data.DemoData;
using CommunityHub.Api.Infrastructure.Mediation;
using CommunityHub.Api.Infrastructure.Telemetry;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Identity;

// Process-wide settings, set once here where they are visible:
// Dapper stores ids as text and instants as RFC 3339 text on both providers.
TypeHandlers.Register();
// A rule stops at its first failure, so later checks in a chain may assume the earlier ones held (e.g. not null);
// field names in errors are the JSON (camelCase) names clients send.
ValidatorOptions.Global.DefaultRuleLevelCascadeMode = CascadeMode.Stop;
ValidatorOptions.Global.PropertyNameResolver = (_, member, _) =>
    member is null ? null : System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(member.Name);
// Built-in rule messages ("'Kunta' ei saa olla tyhjä.") name the field as a person reads it, in the request's language.
ValidatorOptions.Global.DisplayNameResolver = (_, member, _) =>
    member is null ? null : Texts.Field(System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(member.Name));

// `backup <file>`: a consistent online copy of the SQLite database, then exit without serving.
if (args is ["backup", var backupFile, .. var backupArgs])
{
    var backupHost = WebApplication.CreateBuilder(backupArgs);
    return await DatabaseBackup.RunAsync(DatabaseSetup.Options(backupHost.Configuration, backupHost.Environment), backupFile, Console.Out);
}

var builder = WebApplication.CreateBuilder(args);
var services = builder.Services;
// How long a stop (SIGTERM) waits for requests in flight and the webhook batch being delivered: HostOptions:ShutdownTimeout.
services.Configure<HostOptions>(builder.Configuration.GetSection("HostOptions"));
services.AddCommunityHubTelemetry(builder.Configuration);

services.AddSingleton(TimeProvider.System);
services.AddSingleton(DatabaseSetup.Options(builder.Configuration, builder.Environment));
services.AddSingleton<Db>();
services.AddSingleton<SharedWindowCounter>();
services.AddSingleton<MigrationRunner>();
services.AddScoped<ChangeLog>();
services.AddScoped<UserStore>();
services.AddSingleton<ISessionStateReader, UserSessionStateReader>();
services.AddSingleton<IPasswordHasher<UserStore>, PasswordHasher<UserStore>>();
services.AddScoped<IStartupTask, AdminBootstrap>();
services.AddSingleton<ChangeFeedReader>();
services.AddSingleton<ResponseCache>();
services.AddPartnerships();
services.AddMembers();
services.AddStoredDocuments();

// Each feature's part of the demo data and of the dashboard stats.
services.AddScoped<IDemoDataSeeder, MemberDemoData>();
services.AddScoped<IDemoDataSeeder, PartnershipDemoData>();
services.AddScoped<IDemoDataSeeder, PilotDemoData>();
services.AddScoped<IDemoDataSeeder, EventDemoData>();
services.AddScoped<IDemoDataSeeder, DemoUsers>();
services.AddScoped<IStatsContributor, MemberStatsContributor>();
services.AddScoped<IStatsContributor, PartnershipStatsContributor>();
services.AddScoped<IStatsContributor, PilotStatsContributor>();
services.AddScoped<IStatsContributor, EventStatsContributor>();
services.AddScoped<IMemberNameShown, PartnershipPartyRename>();
services.AddWebhooks(builder.Configuration, builder.Environment);
services.AddPrivacy(builder.Configuration);
services.AddMediation(typeof(Program).Assembly);
// Validators hold no state and take no dependencies (messages are looked up when a rule fails, in the request's
// language), so each is built once: building a list's validator per request cost more than running it.
services.AddValidatorsFromAssembly(typeof(Program).Assembly, ServiceLifetime.Singleton, includeInternalTypes: true);

services.ConfigureHttpJsonOptions(o => Json.Configure(o.SerializerOptions));
services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
services.AddProblemDetails(o => o.CustomizeProblemDetails = ProblemHandling.Localize);
services.AddExceptionHandler<ProblemHandling>();
services.AddCommunityHubAuth(builder.Configuration, builder.Environment);
services.AddApiKeys(builder.Configuration);
services.AddPublicBaseUrl(builder.Configuration, builder.Environment);
services.AddConfiguredForwardedHeaders(builder.Configuration);
services.AddAnonymousRateLimit(builder.Configuration);
services.AddCommunityHubOpenApi();
services.AddSpaHosting();
services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);

var app = builder.Build();

await Startup.InitializeAsync(app);

// First, so problems written by the handlers below are in the request's language too.
app.UseRequestLanguage();
app.UseConfiguredForwardedHeaders();
app.UseSecurityHeaders(app.Environment);
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseMiddleware<RequestBodyLimitMiddleware>();
app.UseMiddleware<JsonContentTypeMiddleware>();
app.UseDefaultFiles();
app.UseStaticFiles();
// Swagger UI is static and public: it runs before authorization so the fallback policy does not apply to it.
app.UseSwaggerUI(o =>
{
    o.SwaggerEndpoint("/openapi/v1.json", "CommunityHub API v1");
    o.RoutePrefix = "swagger";
    o.DocumentTitle = "CommunityHub API";
});
app.UseAuthentication();
app.UseThrottleMetrics();
app.UseApiKeys();
app.UseAuthorization();
// Per-address limits on the anonymous endpoints (sign-in, registration, cancellation, feedback).
app.UseAnonymousRateLimit();

app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
app.MapOpenApi("/openapi/{documentName}.yaml").AllowAnonymous();
app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous();

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
app.MapWebhooks();
app.MapPrivacy();

app.MapSpaFallback();

await app.RunAsync();
return 0;

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
