using Microsoft.AspNetCore.Http;

namespace HelpDesk.ServiceDefaults.Http;

/// <summary>
/// Turns a request into a <see cref="Caller"/>. The default (<see cref="ServiceTokenCallerResolver"/>) reads the
/// verified service token and nothing else: a request without one is <see cref="Caller.Unidentified"/>, which holds no
/// scope and no role. A host may register its own after <c>AddServiceDefaults()</c> (the last registration wins).
/// </summary>
public interface ICallerResolver
{
    /// <summary>Called at most once per request; the result is cached on the request.</summary>
    Caller Resolve(HttpContext context);
}
