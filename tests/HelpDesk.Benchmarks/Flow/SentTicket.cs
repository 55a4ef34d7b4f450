namespace HelpDesk.Benchmarks.Flow;

/// <summary>A ticket the gateway acknowledged: its number in the run, when it was due and when the 201 came (UTC ticks).</summary>
public sealed record SentTicket(int Number, long ScheduledTicks, long AcknowledgedTicks);
