namespace HelpDesk.Routing.Domain;

public sealed class RoutingQueue
{
    public required string Name { get; set; }
    public AssignmentStrategy Strategy { get; set; } = AssignmentStrategy.LeastLoaded;

    /// <summary>Round-robin position: the id of the agent who got the previous ticket.</summary>
    public string? LastAssignedAgentId { get; set; }
}
