namespace HelpDesk.Routing.Domain;

/// <summary>Why a routed ticket refused a change, in words for the person who asked.</summary>
public sealed record RoutedTicketError(RoutedTicketErrorKind Kind, string Detail);
