using System.Net;
using System.Net.Sockets;

namespace HelpDesk.Notifications.Infrastructure;

/// <summary>
/// Keeps webhooks from reaching the service's own network (SSRF): loopback, private, link-local, CGNAT,
/// multicast, unspecified, documentation and reserved ranges, in IPv4 and IPv6. IPv6 forms that carry an IPv4
/// address (mapped, compatible, NAT64, 6to4) are judged by that address; tunnelling and local-use translation
/// prefixes (Teredo, local-use NAT64) are refused outright because the real endpoint cannot be known.
/// </summary>
public static class SsrfGuard
{
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (IPAddress.IsLoopback(address))
        {
            return false;
        }
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return !(b[0] == 0 // "this network", includes 0.0.0.0
                || b[0] == 10
                || (b[0] == 100 && b[1] >= 64 && b[1] <= 127) // carrier-grade NAT
                || b[0] == 127
                || (b[0] == 169 && b[1] == 254) // link-local, cloud metadata endpoints
                || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
                || (b[0] == 192 && b[1] == 168)
                || (b[0] == 192 && b[1] == 0 && b[2] == 0) // IETF protocol assignments
                || (b[0] == 198 && (b[1] == 18 || b[1] == 19)) // benchmarking
                || (b[0] == 192 && b[1] == 0 && b[2] == 2) // documentation (TEST-NET-1..3)
                || (b[0] == 198 && b[1] == 51 && b[2] == 100)
                || (b[0] == 203 && b[1] == 0 && b[2] == 113)
                || b[0] >= 224); // multicast, reserved, broadcast
        }
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            return IsPublicV6(address);
        }
        return false;
    }

    private static bool IsPublicV6(IPAddress address)
    {
        if (address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.IPv6None) ||
            address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || address.IsIPv6Teredo)
        {
            return false;
        }
        var b = address.GetAddressBytes();
        return b switch
        {
            _ when (b[0] & 0xfe) == 0xfc => false, // unique local fc00::/7
            [0x00, 0x64, 0xff, 0x9b, 0x00, 0x01, ..] => false, // local-use NAT64 64:ff9b:1::/48 (RFC 8215)
            [0x00, 0x64, 0xff, 0x9b, ..] => IsPublic(new IPAddress(b[12..16])), // NAT64 64:ff9b::/96 embeds an IPv4 address
            [0x20, 0x02, ..] => IsPublic(new IPAddress(b[2..6])), // 6to4 2002::/16 embeds the IPv4 relay address
            [0x20, 0x01, 0x0d, 0xb8, ..] => false, // documentation 2001:db8::/32
            [0x20, 0x01, 0x00, < 0x30, ..] => false, // 2001:0::–2001:2f:: of the IETF block: Teredo, benchmarking, ORCHID
            [0x01, 0x00, 0, 0, 0, 0, 0, 0, ..] => false, // discard-only 100::/64
            _ when b.Take(12).All(x => x == 0) => IsPublic(new IPAddress(b[12..16])), // IPv4-compatible ::a.b.c.d (deprecated)
            _ => true,
        };
    }

    /// <summary>Resolves <paramref name="host"/> and keeps the addresses allowed under the current policy.</summary>
    public static async Task<IReadOnlyList<IPAddress>> ResolveAllowedAsync(string host, bool allowPrivate, CancellationToken cancellationToken)
    {
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, cancellationToken);
        if (addresses.Length == 0)
        {
            // No answer is a DNS problem that may pass (retried), not a refusal.
            throw new SocketException((int)SocketError.HostNotFound);
        }
        var allowed = addresses.Where(a => allowPrivate || IsPublic(a)).ToList();
        if (allowed.Count == 0)
        {
            throw new ForbiddenTargetException(
                $"{host} resolves to {string.Join(", ", addresses.Select(a => a.ToString()))}: loopback, private, link-local, multicast, tunnelled or reserved targets are refused (Notifications:Webhooks:AllowPrivateTargets).");
        }
        return allowed;
    }
}
