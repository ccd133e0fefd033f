using CommunityHub.Api.Infrastructure.Localization;
using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

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
/// window per client address, so one address hammering gets 429 with <c>Retry-After</c> while a rush of many people
/// from many addresses is never turned away. IPv6 addresses count per /64 (one subscriber's prefix, which one attacker
/// holds whole). Signed-in callers with a role are not limited here. Counters live in each instance's memory: with N
/// instances behind a balancer an address may make up to N times the limit. The address is the connection's, or the
/// one the forwarded-headers middleware took from a configured proxy.
/// </summary>
public static class ClientRateLimit
{
    public const string AnonymousPolicy = "anonymous-per-address";

    public static IServiceCollection AddAnonymousRateLimit(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection("RateLimits:Anonymous").Get<AnonymousRateLimitSettings>() ?? new AnonymousRateLimitSettings();
        if (settings.PermitsPerMinute <= 0 || settings.WindowSeconds <= 0)
        {
            throw new InvalidOperationException("RateLimits:Anonymous: PermitsPerMinute and WindowSeconds must be positive.");
        }
        services.AddSingleton(settings);
        services.AddRateLimiter(options => options.AddPolicy(AnonymousPolicy, new AnonymousPolicyImpl(settings)));
        return services;
    }

    /// <summary>Marks an endpoint as open to anyone and so limited per client address.</summary>
    public static TBuilder RequireAnonymousRateLimit<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireRateLimiting(AnonymousPolicy);

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

    private sealed class AnonymousPolicyImpl(AnonymousRateLimitSettings settings) : IRateLimiterPolicy<string>
    {
        private readonly TimeSpan window = TimeSpan.FromSeconds(settings.WindowSeconds);

        public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => async (rejected, ct) =>
        {
            var http = rejected.HttpContext;
            var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : window;
            http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                ProblemDetails = new ProblemDetails
                {
                    Status = StatusCodes.Status429TooManyRequests,
                    Title = Texts.Get("problem.429.title"),
                    Detail = Texts.Get("anonymous.rateLimited", settings.PermitsPerMinute, window.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)),
                },
            });
        };

        public RateLimitPartition<string> GetPartition(HttpContext httpContext)
        {
            if (httpContext.User.Identity?.IsAuthenticated == true)
            {
                return RateLimitPartition.GetNoLimiter("signed-in");
            }
            return RateLimitPartition.GetFixedWindowLimiter(PartitionOf(httpContext.Connection.RemoteIpAddress), _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = settings.PermitsPerMinute,
                Window = window,
                QueueLimit = 0,
                AutoReplenishment = true,
            });
        }
    }
}
