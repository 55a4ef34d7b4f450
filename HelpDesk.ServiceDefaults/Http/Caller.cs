using Microsoft.AspNetCore.Http;

namespace HelpDesk.ServiceDefaults.Http;

/// <summary>
/// Who is calling and what they may do: an id, a display name, the channel of a channel app, scopes and roles.
/// It says nothing about where that came from (gateway headers today, a verified token later): an
/// <see cref="ICallerResolver"/> builds it once per request. Take it as a handler parameter
/// (<c>Caller caller</c>) or call <see cref="CallerHttpContextExtensions.GetCaller"/>.
/// </summary>
public sealed record Caller(string Id, string? Name, string? Channel, IReadOnlySet<string> Scopes, IReadOnlySet<string> Roles)
{
    public const string AnonymousId = "anonymous";

    private static readonly IReadOnlySet<string> None = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>A request that carries no identity at all (a direct call that did not come through the gateway).</summary>
    public static Caller Unidentified { get; } = new(AnonymousId, null, null, None, None) { IsIdentified = false };

    /// <summary>True when something vouched for this caller; false for <see cref="Unidentified"/>.</summary>
    public bool IsIdentified { get; init; } = true;

    /// <summary>"user" (a person), "client" (a machine client token) or "channel" (an API key): see <see cref="CallerKinds"/>.</summary>
    public string Kind { get; init; } = CallerKinds.Channel;

    /// <summary>True for a person: their tickets, comments and approvals are theirs.</summary>
    public bool IsPerson => Kind == CallerKinds.User;

    /// <summary>A person's e-mail address (how tickets name their requester).</summary>
    public string? Email { get; init; }

    /// <summary>A person's organisation id.</summary>
    public string? Organisation { get; init; }

    /// <summary>True when the person's organisation lets its requesters see each other's tickets.</summary>
    public bool SharesOrganisationTickets { get; init; }

    /// <summary>A person's user name (<c>preferred_username</c>): the id Routing knows an agent by and assigns tickets to.</summary>
    public string? UserName { get; init; }

    /// <summary>The user id of a person's manager.</summary>
    public string? Manager { get; init; }

    /// <summary>The e-mail address of a person's manager, when the issuer knows it.</summary>
    public string? ManagerEmail { get; init; }

    /// <summary>Groups a person belongs to (e.g. approver groups).</summary>
    public IReadOnlySet<string> Groups { get; init; } = None;

    /// <summary>Who authenticated the caller: the identity service's issuer, an external issuer, or "api-key".</summary>
    public string? Origin { get; init; }

    /// <summary>The name to record as actor or author: the display name when there is one, else the id.</summary>
    public string DisplayName => string.IsNullOrWhiteSpace(Name) ? Id : Name;

    public bool HasScope(string scope) => Scopes.Contains(scope);

    public bool HasAnyScope(params ReadOnlySpan<string> scopes)
    {
        foreach (var scope in scopes)
        {
            if (Scopes.Contains(scope))
            {
                return true;
            }
        }
        return false;
    }

    public bool IsInRole(string role) => Roles.Contains(role);

    public bool IsInAnyRole(params ReadOnlySpan<string> roles)
    {
        foreach (var role in roles)
        {
            if (Roles.Contains(role))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Lets minimal-API handlers declare <c>Caller caller</c> as a parameter.</summary>
    public static ValueTask<Caller?> BindAsync(HttpContext context) => ValueTask.FromResult<Caller?>(context.GetCaller());
}
