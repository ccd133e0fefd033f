using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace CommunityHub.Api.Infrastructure.Http;

/// <summary>Bound from the <c>ForwardedHeaders</c> section: the reverse proxies whose X-Forwarded-* headers are believed.</summary>
public sealed class ForwardedHeadersSettings
{
    /// <summary>Addresses of the proxies in front of the API (e.g. <c>172.30.80.10</c>).</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks the proxies are in, as CIDRs (e.g. <c>10.20.0.0/24</c>).</summary>
    public List<string> KnownNetworks { get; set; } = [];

    /// <summary>How many proxies in a row are read back from X-Forwarded-For (1: one proxy in front).</summary>
    public int ForwardLimit { get; set; } = 1;
}

/// <summary>
/// The client address (sign-in throttling, rate limits) comes from X-Forwarded-For only when the request's own peer
/// is a configured proxy; from anyone else the header is ignored, so nobody can pick their own address. With no proxy
/// configured (the default) forwarded headers are not read at all. A request whose X-Forwarded-For is left unread logs a
/// warning once per process: a proxy in front that is not configured makes every caller share its address, and then
/// one person's failed sign-ins and requests count against everyone's. ASP.NET Core's own
/// <c>ASPNETCORE_FORWARDEDHEADERS_ENABLED</c> trusts forwarded headers from anyone when no proxy is configured; set
/// without one, the API refuses to start.
/// </summary>
public static class ForwardedHeadersSetup
{
    public static IServiceCollection AddConfiguredForwardedHeaders(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection("ForwardedHeaders").Get<ForwardedHeadersSettings>() ?? new ForwardedHeadersSettings();
        var proxies = settings.KnownProxies.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p =>
            IPAddress.TryParse(p.Trim(), out var address)
                ? address
                : throw new InvalidOperationException($"ForwardedHeaders:KnownProxies: '{p}' is not an IP address.")).ToList();
        var networks = settings.KnownNetworks.Where(n => !string.IsNullOrWhiteSpace(n)).Select(n =>
            System.Net.IPNetwork.TryParse(n.Trim(), out var network)
                ? network
                : throw new InvalidOperationException($"ForwardedHeaders:KnownNetworks: '{n}' is not a CIDR network such as 10.20.0.0/24.")).ToList();
        if (configuration.GetValue<bool>("FORWARDEDHEADERS_ENABLED") && proxies.Count + networks.Count == 0)
        {
            throw new InvalidOperationException(
                "ASPNETCORE_FORWARDEDHEADERS_ENABLED is set but no trusted proxy is configured: ASP.NET Core would then believe " +
                "X-Forwarded-For from anyone, so anyone could pick their own address for the sign-in throttle and the rate limits. " +
                "Remove ASPNETCORE_FORWARDEDHEADERS_ENABLED (no layout needs it) and name the proxies in " +
                "ForwardedHeaders:KnownProxies or ForwardedHeaders:KnownNetworks (see deploy/README.md).");
        }
        services.AddSingleton(new ConfiguredProxies(proxies.Count + networks.Count > 0));
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.ForwardLimit = Math.Max(1, settings.ForwardLimit);
            // The framework trusts loopback by default; only what is configured is trusted here.
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            proxies.ForEach(options.KnownProxies.Add);
            networks.ForEach(options.KnownIPNetworks.Add);
        });
        return services;
    }

    public static IApplicationBuilder UseConfiguredForwardedHeaders(this IApplicationBuilder app)
    {
        if (app.ApplicationServices.GetRequiredService<ConfiguredProxies>().Any)
        {
            app.UseForwardedHeaders();
        }
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ForwardedHeadersSetup).FullName!);
        var warned = 0;
        return app.Use((context, next) =>
        {
            // The middleware above consumes the header it applies; one still here came from a peer that is not trusted.
            if (context.Request.Headers.ContainsKey("X-Forwarded-For") && Volatile.Read(ref warned) == 0 && Interlocked.Exchange(ref warned, 1) == 0)
            {
                logger.LogWarning(
                    "A request came with X-Forwarded-For from {Peer}, which is not a trusted proxy (ForwardedHeaders:KnownProxies / KnownNetworks, " +
                    "ForwardLimit): the header is ignored. If a proxy is in front of the API, configure it, or every client counts as the proxy's " +
                    "address for the sign-in throttle and the rate limits. Logged once per process.",
                    context.Connection.RemoteIpAddress);
            }
            return next(context);
        });
    }

    private sealed record ConfiguredProxies(bool Any);
}
