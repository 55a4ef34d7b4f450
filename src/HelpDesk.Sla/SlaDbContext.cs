using HelpDesk.Contracts;
using HelpDesk.Messaging.Persistence;
using HelpDesk.Sla.Clocks;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Sla;

public sealed class SlaDbContext(DbContextOptions<SlaDbContext> options) : ServiceDbContext(options)
{
    public DbSet<SlaTicket> Tickets => Set<SlaTicket>();

    public DbSet<SlaFact> Facts => Set<SlaFact>();

    public DbSet<SlaClock> Clocks => Set<SlaClock>();

    public DbSet<SlaFiring> Firings => Set<SlaFiring>();

    public DbSet<SlaDefinitionRecord> Definitions => Set<SlaDefinitionRecord>();

    /// <summary>Set when a change moved a clock's next due instant, so the scanner re-arms after the commit.</summary>
    internal bool ScheduleChanged { get; set; }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<SlaTicket>(ticket =>
        {
            ticket.ToTable("sla_tickets");
            ticket.HasKey(t => t.TicketId);
            ticket.Property(t => t.TicketNumber).HasMaxLength(32);
            ticket.Property(t => t.Queue).HasMaxLength(100);
            ticket.Property(t => t.Organisation).HasMaxLength(200);
            ticket.Property(t => t.AssigneeId).HasMaxLength(100);
            ticket.Property(t => t.Policy).HasMaxLength(100);
            ticket.Property(t => t.Type).HasConversion<string>().HasMaxLength(20);
            ticket.Property(t => t.Priority).HasConversion<string>().HasMaxLength(20);
            ticket.Property(t => t.Status).HasConversion<string>().HasMaxLength(20);
            ticket.HasIndex(t => t.SubmittedAt);
            // Two lifecycle events of one ticket replayed concurrently: the later commit must see the earlier's fact.
            ticket.Property(t => t.Version).IsConcurrencyToken();
        });
        modelBuilder.Entity<SlaFact>(fact =>
        {
            fact.ToTable("sla_ticket_events");
            fact.HasKey(f => f.Id);
            fact.Property(f => f.Id).ValueGeneratedOnAdd();
            // Natural key: the same lifecycle fact delivered twice (different message ids) is stored once.
            fact.HasIndex(f => new { f.TicketId, f.FactKey }).IsUnique();
            fact.Property(f => f.FactKey).HasMaxLength(160);
            fact.Property(f => f.Kind).HasConversion<string>().HasMaxLength(20);
            fact.Property(f => f.TicketNumber).HasMaxLength(32);
            fact.Property(f => f.Queue).HasMaxLength(100);
            fact.Property(f => f.Organisation).HasMaxLength(200);
            fact.Property(f => f.Actor).HasMaxLength(200);
            fact.Property(f => f.Detail).HasMaxLength(500);
            fact.Property(f => f.Type).HasConversion<string>().HasMaxLength(20);
            fact.Property(f => f.Priority).HasConversion<string>().HasMaxLength(20);
            fact.Property(f => f.FromStatus).HasConversion<string>().HasMaxLength(20);
            fact.Property(f => f.ToStatus).HasConversion<string>().HasMaxLength(20);
        });
        modelBuilder.Entity<SlaClock>(clock =>
        {
            clock.ToTable("sla_clocks");
            clock.HasKey(c => c.Id);
            clock.Property(c => c.Id).ValueGeneratedOnAdd();
            clock.HasIndex(c => new { c.TicketId, c.Metric }).IsUnique();
            // The scanner's only query: what is due, earliest first. Cost follows the due rows, not the open clocks.
            clock.HasIndex(c => c.NextDueAt);
            clock.Property(c => c.Metric).HasConversion<string>().HasMaxLength(20);
            clock.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
            clock.Property(c => c.Policy).HasMaxLength(100);
            clock.Property(c => c.Calendar).HasMaxLength(100);
            clock.Property(c => c.Thresholds).HasMaxLength(100);
            clock.Property(c => c.TicketNumber).HasMaxLength(32);
            clock.Property(c => c.Queue).HasMaxLength(100);
            clock.Property(c => c.AssigneeId).HasMaxLength(100);
            clock.Property(c => c.Version).IsConcurrencyToken();
        });
        modelBuilder.Entity<SlaFiring>(firing =>
        {
            firing.ToTable("sla_firings");
            firing.HasKey(f => f.Id);
            firing.Property(f => f.Id).ValueGeneratedOnAdd();
            // A threshold of one cycle of one clock fires once, whatever the number of scanners.
            firing.HasIndex(f => new { f.ClockId, f.Cycle, f.ThresholdPercent }).IsUnique();
            firing.HasIndex(f => f.TicketId);
            firing.Property(f => f.Metric).HasConversion<string>().HasMaxLength(20);
            firing.Property(f => f.Policy).HasMaxLength(100);
        });
        modelBuilder.Entity<SlaDefinitionRecord>(definition =>
        {
            definition.ToTable("sla_definitions");
            definition.HasKey(d => new { d.Kind, d.Name });
            definition.Property(d => d.Kind).HasConversion<string>().HasMaxLength(20);
            definition.Property(d => d.Name).HasMaxLength(100);
            definition.Property(d => d.Source).HasConversion<string>().HasMaxLength(20);
        });
    }
}

