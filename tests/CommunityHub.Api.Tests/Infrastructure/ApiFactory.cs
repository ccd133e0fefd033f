using System.Net.Http.Headers;
using System.Net.Http.Json;
using CommunityHub.Api.Infrastructure.Data;
using CommunityHub.Api.Infrastructure.Http;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CommunityHub.Api.Tests.Infrastructure;

/// <summary>
/// The real app over HTTP on its own fresh database. Each test class gets one (IClassFixture), so classes run in
/// parallel without sharing data. Subclasses pick the provider.
/// </summary>
public abstract class ApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdminEmail = "admin@tests.communityhub.local";
    public const string AdminPassword = "Admin-password-2026";
    public const string SigningKey = "tests-signing-key-0123456789-0123456789-abcdef";

    private readonly Dictionary<string, string?> settings = new()
    {
        ["Auth:SigningKey"] = SigningKey,
        ["Bootstrap:AdminEmail"] = AdminEmail,
        ["Bootstrap:AdminPassword"] = AdminPassword,
        ["Seed:DemoData"] = "false",
        ["App:PublicBaseUrl"] = "https://hub.example.fi",
        // Every test client shares one (unknown) address; classes that test the per-address limit set their own.
        ["RateLimits:Anonymous:PermitsPerMinute"] = "1000000",
        // Outside Development mail needs an SMTP host; tests about mail (MailApiFactory) switch it on with their own server.
        ["Mail:Enabled"] = "false",
    };

    /// <summary>Replaces the clock (e.g. a FakeTimeProvider) before the app starts.</summary>
    public TimeProvider? Clock { get; set; }

    public abstract string ProviderName { get; }

    protected abstract Dictionary<string, string?> DatabaseSettings();

    /// <summary>Settings a test class needs beyond the defaults; set before the first client is created.</summary>
    public void Set(string key, string? value) => settings[key] = value;

    /// <summary>Leaves a setting to the app's own default (or its appsettings) instead of the test default.</summary>
    public void Unset(string key) => settings.Remove(key);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in settings.Concat(DatabaseSettings()))
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter, TestClientAddress>();
            // The suite signs in a few thousand times; at the production work factor (100,000 PBKDF2 rounds) that was
            // a large share of its CPU. Hashes record their own round count, so what the tests check is unchanged.
            services.Configure<Microsoft.AspNetCore.Identity.PasswordHasherOptions>(o => o.IterationCount = 1_000);
            if (Clock is not null)
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton(Clock);
            }
        });
    }

    public virtual ValueTask InitializeAsync() => ValueTask.CompletedTask;

    /// <summary>
    /// Test clients ask for English, so assertions on message texts read the same as before the API spoke Finnish by
    /// default; the localization tests clear or replace this header to test the other languages.
    /// </summary>
    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        client.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue("en"));
    }

    public HttpClient Anonymous() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    public async Task<HttpClient> SignedInAsync(string email, string password)
    {
        var client = Anonymous();
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { email, password });
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<TokenBody>(Json.Options);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token!.AccessToken);
        return client;
    }

    public Task<HttpClient> AdminAsync() => SignedInAsync(AdminEmail, AdminPassword);

    /// <summary>A new user with the role (and member binding) asked for, signed in.</summary>
    public async Task<HttpClient> AsAsync(string role, Guid? memberId = null)
    {
        var admin = await AdminAsync();
        var email = $"{role}-{Guid.NewGuid():N}@tests.communityhub.local";
        var created = await admin.PostAsJsonAsync("/api/v1/users", new
        {
            email,
            displayName = $"Test {role}",
            role,
            memberId,
            password = "User-password-2026",
        });
        created.EnsureSuccessStatusCode();
        return await SignedInAsync(email, "User-password-2026");
    }

    private sealed record TokenBody(string AccessToken);
}

public class SqliteApiFactory : ApiFactory
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "communityhub-tests", Guid.NewGuid().ToString("N"));
    private readonly string? existingDatabase;

    public SqliteApiFactory()
    {
    }

    /// <summary>A second app on another factory's database file (which this one does not delete).</summary>
    internal SqliteApiFactory(string? existingDatabase) => this.existingDatabase = existingDatabase;

    public override string ProviderName => "Sqlite";

    public string DatabasePath => existingDatabase ?? Path.Combine(folder, "test.db");

    /// <summary>Connection string options after the file (e.g. <c>;Default Timeout=1</c>); set before the first client.</summary>
    public string ConnectionOptions { get; set; } = "";

    protected override Dictionary<string, string?> DatabaseSettings() => new()
    {
        ["Database:Provider"] = "Sqlite",
        ["ConnectionStrings:CommunityHub"] = $"Data Source={DatabasePath}{ConnectionOptions}",
    };

    /// <summary>
    /// Runs on SQLite while every statement is also rendered by the SQL Server dialect and checked with Microsoft's
    /// T-SQL parser against the SQL Server migrations' schema (<see cref="TSql.TSqlCapture"/>): a statement SQL Server
    /// would refuse fails the request that sent it.
    /// </summary>
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<Db>();
            services.AddSingleton(provider => new Db(provider.GetRequiredService<DatabaseOptions>(), new TSql.SqlServerRenderingDialect(), new TSql.CapturingSqliteConnections()));
        });
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open is only temp space; it must not fail the run.
        }
        GC.SuppressFinalize(this);
    }
}
