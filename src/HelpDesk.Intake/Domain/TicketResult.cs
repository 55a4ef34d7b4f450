namespace HelpDesk.Intake.Domain;

/// <summary>
/// What a ticket method decided: an error and no change, or success with the events to publish (through the outbox,
/// in the same transaction as the change).
/// </summary>
public sealed record TicketResult(TicketError? Error, IReadOnlyList<object> Events)
{
    public bool Succeeded => Error is null;

    /// <summary>Field changes that publish no event of their own (e.g. routing's queue), for the ticket's history.</summary>
    public IReadOnlyList<TicketFieldChange> Changes { get; init; } = [];

    public static TicketResult Ok(params IReadOnlyList<object> events) => new(null, events);

    public static TicketResult Fail(TicketErrorKind kind, string detail, string? field = null) => new(new TicketError(kind, detail, field), []);
}
