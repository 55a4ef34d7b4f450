namespace HelpDesk.Web.Gateway;

/// <summary>
/// The gateway as the web app itself, for configuration and for facts about a ticket the person was already allowed
/// to see (never to decide what they may see: that is always asked with their own token).
/// </summary>
public sealed class AppGateway(IHttpClientFactory clients)
{
    public const string HttpClientName = "gateway-app";

    public GatewayApi Api => new(clients.CreateClient(HttpClientName));
}
