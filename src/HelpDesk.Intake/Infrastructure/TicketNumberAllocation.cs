namespace HelpDesk.Intake.Infrastructure;

/// <summary>
/// One row per allocated ticket number. The database generates the value (SQLite AUTOINCREMENT, PostgreSQL
/// identity sequence), so numbers are unique across concurrent requests and replicas; a rolled-back
/// submission leaves a gap, which is acceptable.
/// </summary>
public sealed class TicketNumberAllocation
{
    public long Value { get; set; }

    public DateTimeOffset AllocatedAt { get; set; }
}
