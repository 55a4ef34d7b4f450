namespace HelpDesk.Web.Gateway;

/// <summary>One change to a ticket: who, when, from which channel, which field, old → new.</summary>
public sealed record TicketHistoryEntry(long Id, DateTimeOffset At, string ActorId, string Actor, string Channel, string Field, string? OldValue, string? NewValue, string? Detail);
