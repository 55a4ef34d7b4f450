namespace HelpDesk.Routing.Domain;

/// <summary>Where a routed ticket stands in this service: waiting for approval, for an agent, assigned, or done.</summary>
public enum RoutedTicketState { AwaitingApproval, Waiting, Assigned, Done, Rejected }
