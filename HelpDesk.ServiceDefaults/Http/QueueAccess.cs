namespace HelpDesk.ServiceDefaults.Http;

/// <summary>
/// Which tickets' desk-side records a caller may read, by queue — the one rule every service applies to the ticket
/// data it holds (Intake's tickets, Routing's decisions, SLA clocks, the notification log):
/// <list type="bullet">
/// <item>machine callers, admins and leads: every ticket;</item>
/// <item>agents: tickets of their queues (a verified <c>group</c> claim names the queue), tickets assigned to them,
/// and tickets not routed yet (so nothing waits unseen while routing is down);</item>
/// <item>approvers: the tickets they are the named approver of (by user name, user id, e-mail, or a group of theirs).</item>
/// </list>
/// Services answer 404 for a ticket outside the caller's share, as if it did not exist.
/// </summary>
public static class QueueAccess
{
    /// <summary>Reads every ticket: machines (channel apps, client credentials), admins and leads.</summary>
    public static bool SeesAll(Caller caller) => !caller.IsPerson || caller.IsInAnyRole(HelpDeskRoles.Admin, HelpDeskRoles.Lead);

    /// <summary>An agent's share: unrouted tickets, their queues' tickets, and tickets assigned to them.</summary>
    public static bool IsAgentsShare(Caller caller, string? queue, string? assignee) =>
        caller.IsInRole(HelpDeskRoles.Agent)
        && (string.IsNullOrEmpty(queue) || caller.Groups.Contains(queue) || assignee is { Length: > 0 } && IdsOf(caller).Contains(assignee));

    /// <summary>The named approver of a ticket is this person (or one of their groups).</summary>
    public static bool IsApprover(Caller caller, string? approver) =>
        caller.IsInRole(HelpDeskRoles.Approver) && approver is { Length: > 0 }
        && (caller.Groups.Contains(approver) || IdsOf(caller).Any(id => string.Equals(id, approver, StringComparison.OrdinalIgnoreCase)));

    /// <summary>May read what a service holds about a ticket in <paramref name="queue"/> (assigned to, approved by …).</summary>
    public static bool MayRead(Caller caller, string? queue, string? assignee, string? approver = null) =>
        SeesAll(caller) || IsAgentsShare(caller, queue, assignee) || IsApprover(caller, approver);

    /// <summary>The ids a ticket may be assigned to this person under: Routing's agent id (their user name), user id or e-mail.</summary>
    public static IReadOnlyList<string> IdsOf(Caller caller) =>
        new[] { caller.UserName, caller.Id, caller.Email }.OfType<string>().Where(id => id.Length > 0).Distinct(StringComparer.Ordinal).ToList();
}
