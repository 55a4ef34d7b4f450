namespace HelpDesk.Routing.Domain;

/// <summary>
/// Where a routed ticket stands in this service: waiting for approval, for an agent, assigned, done, rejected, or being
/// fulfilled automatically (no agent unless the automation fails).
/// </summary>
public enum RoutedTicketState { AwaitingApproval, Waiting, Assigned, Done, Rejected, Automating }
