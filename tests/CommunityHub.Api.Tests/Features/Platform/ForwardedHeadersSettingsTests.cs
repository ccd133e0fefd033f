using System.Collections.Concurrent;
using System.Net;
using CommunityHub.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Shouldly;

namespace CommunityHub.Api.Tests.Features.Platform;

/// <summary>
/// Forwarded headers are believed from configured proxies only: a request carrying them from anyone else is logged once
/// (a proxy nobody configured makes every client one address), and ASP.NET Core's switch that would trust everyone
/// stops the start.
/// </summary>
public sealed class ForwardedHeadersSettingsTests
{
    [Fact]
    public async Task X_forwarded_for_from_a_peer_that_is_not_a_trusted_proxy_logs_one_warning()
    {
        await using var factory = new SqliteApiFactory();
        var log = new CapturedLog();
        using var app = factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<ILoggerProvider>(log)));
        var client = TestClientAddress.From(app.CreateClient(), "203.0.113.9");
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "198.51.100.1");

        await client.GetAsync("/health/live").ShouldBe(HttpStatusCode.OK);
        await client.GetAsync("/health/live").ShouldBe(HttpStatusCode.OK);

        var warnings = log.Entries.Where(e => e.Level == LogLevel.Warning && e.Message.Contains("X-Forwarded-For", StringComparison.Ordinal)).ToList();
        warnings.Count.ShouldBe(1, string.Join("\n", log.Entries.Select(e => e.Message)));
        warnings[0].Message.ShouldContain("203.0.113.9");
    }

    [Fact]
    public async Task Aspnetcore_forwardedheaders_enabled_without_a_trusted_proxy_refuses_to_start_naming_the_setting()
    {
        await using var factory = new SqliteApiFactory();
        factory.Set("FORWARDEDHEADERS_ENABLED", "true");
        var error = Should.Throw<Exception>(() => factory.CreateClient());
        error.ToString().ShouldContain("ASPNETCORE_FORWARDEDHEADERS_ENABLED");

        await using var withProxy = new SqliteApiFactory();
        withProxy.Set("FORWARDEDHEADERS_ENABLED", "true");
        withProxy.Set("ForwardedHeaders:KnownProxies:0", "10.20.0.5");
        await withProxy.CreateClient().GetAsync("/health/live").ShouldBe(HttpStatusCode.OK);
    }

    private sealed class CapturedLog : ILoggerProvider
    {
        public ConcurrentQueue<(LogLevel Level, string Message)> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void Dispose()
        {
        }

        private sealed class Logger(CapturedLog log) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                log.Entries.Enqueue((logLevel, formatter(state, exception)));
        }
    }
}
