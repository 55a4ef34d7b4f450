namespace HelpDesk.LocalServers;

/// <summary>One agent of the demo's Routing set-up: the queues Routing assigns them tickets from, and their skills.</summary>
public sealed record DemoAgent(string Id, string Name, string[] Queues, string[] Skills)
{
    public string Email => $"{Id}@example.org";
}
