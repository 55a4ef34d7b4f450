using System.Net;
using System.Net.Sockets;

namespace HelpDesk.Notifications.Infrastructure;

/// <summary>
/// Keeps webhooks from reaching the service's own network (SSRF): loopback, private, link-local, CGNAT,
/// multicast, unspecified and reserved ranges, in IPv4 and IPv6 (IPv4-mapped and NAT64 forms included).
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
                || b[0] >= 224); // multicast, reserved, broadcast
        }
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            if (address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.IPv6None) ||
                address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast)
            {
                return false;
            }
            var b = address.GetAddressBytes();
            if ((b[0] & 0xfe) == 0xfc) // unique local fc00::/7
            {
                return false;
            }
            if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b) // NAT64 64:ff9b::/96 embeds an IPv4 address
            {
                return IsPublic(new IPAddress(b[12..16]));
            }
            if (b.Take(12).All(x => x == 0)) // IPv4-compatible ::a.b.c.d (deprecated)
            {
                return IsPublic(new IPAddress(b[12..16]));
            }
            return true;
        }
        return false;
    }

    /// <summary>Resolves <paramref name="host"/> and keeps the addresses allowed under the current policy.</summary>
    public static async Task<IReadOnlyList<IPAddress>> ResolveAllowedAsync(string host, bool allowPrivate, CancellationToken cancellationToken)
    {
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, cancellationToken);
        var allowed = addresses.Where(a => allowPrivate || IsPublic(a)).ToList();
        if (allowed.Count == 0)
        {
            throw new ForbiddenTargetException(addresses.Length == 0
                ? $"{host} does not resolve to any address."
                : $"{host} resolves to {string.Join(", ", addresses.Select(a => a.ToString()))}: loopback, private, link-local, multicast or reserved targets are refused (Notifications:Webhooks:AllowPrivateTargets).");
        }
        return allowed;
    }
}
