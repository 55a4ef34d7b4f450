namespace HelpDesk.ServiceDefaults.Http;

/// <summary>
/// The scope vocabulary shared by the gateway (which grants and checks them per route) and the services (which
/// check them again per endpoint). Routes added in configuration may use others.
/// </summary>
public static class HelpDeskScopes
{
    public const string TicketsRead = "tickets:read";
    public const string TicketsWrite = "tickets:write";

    /// <summary>
    /// Agent operations and agent-only views of tickets: reassign, edit fields, macros, bulk, links and merge, problems,
    /// major incidents, history. Requesters hold tickets:write but not this.
    /// </summary>
    public const string TicketsAgent = "tickets:agent";
    public const string KbRead = "kb:read";
    public const string KbWrite = "kb:write";

    /// <summary>Checked by the knowledge base itself: internal articles and drafts.</summary>
    public const string KbInternal = "kb:internal";

    /// <summary>Checked by the knowledge base itself: index rebuilds.</summary>
    public const string KbAdmin = "kb:admin";
    public const string RoutingRead = "routing:read";
    public const string RoutingAdmin = "routing:admin";

    /// <summary>
    /// Publishing and retiring service catalogue items (routing's catalogue writes) and nothing else of routing's
    /// configuration: what the catalogue-manager role holds. routing:admin still covers them too.
    /// </summary>
    public const string CatalogWrite = "catalog:write";

    /// <summary>Deciding approvals; the service still requires the caller to be the named approver (user or group).</summary>
    public const string ApprovalsDecide = "approvals:decide";
    public const string SlaRead = "sla:read";
    public const string SlaAdmin = "sla:admin";
    public const string NotificationsRead = "notifications:read";
    public const string NotificationsAdmin = "notifications:admin";

    /// <summary>Reading the people directory (managers, organisations), e.g. for approvals by a requester's manager.</summary>
    public const string DirectoryRead = "directory:read";

    /// <summary>Managing people, organisations and the identity service's signing keys.</summary>
    public const string DirectoryAdmin = "directory:admin";

    /// <summary>The support lead's reports (ticket volumes, response and resolution times, CSAT) across every ticket.</summary>
    public const string ReportsRead = "reports:read";

    public static readonly IReadOnlyList<string> All =
    [
        TicketsRead, TicketsWrite, TicketsAgent, KbRead, KbWrite, KbInternal, KbAdmin, RoutingRead, RoutingAdmin, CatalogWrite, ApprovalsDecide,
        SlaRead, SlaAdmin, NotificationsRead, NotificationsAdmin, DirectoryRead, DirectoryAdmin, ReportsRead,
    ];
}
