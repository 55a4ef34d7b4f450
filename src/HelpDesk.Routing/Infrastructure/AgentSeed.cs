namespace HelpDesk.Routing.Infrastructure;

public sealed class AgentSeed
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public string? Email { get; set; }
    public List<string> Queues { get; set; } = [];
    public List<string> Skills { get; set; } = [];
    public int Capacity { get; set; } = 10;
    public bool OnShift { get; set; } = true;
}
