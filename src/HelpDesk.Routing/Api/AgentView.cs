namespace HelpDesk.Routing.Api;

public sealed record AgentView(
    string Id, string Name, string? Email, IReadOnlyList<string> Queues, IReadOnlyList<string> Skills, int Capacity,
    bool OnShift, DateTimeOffset? OutOfOfficeUntil, bool Available, int OpenTickets, DateTimeOffset? LastAssignedAt)
{
    public static AgentView From(Agent a, DateTimeOffset now) =>
        new(a.Id, a.Name, a.Email, a.Queues, a.Skills, a.Capacity, a.OnShift, a.OutOfOfficeUntil, a.IsAvailable(now), a.OpenTickets, a.LastAssignedAt);
}
