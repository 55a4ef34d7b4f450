namespace HelpDesk.Web.Components.Pages.Agent;

/// <summary>
/// The order of a queue page: Intake pages newest first with a keyset cursor (stable under inserts); within each page
/// the agent can order by SLA risk (breached first, then the nearest target) or priority.
/// </summary>
public static class QueueSort
{
    private static readonly string[] Priorities = ["Critical", "High", "Medium", "Low"];

    public static IReadOnlyList<TicketSummary> Apply(IReadOnlyList<TicketSummary> tickets, IReadOnlyDictionary<Guid, SlaRiskInfo> risks, string? sort) => sort switch
    {
        "risk" => [.. tickets
            .OrderBy(t => SlaRisk.Rank(risks.TryGetValue(t.Id, out var r) ? r.Risk : SlaRisk.Ok))
            .ThenBy(t => risks.TryGetValue(t.Id, out var r) ? r.NextDueAt ?? DateTimeOffset.MaxValue : DateTimeOffset.MaxValue)],
        "priority" => [.. tickets.OrderBy(t => Array.IndexOf(Priorities, t.Priority)).ThenByDescending(t => t.UpdatedAt)],
        _ => [.. tickets.OrderByDescending(t => t.UpdatedAt)],
    };
}
