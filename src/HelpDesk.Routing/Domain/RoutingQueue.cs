namespace HelpDesk.Routing.Domain;

/// <summary>A queue's assignment settings; a queue named only by agents or tickets uses the defaults.</summary>
public sealed class RoutingQueue
{
    public required string Name { get; set; }

    public AssignmentStrategy Strategy { get; set; } = AssignmentStrategy.LeastLoaded;

    /// <summary>Round-robin position: the id of the agent who got the previous ticket.</summary>
    public string? LastAssignedAgentId { get; private set; }

    /// <summary>Remembers whose turn it was, so round robin continues after <paramref name="agent"/>.</summary>
    public void RecordAssignment(Agent agent)
    {
        if (Strategy == AssignmentStrategy.RoundRobin)
        {
            LastAssignedAgentId = agent.Id;
        }
    }
}
