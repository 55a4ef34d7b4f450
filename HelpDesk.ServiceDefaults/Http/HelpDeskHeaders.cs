namespace HelpDesk.ServiceDefaults.Http;

/// <summary>
/// The headers the gateway sets on every request it forwards, declared once for the gateway and the services.
/// Clients can never set them: the gateway strips every <see cref="IdentityPrefix"/> header on the way in.
/// Services read them only through <see cref="ICallerResolver"/>, never directly.
/// </summary>
public static class HelpDeskHeaders
{
    public const string IdentityPrefix = "X-HelpDesk-";

    /// <summary>The verified client's stable id (an API key's id).</summary>
    public const string ClientId = "X-HelpDesk-Client-Id";

    /// <summary>The verified client's display name.</summary>
    public const string ClientName = "X-HelpDesk-Client-Name";

    /// <summary>portal | email | chat | phone | api | monitoring: the channel the client's key belongs to.</summary>
    public const string Channel = "X-HelpDesk-Channel";

    /// <summary>The client's scopes, space-separated.</summary>
    public const string Scopes = "X-HelpDesk-Scopes";

    /// <summary>Set (or checked and kept) by the gateway on every request and response.</summary>
    public const string CorrelationId = "X-Correlation-Id";
}
