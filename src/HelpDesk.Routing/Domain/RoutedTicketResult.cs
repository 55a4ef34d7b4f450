namespace HelpDesk.Routing.Domain;

/// <summary>What a routed ticket decided: an error and no change, or success with the events to publish.</summary>
public sealed record RoutedTicketResult(RoutedTicketError? Error, IReadOnlyList<object> Events)
{
    public bool Succeeded => Error is null;

    public static RoutedTicketResult Ok(params IReadOnlyList<object> events) => new(null, events);

    public static RoutedTicketResult Fail(RoutedTicketErrorKind kind, string detail) => new(new RoutedTicketError(kind, detail), []);
}
