namespace HelpDesk.Routing.Domain;

public enum RoutedTicketErrorKind
{
    /// <summary>The ticket needs no approval or was already decided (409).</summary>
    NotAwaitingApproval,

    /// <summary>Someone other than the named approver tried to decide (403).</summary>
    NotTheApprover,
}
