namespace HelpDesk.Intake.Api;

public sealed record TicketHistoryEntryResponse(long Id, DateTimeOffset At, string ActorId, string Actor, string Channel, string Field, string? OldValue, string? NewValue, string? Detail)
{
    public static TicketHistoryEntryResponse From(TicketHistoryEntry e) => new(e.Id, e.At, e.ActorId, e.Actor, e.Channel, e.Field, e.OldValue, e.NewValue, e.Detail);
}
