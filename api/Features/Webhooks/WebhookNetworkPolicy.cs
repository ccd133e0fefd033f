using System.Net;
using System.Net.Sockets;

namespace CommunityHub.Api.Features.Webhooks;

/// <summary>
/// Which addresses a webhook delivery may connect to. A receiver URL is chosen by an admin but resolved by DNS, which
/// its owner controls and may change between a check and the connection (rebinding); so the rule is applied to the
/// address actually connected to (<see cref="ConnectAsync"/>), never to the URL. Internal ranges — loopback, private,
/// link-local (cloud metadata at 169.254.169.254), CGNAT, unique-local, multicast, unspecified and reserved, also
/// written as IPv4-mapped or NAT64 IPv6 — are refused unless the operator lists them in
/// <c>Webhooks:AllowedNetworks</c>.
/// </summary>
public sealed class WebhookNetworkPolicy
{
    /// <summary>The fixed text logged when every address of a receiver is refused (never the address itself).</summary>
    public const string RefusedMessage =
        "The receiver's address is on an internal network (loopback, private, link-local or similar) and is not allowed; " +
        "an operator may allow it with Webhooks:AllowedNetworks.";

    private static readonly IPNetwork[] Internal =
    [
        IPNetwork.Parse("0.0.0.0/8"),        // "this network", unspecified
        IPNetwork.Parse("10.0.0.0/8"),       // private
        IPNetwork.Parse("100.64.0.0/10"),    // carrier-grade NAT
        IPNetwork.Parse("127.0.0.0/8"),      // loopback
        IPNetwork.Parse("169.254.0.0/16"),   // link-local, cloud metadata
        IPNetwork.Parse("172.16.0.0/12"),    // private
        IPNetwork.Parse("192.0.0.0/24"),     // IETF protocol assignments
        IPNetwork.Parse("192.168.0.0/16"),   // private
        IPNetwork.Parse("198.18.0.0/15"),    // benchmarking
        IPNetwork.Parse("224.0.0.0/4"),      // multicast
        IPNetwork.Parse("240.0.0.0/4"),      // reserved, broadcast
        IPNetwork.Parse("::/128"),           // unspecified
        IPNetwork.Parse("::1/128"),          // loopback
        IPNetwork.Parse("fc00::/7"),         // unique-local
        IPNetwork.Parse("fe80::/10"),        // link-local
        IPNetwork.Parse("fec0::/10"),        // site-local (deprecated, still routable inside some networks)
        IPNetwork.Parse("ff00::/8"),         // multicast
    ];

    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");

    private readonly IReadOnlyList<IPNetwork> allowed;

    public WebhookNetworkPolicy(IReadOnlyList<IPNetwork> allowed) => this.allowed = allowed;

    public WebhookNetworkPolicy(WebhookOptions options)
        : this(ParseNetworks(options.AllowedNetworks))
    {
    }

    /// <summary>True for an address on an internal network (in any of its IPv6 spellings).</summary>
    public static bool IsInternal(IPAddress address)
    {
        var plain = Canonical(address);
        return Internal.Any(n => n.BaseAddress.AddressFamily == plain.AddressFamily && n.Contains(plain));
    }

    /// <summary>An address a delivery may connect to: not internal, or inside a network the operator allowed.</summary>
    public bool Allows(IPAddress address)
    {
        var plain = Canonical(address);
        return !IsInternal(plain)
            || allowed.Any(n => (n.BaseAddress.AddressFamily == plain.AddressFamily && n.Contains(plain))
                || (n.BaseAddress.AddressFamily == address.AddressFamily && n.Contains(address)));
    }

    /// <summary>
    /// Parses <c>Webhooks:AllowedNetworks</c>: CIDRs separated by commas or whitespace (e.g. <c>10.20.0.0/16, fd00::/8</c>).
    /// </summary>
    public static IReadOnlyList<IPNetwork> ParseNetworks(string? text)
    {
        var networks = new List<IPNetwork>();
        foreach (var part in (text ?? "").Split([',', ' ', ';', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!IPNetwork.TryParse(part, out var network))
            {
                throw new InvalidOperationException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"Webhooks:AllowedNetworks: '{part}' is not a network in CIDR form (e.g. 10.20.0.0/16 or fd00::/8)."));
            }
            networks.Add(network);
        }
        return networks;
    }

    /// <summary>
    /// The handler's connect step: resolves the host, keeps only the addresses this policy allows, and connects to one
    /// of those. Checking here, on the addresses the socket uses, is what makes DNS rebinding and alternative spellings
    /// (<c>0x7f000001</c>, <c>[::ffff:127.0.0.1]</c>) useless.
    /// </summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var endpoint = context.DnsEndPoint;
        var candidates = IPAddress.TryParse(endpoint.Host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(endpoint.Host, ct);
        var usable = candidates.Where(Allows).ToArray();
        if (usable.Length == 0)
        {
            throw new WebhookAddressRefusedException();
        }
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(usable, endpoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>An IPv4 address written as IPv6 (mapped <c>::ffff:a.b.c.d</c> or NAT64 <c>64:ff9b::a.b.c.d</c>) as the IPv4 address.</summary>
    private static IPAddress Canonical(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }
        if (address.AddressFamily == AddressFamily.InterNetworkV6 && Nat64.Contains(address))
        {
            var bytes = address.GetAddressBytes();
            return new IPAddress(bytes.AsSpan(12, 4));
        }
        return address;
    }
}

/// <summary>Every address of a receiver is internal and none is allowed: the connection is not attempted.</summary>
public sealed class WebhookAddressRefusedException() : IOException(WebhookNetworkPolicy.RefusedMessage);
