using CommunityHub.Api.Infrastructure.Localization;
using System.Net;
using System.Net.Sockets;

namespace CommunityHub.Api.Infrastructure.Http;

/// <summary>Bound from <c>RateLimits:Anonymous</c>: the limit per client address on endpoints open to anyone.</summary>
public sealed class AnonymousRateLimitSettings
{
    /// <summary>Requests one client address may make per window to the anonymous endpoints together (default 60).</summary>
    public int PermitsPerMinute { get; set; } = 60;

    /// <summary>The window the permits refill in, in seconds (default 60).</summary>
    public int WindowSeconds { get; set; } = 60;
}

/// <summary>
/// The per-address limit on the endpoints anyone may call (sign-in, registration, cancellation, feedback): a fixed
/// window per client address, counted in the database through <see cref="SharedWindowCounter"/> so every instance
/// behind a balancer shares it. One address hammering gets 429 with <c>Retry-After</c> while a rush of many people
/// from many addresses is never turned away. IPv6 addresses count per /64 (one subscriber's prefix, which one attacker
/// holds whole). A signed-in person is counted per user instead, with the same limit, so a token cannot make unlimited
/// registrations or feedback, nor is it held back by the others at its address (API keys have their own limit). The
/// address is the connection's, or the one the forwarded-headers middleware took from a configured proxy.
/// </summary>
public static class ClientRateLimit
{
    private const string Table = "anonymous_usage";

    public static IServiceCollection AddAnonymousRateLimit(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection("RateLimits:Anonymous").Get<AnonymousRateLimitSettings>() ?? new AnonymousRateLimitSettings();
        if (settings.PermitsPerMinute <= 0 || settings.WindowSeconds <= 0)
        {
            throw new InvalidOperationException("RateLimits:Anonymous: PermitsPerMinute and WindowSeconds must be positive.");
        }
        services.AddSingleton(settings);
        return services;
    }

    /// <summary>Marks an endpoint as open to anyone and so limited per client address.</summary>
    public static TBuilder RequireAnonymousRateLimit<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(AnonymousRateLimited.Instance);

    /// <summary>Counts anonymous calls to the endpoints marked with <see cref="RequireAnonymousRateLimit"/> (after routing and authentication).</summary>
    public static IApplicationBuilder UseAnonymousRateLimit(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.GetEndpoint()?.Metadata.GetMetadata<AnonymousRateLimited>() is null || context.User.IsApiKey())
            {
                await next(context);
                return;
            }
            var user = context.User.Identity?.IsAuthenticated == true ? context.User.FindFirst(Claims.Subject)?.Value ?? "" : null;
            var settings = context.RequestServices.GetRequiredService<AnonymousRateLimitSettings>();
            var permit = await context.RequestServices.GetRequiredService<SharedWindowCounter>().TakeAsync(
                Table, user is null ? PartitionOf(context.Connection.RemoteIpAddress) : "user:" + user,
                settings.PermitsPerMinute, settings.WindowSeconds, context.RequestAborted);
            if (permit.Allowed)
            {
                await next(context);
                return;
            }
            await TooManyRequests.WriteAsync(context, permit.ResetSeconds, Texts.Get(
                user is null ? "anonymous.rateLimited" : "anonymous.userRateLimited",
                settings.PermitsPerMinute, settings.WindowSeconds.ToString(CultureInfo.InvariantCulture)));
        });

    /// <summary>The partition of a client address: IPv4 as it is, IPv6 by its /64, none known as one shared partition.</summary>
    public static string PartitionOf(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var bytes = address.GetAddressBytes();
            Array.Clear(bytes, 8, 8);
            return new IPAddress(bytes) + "/64";
        }
        return address.ToString();
    }

    private sealed class AnonymousRateLimited
    {
        public static readonly AnonymousRateLimited Instance = new();
    }
}
