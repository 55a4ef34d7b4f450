using HelpDesk.ServiceDefaults.Http;
using Yarp.ReverseProxy.Configuration;

namespace HelpDesk.Gateway.Pipeline;

/// <summary>
/// What a route requires, read from its configuration Metadata:
/// "Anonymous": "true" (no key), "Authenticated": "true" (any verified caller, no scope: e.g. "who am I"),
/// "Scope" (every method), "ReadScope" (GET/HEAD/OPTIONS), "WriteScope" (other methods). A value may name several
/// scopes separated by spaces: any one of them suffices (e.g. catalogue writes: "catalog:write routing:admin").
/// A route that is not anonymous must say which scope each method needs, or that none is needed: the gateway fails closed.
/// </summary>
internal sealed record RouteAccess(bool Anonymous, string? Scope, string? ReadScope, string? WriteScope, bool Authenticated = false)
{
    public const string AnonymousKey = "Anonymous";
    public const string AuthenticatedKey = "Authenticated";
    public const string ScopeKey = "Scope";
    public const string ReadScopeKey = "ReadScope";
    public const string WriteScopeKey = "WriteScope";

    public static RouteAccess From(RouteConfig route)
    {
        var metadata = route.Metadata;
        string? Get(string key) => metadata is not null && metadata.TryGetValue(key, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;
        return new RouteAccess(
            bool.TryParse(Get(AnonymousKey), out var anonymous) && anonymous,
            Get(ScopeKey), Get(ReadScopeKey), Get(WriteScopeKey),
            bool.TryParse(Get(AuthenticatedKey), out var authenticated) && authenticated);
    }

    public bool IsComplete => Anonymous || Authenticated || Scope is not null || (ReadScope is not null && WriteScope is not null);

    /// <summary>Whether <paramref name="caller"/> holds one of the scopes <paramref name="required"/> names.</summary>
    public static bool Grants(Caller caller, string required) =>
        required.Split(' ', StringSplitOptions.RemoveEmptyEntries).Any(caller.HasScope);

    public string? RequiredScope(string method) =>
        Scope ?? (HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) ? ReadScope : WriteScope);
}
