namespace HelpDesk.Routing.Infrastructure;

public sealed class QueueSeed
{
    public string Name { get; set; } = "";
    public AssignmentStrategy Strategy { get; set; } = AssignmentStrategy.LeastLoaded;
}
