namespace HelpDesk.Routing.Domain;

/// <summary>
/// What an agent's hand-over did to a routed ticket: whether it applied (not older than one already applied), the
/// agent that gave the ticket up (to release), the queue it left, and whether it now needs an agent.
/// </summary>
public sealed record HandOver(bool Applied, string? FromAgent, string FromQueue, bool Assignable)
{
    public static readonly HandOver Stale = new(false, null, "", false);
}
