using Microsoft.AspNetCore.Http;

namespace HelpDesk.ServiceDefaults.Http;

/// <summary>
/// Turns a request into a <see cref="Caller"/>. The default reads the gateway's identity headers
/// (<see cref="GatewayHeadersCallerResolver"/>); a host that verifies tokens registers its own after
/// <c>AddServiceDefaults()</c> (the last registration wins), and every endpoint, filter and handler follows.
/// </summary>
public interface ICallerResolver
{
    /// <summary>Called at most once per request; the result is cached on the request.</summary>
    Caller Resolve(HttpContext context);
}
