using System.Runtime.CompilerServices;
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

    /// <summary>Parsed once per loaded route (YARP keeps one RouteConfig per route until configuration reloads).</summary>
    private static readonly ConditionalWeakTable<RouteConfig, RouteAccess> Parsed = new();

    /// <summary>The access rules of <paramref name="route"/>, read from its metadata the first time it is asked.</summary>
    public static RouteAccess Of(RouteConfig route) => Parsed.GetValue(route, From);

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

    private string[] ScopeChoices { get; } = Choices(Scope);

    private string[] ReadChoices { get; } = Choices(ReadScope);

    private string[] WriteChoices { get; } = Choices(WriteScope);

    public string? RequiredScope(string method) =>
        Scope ?? (IsRead(method) ? ReadScope : WriteScope);

    /// <summary>Whether <paramref name="caller"/> holds one of the scopes the route names for <paramref name="method"/> (false when it names none).</summary>
    public bool Grants(Caller caller, string method)
    {
        var choices = Scope is not null ? ScopeChoices : IsRead(method) ? ReadChoices : WriteChoices;
        foreach (var scope in choices)
        {
            if (caller.HasScope(scope))
            {
                return true;
            }
        }
        return false;
    }

    private static bool IsRead(string method) => HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method);

    private static string[] Choices(string? scopes) => scopes?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];
}