/// <summary>What this service knows of a ticket: the attributes policies select on and the outcome for metrics.</summary>
public sealed class SlaTicket
{
    public Guid TicketId { get; set; }

    public string TicketNumber { get; set; } = "";

    public TicketType Type { get; set; }

    public TicketPriority Priority { get; set; }

    public string? Organisation { get; set; }

    public string? Queue { get; set; }

    public string? AssigneeId { get; set; }

    public TicketStatus Status { get; set; }

    public string? Policy { get; set; }

    /// <summary>Null until TicketSubmitted arrived (other lifecycle events may come first).</summary>
    public DateTimeOffset? SubmittedAt { get; set; }

    public DateTimeOffset? FirstRespondedAt { get; set; }

    public DateTimeOffset? ResolvedAt { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }

    public int? SatisfactionScore { get; set; }

    /// <summary>The explained clock history (JSON list of <see cref="TimelineEntry"/>), rebuilt on every lifecycle event.</summary>
    public string Timeline { get; set; } = "[]";

    public DateTimeOffset UpdatedAt { get; set; }

    public long Version { get; set; }
}

/// <summary>
/// One SLA clock of a ticket. Business time is stored as ticks: <see cref="ElapsedBefore"/> is what accumulated before
/// the current running segment (which began at <see cref="RunningSince"/>), so elapsed time at any instant is
/// computed without writing the row every second.
/// </summary>
public sealed class SlaClock
{
    public long Id { get; set; }

    public Guid TicketId { get; set; }

    public SlaMetric Metric { get; set; }

    public string TicketNumber { get; set; } = "";

    public string? Queue { get; set; }

    public string? AssigneeId { get; set; }

    public string Policy { get; set; } = "";

    public string Calendar { get; set; } = "";

    public long TargetTicks { get; set; }

    /// <summary>Warning percentages, comma-separated, ascending.</summary>
    public string Thresholds { get; set; } = "";

    public ClockStatus Status { get; set; }

    /// <summary>Restarts (next-update after each reply, resolution on reopen when configured) begin a new cycle.</summary>
    public int Cycle { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public long ElapsedBeforeTicks { get; set; }

    public DateTimeOffset? RunningSince { get; set; }

    public DateTimeOffset? PausedSince { get; set; }

    public long PausedTicks { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>When the business time reached the target in a segment that has ended (null while it has not).</summary>
    public DateTimeOffset? TargetReachedAt { get; set; }

    /// <summary>Breach instant of a running clock.</summary>
    public DateTimeOffset? DueAt { get; set; }

    /// <summary>Cycle to which <see cref="LastFiredPercent"/> refers.</summary>
    public int FiredCycle { get; set; }

    /// <summary>Highest threshold already raised in <see cref="FiredCycle"/> (100 = breach raised).</summary>
    public int LastFiredPercent { get; set; }

    public int? NextThreshold { get; set; }

    /// <summary>When the next warning or the breach is due; null when nothing can fire (paused, met, stopped).</summary>
    public DateTimeOffset? NextDueAt { get; set; }

    public long Version { get; set; }

    public TimeSpan Target => TimeSpan.FromTicks(TargetTicks);

    public TimeSpan ElapsedBefore => TimeSpan.FromTicks(ElapsedBeforeTicks);

    public IReadOnlyList<int> ThresholdList =>
        [.. Thresholds.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(t => int.Parse(t, System.Globalization.CultureInfo.InvariantCulture))];
}

/// <summary>A warning or breach that was raised: written in the same transaction as its outbox event.</summary>
public sealed class SlaFiring
{
    public long Id { get; set; }

    public long ClockId { get; set; }

    public Guid TicketId { get; set; }

    public SlaMetric Metric { get; set; }

    public int Cycle { get; set; }

    /// <summary>Warning percentage, or 100 for the breach.</summary>
    public int ThresholdPercent { get; set; }

    public string Policy { get; set; } = "";

    /// <summary>When the threshold was reached.</summary>
    public DateTimeOffset DueAt { get; set; }

    /// <summary>When it was raised (the difference is the firing lag).</summary>
    public DateTimeOffset FiredAt { get; set; }
}

public enum DefinitionKind { Calendar, Policy }

public enum DefinitionSource { Default, Configuration, Api }

/// <summary>A calendar or policy definition (JSON) with where it came from.</summary>
public sealed class SlaDefinitionRecord
{
    public DefinitionKind Kind { get; set; }

    public string Name { get; set; } = "";

    public string Json { get; set; } = "";

    public DefinitionSource Source { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
