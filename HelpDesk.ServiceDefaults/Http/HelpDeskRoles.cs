namespace HelpDesk.ServiceDefaults.Http;

/// <summary>
/// The roles a person holds, issued by the identity service (or mapped from an external issuer's claims by the gateway).
/// Each role grants a fixed set of API scopes; services then narrow by ownership (a requester's own tickets).
/// </summary>
public static class HelpDeskRoles
{
    /// <summary>Raises tickets and follows their own (and, where their organisation allows it, their organisation's).</summary>
    public const string Requester = "requester";

    /// <summary>
    /// Works queues: sees and updates the tickets of their queues (their <c>group</c> claims that name a queue), the
    /// ones assigned to them and unrouted ones; writes internal notes, reads internal KB articles.
    /// </summary>
    public const string Agent = "agent";

    /// <summary>Decides the approvals that name them (or a group they belong to).</summary>
    public const string Approver = "approver";

    /// <summary>Sees everything read-only, plus reports (SLA metrics, routing decisions).</summary>
    public const string Lead = "lead";

    /// <summary>Configures the platform: rules, SLA policies, subscriptions, the KB index, the directory.</summary>
    public const string Admin = "admin";

    /// <summary>Writes and publishes knowledge-base articles.</summary>
    public const string Editor = "editor";

    /// <summary>Publishes and retires service catalogue items (the process owners of request fulfilment), nothing else.</summary>
    public const string CatalogueManager = "catalogue-manager";

    public static readonly IReadOnlyList<string> All = [Requester, Agent, Approver, Lead, Admin, Editor, CatalogueManager];

    private static readonly Dictionary<string, string[]> ScopesByRole = new(StringComparer.Ordinal)
    {
        [Requester] = [HelpDeskScopes.TicketsRead, HelpDeskScopes.TicketsWrite, HelpDeskScopes.KbRead],
        [Agent] =
        [
            HelpDeskScopes.TicketsRead, HelpDeskScopes.TicketsWrite, HelpDeskScopes.TicketsAgent, HelpDeskScopes.KbRead, HelpDeskScopes.KbInternal,
            HelpDeskScopes.RoutingRead, HelpDeskScopes.SlaRead, HelpDeskScopes.NotificationsRead,
        ],
        [Approver] = [HelpDeskScopes.TicketsRead, HelpDeskScopes.KbRead, HelpDeskScopes.RoutingRead, HelpDeskScopes.ApprovalsDecide],
        [Lead] =
        [
            HelpDeskScopes.TicketsRead, HelpDeskScopes.KbRead, HelpDeskScopes.KbInternal, HelpDeskScopes.RoutingRead,
            HelpDeskScopes.SlaRead, HelpDeskScopes.NotificationsRead, HelpDeskScopes.DirectoryRead, HelpDeskScopes.ReportsRead,
        ],
        [Editor] = [HelpDeskScopes.KbRead, HelpDeskScopes.KbInternal, HelpDeskScopes.KbWrite],
        // Reads routing (the catalogue lives there) and writes only the catalogue: not rules, queues, agents or portals.
        [CatalogueManager] = [HelpDeskScopes.RoutingRead, HelpDeskScopes.CatalogWrite],
        [Admin] = [.. HelpDeskScopes.All],
    };

    public static bool IsKnown(string role) => ScopesByRole.ContainsKey(role);

    /// <summary>The API scopes a set of roles grants (unknown roles grant nothing).</summary>
    public static IReadOnlySet<string> ScopesOf(IEnumerable<string> roles)
    {
        var scopes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var role in roles)
        {
            if (ScopesByRole.TryGetValue(role, out var granted))
            {
                scopes.UnionWith(granted);
            }
        }
        return scopes;
    }
}
