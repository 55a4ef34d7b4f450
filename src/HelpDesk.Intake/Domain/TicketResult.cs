namespace HelpDesk.Intake.Domain;

/// <summary>
/// What a ticket method decided: an error and no change, or success with the events to publish (through the outbox,
/// in the same transaction as the change).
/// </summary>
public sealed record TicketResult(TicketError? Error, IReadOnlyList<object> Events)
{
    public bool Succeeded => Error is null;

    public static TicketResult Ok(params IReadOnlyList<object> events) => new(null, events);

    public static TicketResult Fail(TicketErrorKind kind, string detail) => new(new TicketError(kind, detail), []);
}
