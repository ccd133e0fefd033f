using System.Net.Sockets;
using Microsoft.Data.SqlClient;
using Testcontainers.MsSql;

namespace CommunityHub.Api.Tests.Infrastructure;

/// <summary>
/// SQL Server for the same contract tests: the server in COMMUNITYHUB_TEST_SQLSERVER (a connection string to a server
/// where the login may create databases) or, without it, a <c>mcr.microsoft.com/mssql/server:2022-latest</c>
/// container started once per test run when a Docker engine answers. Each factory creates and later drops its own
/// database. With neither, every test using it is skipped with that reason (scripts/test.sh then leaves the classes
/// out and prints one line instead).
/// </summary>
public sealed class SqlServerApiFactory : ApiFactory
{
    private readonly string database = $"communityhub_test_{Guid.NewGuid():N}";

    /// <summary>The server's connection string once <see cref="InitializeAsync"/> found one; null skips the tests.</summary>
    public string? ServerConnectionString { get; private set; }

    public static string SkipReason => SqlServerTestServer.SkipReason;

    public override string ProviderName => "SqlServer";

    protected override Dictionary<string, string?> DatabaseSettings()
    {
        var builder = new SqlConnectionStringBuilder(ServerConnectionString ?? "Server=unset") { InitialCatalog = database };
        return new()
        {
            ["Database:Provider"] = "SqlServer",
            ["ConnectionStrings:CommunityHub"] = builder.ConnectionString,
        };
    }

    public override async ValueTask InitializeAsync()
    {
        ServerConnectionString = await SqlServerTestServer.ConnectionStringAsync();
        if (ServerConnectionString is null)
        {
            return;
        }
        await using var connection = new SqlConnection(ServerConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"CREATE DATABASE [{database}]";
        await command.ExecuteNonQueryAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (ServerConnectionString is not null)
        {
            SqlConnection.ClearAllPools();
            await using var connection = new SqlConnection(ServerConnectionString);
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"ALTER DATABASE [{database}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE [{database}]";
            await command.ExecuteNonQueryAsync();
        }
    }
}

/// <summary>
/// Finds the one SQL Server of a test run: the variable first, then a container (started once, removed by
/// Testcontainers' reaper when the run ends), else none.
/// </summary>
public static class SqlServerTestServer
{
    public const string Variable = "COMMUNITYHUB_TEST_SQLSERVER";
    public const string Image = "mcr.microsoft.com/mssql/server:2022-latest";

    private static readonly Lazy<Task<string?>> Server = new(FindAsync);

    public static string SkipReason =>
        $"SQL Server tests need {Variable} (a connection string) or a reachable Docker engine; see README § SQL Server tests.";

    public static string? Configured => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    public static Task<string?> ConnectionStringAsync() => Server.Value;

    private static async Task<string?> FindAsync()
    {
        if (Configured is { } configured)
        {
            return configured;
        }
        if (!await DockerEngine.AnswersAsync(TimeSpan.FromSeconds(3)))
        {
            return null;
        }
        var container = new MsSqlBuilder(Image).Build();
        await container.StartAsync();
        return container.GetConnectionString();
    }
}

/// <summary>
/// Whether a Docker engine answers <c>GET /_ping</c> on DOCKER_HOST (unix:// or tcp://) or /var/run/docker.sock,
/// within a short timeout: a missing engine must cost a moment, never a hang.
/// </summary>
public static class DockerEngine
{
    public static Task<bool> AnswersAsync(TimeSpan timeout) =>
        AnswersAsync(Environment.GetEnvironmentVariable("DOCKER_HOST") is { Length: > 0 } value ? value : "unix:///var/run/docker.sock", timeout);

    public static async Task<bool> AnswersAsync(string host, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            using var handler = new SocketsHttpHandler();
            Uri baseAddress;
            if (host.StartsWith("unix://", StringComparison.Ordinal))
            {
                var path = host["unix://".Length..];
                if (!File.Exists(path))
                {
                    return false;
                }
                handler.ConnectCallback = async (_, ct) =>
                {
                    var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                    try
                    {
                        await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), ct);
                        return new NetworkStream(socket, ownsSocket: true);
                    }
                    catch
                    {
                        socket.Dispose();
                        throw;
                    }
                };
                baseAddress = new Uri("http://docker");
            }
            else if (host.StartsWith("tcp://", StringComparison.Ordinal))
            {
                baseAddress = new Uri("http://" + host["tcp://".Length..]);
            }
            else
            {
                return false;
            }
            using var client = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = timeout };
            using var response = await client.GetAsync(new Uri("/_ping", UriKind.Relative), cts.Token);
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or SocketException or OperationCanceledException or IOException)
        {
            return false;
        }
    }
}
