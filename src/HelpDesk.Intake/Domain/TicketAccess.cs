
namespace HelpDesk.Intake.Domain;

/// <summary>
/// Who may see and do what with which ticket, from the verified caller:
/// <list type="bullet">
/// <item>admins and machine callers (channel apps, client-credentials clients) work every ticket;</item>
/// <item>agents work the tickets of their queues — a queue is theirs when one of their verified <c>group</c> claims
/// names it — plus tickets assigned to them and tickets not routed yet (so nothing waits unseen while routing is
/// down); every other ticket does not exist for them (404);</item>
/// <item>leads read every ticket, internal notes included, and change nothing;</item>
/// <item>any other person (a requester, an approver) sees the tickets they raised, and their organisation's when it
/// shares tickets; never internal notes; they comment as the requester, rate and reopen only their own.</item>
/// </list>
/// A ticket a caller may not see answers 404, as if it did not exist.
/// </summary>
public static class TicketAccess
{
    /// <summary>May use the desk's endpoints at all (agent operations); which tickets is <see cref="Works"/>.</summary>
    public static bool IsDesk(Caller caller) => !caller.IsPerson || caller.IsInAnyRole(HelpDeskRoles.Agent, HelpDeskRoles.Admin);

    /// <summary>Reads every ticket: machines, admins and leads. Agents see their queues only.</summary>
    public static bool SeesAll(Caller caller) => QueueAccess.SeesAll(caller);

    /// <summary>A person who is neither desk nor lead: their own tickets only.</summary>
    public static bool IsRequesterOnly(Caller caller) =>
        caller.IsPerson && !caller.IsInAnyRole(HelpDeskRoles.Agent, HelpDeskRoles.Admin, HelpDeskRoles.Lead);

    /// <summary>Works this ticket as the desk: any transition, internal notes, comments that count as the desk's response.</summary>
    public static bool Works(Caller caller, Ticket ticket) =>
        !caller.IsPerson || caller.IsInRole(HelpDeskRoles.Admin)
        || caller.IsInRole(HelpDeskRoles.Agent) && InQueues(caller, ticket);

    /// <summary>An agent's share: unrouted tickets, their queues' tickets, and tickets assigned to them.</summary>
    public static bool InQueues(Caller caller, Ticket ticket) => QueueAccess.IsAgentsShare(caller, ticket.Queue, ticket.AssigneeId);

    public static bool IsOwnTicket(Caller caller, Ticket ticket) =>
        caller.Email is { Length: > 0 } email && string.Equals(ticket.RequesterEmail, email, StringComparison.OrdinalIgnoreCase);

    public static bool CanSee(Caller caller, Ticket ticket) =>
        SeesAll(caller) || Works(caller, ticket) || IsOwnTicket(caller, ticket) || SharesOrganisation(caller, ticket);

    public static bool CanSeeInternalNotes(Caller caller, Ticket ticket) => SeesAll(caller) || Works(caller, ticket);

    /// <summary>Satisfaction is the requester's to give (or a channel app's, relaying the requester's survey answer).</summary>
    public static bool MayRate(Caller caller, Ticket ticket) =>
        caller.IsPerson ? IsOwnTicket(caller, ticket) : caller.Kind == CallerKinds.Channel || caller.Kind == CallerKinds.Client;

    /// <summary>Tickets a caller may list (the same rule as <see cref="CanSee"/>, as a query).</summary>
    public static IQueryable<Ticket> Visible(IQueryable<Ticket> tickets, Caller caller)
    {
        if (SeesAll(caller))
        {
            return tickets;
        }
        var email = (caller.Email ?? "").ToLowerInvariant();
        var organisation = caller.SharesOrganisationTickets ? caller.Organisation : null;
        if (caller.IsInRole(HelpDeskRoles.Agent))
        {
            var queues = caller.Groups.ToList();
            var ids = QueueAccess.IdsOf(caller);
            return tickets.Where(t => t.Queue == null || queues.Contains(t.Queue) || ids.Contains(t.AssigneeId!)
                || t.RequesterEmail == email || (organisation != null && t.RequesterOrganisation == organisation));
        }
        return organisation is null
            ? tickets.Where(t => t.RequesterEmail == email)
            : tickets.Where(t => t.RequesterEmail == email || t.RequesterOrganisation == organisation);
    }

    /// <summary>The transitions a person may make on their own ticket: close it, or reopen it after resolution.</summary>
    public static bool MayTransition(Caller caller, Ticket ticket, TicketStatus to) =>
        Works(caller, ticket)
        || (caller.IsPerson && IsOwnTicket(caller, ticket)
            && (to == TicketStatus.Closed || (ticket.Status is TicketStatus.Resolved && to == TicketStatus.InProgress)));

    /// <summary>How a comment by this caller counts; null when the caller may not comment on the ticket.</summary>
    public static CommentAuthorKind? CommentKind(Caller caller, Ticket ticket)
    {
        if (caller.IsInAnyRole(HelpDeskRoles.Agent, HelpDeskRoles.Admin) && Works(caller, ticket))
        {
            return CommentAuthorKind.Agent;
        }
        if (!caller.IsPerson)
        {
            // A channel app posts for the platform, never as the desk: it must not stop the first-response clock.
            return CommentAuthorKind.System;
        }
        return IsOwnTicket(caller, ticket) || SharesOrganisation(caller, ticket) ? CommentAuthorKind.Requester : null;
    }

    /// <summary>The name recorded as author or actor: a person's e-mail, a machine's display name.</summary>
    public static string NameOf(Caller caller) => caller.IsPerson && caller.Email is { Length: > 0 } email ? email : caller.DisplayName;

    private static bool SharesOrganisation(Caller caller, Ticket ticket) =>
        caller.SharesOrganisationTickets && caller.Organisation is { Length: > 0 } organisation
        && string.Equals(ticket.RequesterOrganisation, organisation, StringComparison.Ordinal);
}
