using Microsoft.Extensions.Configuration.Memory;

namespace HelpDesk.Gateway.Pipeline;

/// <summary>
/// The web app (portal, agent workspace, dashboard) behind the gateway at "/": when a web destination is configured
/// (<c>services:web:http:0</c>), every path no other route or gateway endpoint claims goes to it. The route is
/// anonymous at the gateway because the web app signs people in itself (OpenID Connect, a session cookie) and calls
/// the APIs back through the gateway with the person's token; it is the last route considered (highest Order).
/// Ends up just above the shipped routes (inserted before them), so configuration can still override or remove it.
/// </summary>
internal static class WebAppRoute
{
    public const string RouteId = "web";
    public const string ServiceName = "web";

    public static void AddIfConfigured(IConfigurationManager configuration)
    {
        if (string.IsNullOrWhiteSpace(configuration[$"services:{ServiceName}:http:0"]))
        {
            return;
        }
        var route = new Dictionary<string, string?>
        {
            [$"ReverseProxy:Routes:{RouteId}:ClusterId"] = ServiceName,
            [$"ReverseProxy:Routes:{RouteId}:Order"] = "100000",
            [$"ReverseProxy:Routes:{RouteId}:Match:Path"] = "/{**rest}",
            [$"ReverseProxy:Routes:{RouteId}:Metadata:Anonymous"] = "true",
            [$"ReverseProxy:Clusters:{ServiceName}:Destinations:d1:Address"] = $"http://{ServiceName}",
        };
        configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = route });
    }
}
