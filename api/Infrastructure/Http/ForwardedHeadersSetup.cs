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
/// configured (the default) forwarded headers are not read at all.
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

    public static IApplicationBuilder UseConfiguredForwardedHeaders(this IApplicationBuilder app) =>
        app.ApplicationServices.GetRequiredService<ConfiguredProxies>().Any ? app.UseForwardedHeaders() : app;

    private sealed record ConfiguredProxies(bool Any);
}
