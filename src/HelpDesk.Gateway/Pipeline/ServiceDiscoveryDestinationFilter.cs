using Yarp.ReverseProxy.Configuration;

namespace HelpDesk.Gateway.Pipeline;

/// <summary>
/// Resolves destinations written as "http://intake" from the service-discovery configuration
/// (services__intake__http__0), the convention Aspire and Kubernetes deployments use.
/// Written here because Microsoft.Extensions.ServiceDiscovery.Yarp is not obtainable from the package feed.
/// </summary>
internal sealed class ServiceDiscoveryDestinationFilter(IConfiguration configuration) : IProxyConfigFilter
{
    public ValueTask<ClusterConfig> ConfigureClusterAsync(ClusterConfig cluster, CancellationToken cancel)
    {
        if (cluster.Destinations is null)
        {
            return ValueTask.FromResult(cluster);
        }

        var destinations = cluster.Destinations.ToDictionary(
            d => d.Key,
            d => d.Value with { Address = Resolve(d.Value.Address) },
            StringComparer.OrdinalIgnoreCase);
        return ValueTask.FromResult(cluster with { Destinations = destinations });
    }

    public ValueTask<RouteConfig> ConfigureRouteAsync(RouteConfig route, ClusterConfig? cluster, CancellationToken cancel) => ValueTask.FromResult(route);

    private string Resolve(string address)
    {
        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || uri.Host.Contains('.', StringComparison.Ordinal) || !uri.IsDefaultPort)
        {
            return address;
        }
        var resolved = configuration[$"services:{uri.Host}:{uri.Scheme}:0"];
        return string.IsNullOrWhiteSpace(resolved) ? address : resolved.TrimEnd('/') + uri.PathAndQuery.TrimEnd('/');
    }
}
