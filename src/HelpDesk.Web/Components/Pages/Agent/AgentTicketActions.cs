namespace HelpDesk.Web.Components.Pages.Agent;

/// <summary>The agent's actions on a ticket, each one call through the gateway; answers null on success, else what to show.</summary>
public static class AgentTicketActions
{
    public static readonly string[] Statuses = ["Assigned", "InProgress", "PendingCustomer", "Resolved", "Closed"];
    public static readonly string[] Priorities = ["Critical", "High", "Medium", "Low"];
    public static readonly string[] LinkTypes = ["Related", "DuplicateOf", "CausedBy", "FixedBy"];

    public static async Task<string?> RunAsync(GatewayApi api, Ticket ticket, string action, AgentActionForm form, string me, string myName, CancellationToken cancellationToken)
    {
        var number = ticket.Number;
        var problem = action switch
        {
            "pick" => (await api.ReassignAsync(number, me, myName, null, cancellationToken)).Problem,
            "reply" => (await api.CommentAsync(number, form.Body ?? "", isPublic: true, cancellationToken)).Problem,
            "note" => (await api.CommentAsync(number, form.Body ?? "", isPublic: false, cancellationToken)).Problem,
            "status" => (await api.TransitionAsync(number, form.Status ?? "", form.Version, form.Reason, form.Resolution, cancellationToken)).Problem,
            "priority" => (await api.SetPriorityAsync(number, form.Priority ?? "", form.Version, cancellationToken)).Problem,
            "reassign" => (await api.ReassignAsync(number, Blank(form.AgentId), null, Blank(form.Queue), cancellationToken)).Problem,
            "approve" => (await api.DecideAsync(ticket.Id, approve: true, Blank(form.Reason), cancellationToken)).Problem,
            "reject" => (await api.DecideAsync(ticket.Id, approve: false, Blank(form.Reason), cancellationToken)).Problem,
            "link" => (await api.LinkAsync(number, form.LinkType ?? "", Blank(form.Target) ?? "", cancellationToken)).Problem,
            "merge" => (await api.MergeAsync(number, Blank(form.Target) ?? "", cancellationToken)).Problem,
            "macro" => (await api.ApplyMacroAsync(number, form.Macro ?? "", cancellationToken)).Problem,
            _ => new ApiProblem("Unknown action", $"'{action}' is not an action of this page.", 400, null),
        };
        return problem?.Message;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
