using System.Net.Http.Headers;
using HelpDesk.Testing;

namespace HelpDesk.Gateway.Tests;

/// <summary>
/// The gateway as tests start it, with every service cluster pointing at one <see cref="EchoUpstream"/>:
/// <c>ServiceTestHost.StartAsync(GatewayUnderTest.Service, GatewayUnderTest.Settings(upstream))</c>.
/// </summary>
public static class GatewayUnderTest
{
    public static readonly TestedService Service = new("gateway", builder => builder.AddGateway(), app => app.MapGateway()) { UsesBus = false, ClientCaller = null };

    /// <summary>The test keys (unless <paramref name="withKeys"/> is false), every service at the echo upstream, then <paramref name="configure"/>.</summary>
    public static Dictionary<string, string?> Settings(EchoUpstream upstream, Action<Dictionary<string, string?>>? configure = null, bool withKeys = true)
    {
        var settings = withKeys ? TestKeys.Settings() : [];
        foreach (var service in new[] { "intake", "routing", "kb", "sla", "notifications", "identity" })
        {
            settings[$"services:{service}:http:0"] = upstream.Url;
        }
        configure?.Invoke(settings);
        return settings;
    }

    public static HttpRequestMessage Request(HttpMethod method, string path, string? key = null, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("ApiKey", key);
        }
        return request;
    }
}
