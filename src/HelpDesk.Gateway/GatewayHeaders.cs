namespace HelpDesk.Gateway;

/// <summary>
/// How a channel app presents its key. The identity headers the gateway forwards are declared once for every
/// service in <see cref="HelpDesk.ServiceDefaults.Http.HelpDeskHeaders"/>.
/// </summary>
public static class GatewayHeaders
{
    public const string ApiKey = "X-Api-Key";
    public const string AuthorizationScheme = "ApiKey";
}
