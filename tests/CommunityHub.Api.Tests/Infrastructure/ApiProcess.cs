using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using CommunityHub.Api.Infrastructure.Http;

namespace CommunityHub.Api.Tests.Infrastructure;

/// <summary>
/// The API as a real process (<c>dotnet CommunityHub.Api.dll --urls …</c>, as deployed), for what one process cannot
/// show: several instances on one database, signals, the command-line verbs.
/// </summary>
public sealed class ApiProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly ConcurrentQueue<string> output = new();

    private ApiProcess(Process process, string baseUrl)
    {
        this.process = process;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    public string Output => string.Join('\n', output);

    public bool HasExited => process.HasExited;

    public int ExitCode => process.ExitCode;

    /// <summary>The settings every test process gets: the test admin, no demo data, a SQLite file.</summary>
    public static Dictionary<string, string?> Settings(string databasePath) => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Testing",
        ["Database__Provider"] = "Sqlite",
        ["ConnectionStrings__CommunityHub"] = $"Data Source={databasePath}",
        ["Auth__SigningKey"] = ApiFactory.SigningKey,
        ["Bootstrap__AdminEmail"] = ApiFactory.AdminEmail,
        ["Bootstrap__AdminPassword"] = ApiFactory.AdminPassword,
        ["Seed__DemoData"] = "false",
        ["App__PublicBaseUrl"] = "https://hub.example.fi",
        ["Mail__Enabled"] = "false",
    };

    public static string ApiAssembly
    {
        get
        {
            var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
            return Path.Combine(RepoPaths.Root, "api", "bin", configuration, "net10.0", "CommunityHub.Api.dll");
        }
    }

    /// <summary>Runs the API's dll with <paramref name="arguments"/> and the environment given; does not wait.</summary>
    public static Process Run(IReadOnlyDictionary<string, string?> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(ApiAssembly)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(ApiAssembly);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        return Process.Start(start)!;
    }

    /// <summary>Starts an instance on a free loopback port and returns once it answers /health/ready.</summary>
    public static async Task<ApiProcess> StartAsync(IReadOnlyDictionary<string, string?> environment, CancellationToken ct)
    {
        var port = FreePort();
        var baseUrl = $"http://127.0.0.1:{port}";
        var instance = new ApiProcess(Run(environment, "--urls", baseUrl), baseUrl);
        instance.process.OutputDataReceived += (_, e) => instance.Collect(e.Data);
        instance.process.ErrorDataReceived += (_, e) => instance.Collect(e.Data);
        instance.process.BeginOutputReadLine();
        instance.process.BeginErrorReadLine();
        using var probe = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(5) };
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(TimeSpan.FromSeconds(90));
        while (true)
        {
            if (instance.process.HasExited)
            {
                throw new InvalidOperationException($"The API process exited with {instance.process.ExitCode}:\n{instance.Output}");
            }
            try
            {
                using var response = await probe.GetAsync(new Uri("/health/ready", UriKind.Relative), deadline.Token);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return instance;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!deadline.IsCancellationRequested)
            {
                // A probe timed out; try again.
            }
            await Task.Delay(100, deadline.Token);
        }
    }

    public HttpClient Anonymous() => new() { BaseAddress = new Uri(BaseUrl) };

    public async Task<HttpClient> AdminAsync()
    {
        var client = Anonymous();
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { email = ApiFactory.AdminEmail, password = ApiFactory.AdminPassword });
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<TokenBody>(Json.Options);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token!.AccessToken);
        return client;
    }

    /// <summary>Sends SIGTERM, as systemd or a container runtime does on stop.</summary>
    public void Terminate()
    {
        using var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    public Task WaitForExitAsync(CancellationToken ct) => process.WaitForExitAsync(ct);

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
    }

    private void Collect(string? line)
    {
        if (line is not null)
        {
            output.Enqueue(line);
        }
    }

    private static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private sealed record TokenBody(string AccessToken);
}
