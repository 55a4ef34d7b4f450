namespace HelpDesk.Routing.Api;

public sealed record QueueView(string Name, AssignmentStrategy Strategy, int Agents, int WaitingTickets, int AwaitingApproval);
