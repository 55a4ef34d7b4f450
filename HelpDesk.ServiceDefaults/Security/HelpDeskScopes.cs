namespace HelpDesk.ServiceDefaults.Security;

/// <summary>
/// The API scopes: what a channel key, a machine client's token, or a person's roles allow on each API.
/// The gateway checks the route's scope; services check the finer ones (kb:internal, approvals:decide).
/// </summary>
public static class HelpDeskScopes
{
    public const string TicketsRead = "tickets:read";
    public const string TicketsWrite = "tickets:write";
    public const string KbRead = "kb:read";
    public const string KbWrite = "kb:write";

    /// <summary>Internal articles and drafts.</summary>
    public const string KbInternal = "kb:internal";

    /// <summary>Index rebuilds.</summary>
    public const string KbAdmin = "kb:admin";
    public const string RoutingRead = "routing:read";
    public const string RoutingAdmin = "routing:admin";

    /// <summary>Deciding approvals; services still require the caller to be the named approver.</summary>
    public const string ApprovalsDecide = "approvals:decide";
    public const string SlaRead = "sla:read";
    public const string SlaAdmin = "sla:admin";
    public const string NotificationsRead = "notifications:read";
    public const string NotificationsAdmin = "notifications:admin";

    /// <summary>Reading the people directory (managers, organisations), e.g. for approvals by a requester's manager.</summary>
    public const string DirectoryRead = "directory:read";

    /// <summary>Managing people, organisations and signing keys.</summary>
    public const string DirectoryAdmin = "directory:admin";

    public static readonly IReadOnlyList<string> All =
    [
        TicketsRead, TicketsWrite, KbRead, KbWrite, KbInternal, KbAdmin, RoutingRead, RoutingAdmin, ApprovalsDecide,
        SlaRead, SlaAdmin, NotificationsRead, NotificationsAdmin, DirectoryRead, DirectoryAdmin,
    ];
}
