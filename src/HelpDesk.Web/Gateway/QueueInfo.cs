namespace HelpDesk.Web.Gateway;

public sealed record QueueInfo(string Name, string Strategy, int Agents, int WaitingTickets, int AwaitingApproval);
