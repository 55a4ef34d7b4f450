namespace HelpDesk.Routing.Domain;

/// <summary>A queue's agents with their open tickets, as seen inside the current transaction, and the choice of who is next.</summary>
internal sealed class QueueTeam(RoutingQueue queue, List<Agent> agents, Dictionary<string, int> loads, DateTimeOffset now)
{
    public RoutingQueue Queue { get; } = queue;

    public Dictionary<string, int> Loads { get; } = loads;

    public DateTimeOffset Now { get; } = now;

    public bool HasRoom => agents.Any(HasRoomFor);

    public int LoadOf(Agent agent) => Loads.GetValueOrDefault(agent.Id);

    private bool HasRoomFor(Agent agent) => agent.HasRoom(LoadOf(agent), Now);

    public Agent? Choose(RoutedTicket ticket)
    {
        var eligible = agents.Where(HasRoomFor).ToList();
        if (eligible.Count == 0)
        {
            return null;
        }
        return Queue.Strategy switch
        {
            AssignmentStrategy.RoundRobin => NextInTurn(eligible),
            AssignmentStrategy.SkillsMatch => BestSkilled(eligible, ticket),
            _ => LeastLoaded(eligible),
        };
    }

    private Agent NextInTurn(List<Agent> eligible)
    {
        var ordered = eligible.OrderBy(a => a.Id, StringComparer.Ordinal).ToList();
        var last = Queue.LastAssignedAgentId;
        return last is null
            ? ordered[0]
            : ordered.FirstOrDefault(a => string.CompareOrdinal(a.Id, last) > 0) ?? ordered[0];
    }

    private Agent LeastLoaded(IEnumerable<Agent> candidates) => candidates
        .OrderBy(a => (double)LoadOf(a) / Math.Max(1, a.Capacity))
        .ThenBy(LoadOf)
        .ThenBy(a => a.LastAssignedAt ?? DateTimeOffset.MinValue)
        .ThenBy(a => a.Id, StringComparer.Ordinal)
        .First();

    /// <summary>
    /// Required skills are the ticket's category and tags. If anyone in the queue has one of them, only the
    /// best-matching available agents qualify (the ticket waits for them when they are busy); if nobody in the
    /// queue has any, the least-loaded available agent takes it.
    /// </summary>
    private Agent? BestSkilled(List<Agent> eligible, RoutedTicket ticket)
    {
        var required = ticket.Tags.Append(ticket.Category).ToHashSet(StringComparer.OrdinalIgnoreCase);
        int Score(Agent agent) => agent.Skills.Count(required.Contains);
        if (!agents.Any(a => Score(a) > 0))
        {
            return LeastLoaded(eligible);
        }
        var best = eligible.Select(Score).DefaultIfEmpty(0).Max();
        return best == 0 ? null : LeastLoaded(eligible.Where(a => Score(a) == best));
    }
}
