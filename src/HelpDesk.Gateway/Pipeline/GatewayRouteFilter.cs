using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Configuration;

namespace HelpDesk.Gateway.Pipeline;

/// <summary>
/// Checks every route's access metadata when configuration is loaded (a route without scopes stops start-up,
/// and a bad reload is refused by YARP, keeping the previous routes) and gives routes without their own
/// MaxRequestBodySize the gateway default.
/// </summary>
internal sealed class GatewayRouteFilter(IOptionsMonitor<GatewayOptions> options) : IProxyConfigFilter
{
    public ValueTask<ClusterConfig> ConfigureClusterAsync(ClusterConfig cluster, CancellationToken cancel) => ValueTask.FromResult(cluster);

    public ValueTask<RouteConfig> ConfigureRouteAsync(RouteConfig route, ClusterConfig? cluster, CancellationToken cancel)
    {
        if (!RouteAccess.From(route).IsComplete)
        {
            throw new InvalidOperationException(
                $"Gateway route '{route.RouteId}' must set Metadata 'Anonymous': 'true', 'Scope', or both 'ReadScope' and 'WriteScope'.");
        }
        return ValueTask.FromResult(route.MaxRequestBodySize is null
            ? route with { MaxRequestBodySize = options.CurrentValue.MaxRequestBodyBytes }
            : route);
    }
}
