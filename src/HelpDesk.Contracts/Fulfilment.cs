namespace HelpDesk.Contracts;

/// <summary>A fulfilment task was opened for a team (its step came up).</summary>
public sealed record FulfilmentTaskOpened(Guid TicketId, string TicketNumber, Guid TaskId, string Name, string Queue, int Step, DateTimeOffset OpenedAt);

public sealed record FulfilmentTaskCompleted(Guid TicketId, string TicketNumber, Guid TaskId, string Name, string Queue, string CompletedBy, DateTimeOffset CompletedAt, string? Note = null);

/// <summary>
/// Every fulfilment task is done, or the automation answered success: Intake resolves the request
/// (and closes it when <paramref name="Close"/>, i.e. automatic fulfilment that needs no confirmation).
/// </summary>
public sealed record TicketFulfilled(Guid TicketId, string TicketNumber, DateTimeOffset FulfilledAt, bool Automatic, string Summary, bool Close = false);

/// <summary>The fulfilment webhook answered (success or not); on failure the request goes to a person in the fulfilment queue.</summary>
public sealed record FulfilmentAutomationAnswered(Guid TicketId, string TicketNumber, bool Succeeded, int? StatusCode, string Answer, DateTimeOffset AnsweredAt);
