using HelpDesk.Routing.Domain;

namespace HelpDesk.Routing.Api;

public sealed record FulfilmentTaskView(
    Guid Id, Guid TicketId, string TicketNumber, int Step, string Name, string? Title, string Queue, FulfilmentTaskStatus Status,
    DateTimeOffset? OpenedAt, DateTimeOffset? CompletedAt, string? CompletedBy, string? Note)
{
    public static FulfilmentTaskView From(FulfilmentTask t) =>
        new(t.Id, t.TicketId, t.TicketNumber, t.Step, t.Name, t.Title, t.Queue, t.Status, t.OpenedAt, t.CompletedAt, t.CompletedBy, t.Note);
}
