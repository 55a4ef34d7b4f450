using HelpDesk.Messaging.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HelpDesk.Sla.Infrastructure;

public sealed class SlaDbContext(DbContextOptions<SlaDbContext> options) : ServiceDbContext(options)
{
    public DbSet<SlaTicket> Tickets => Set<SlaTicket>();

    public DbSet<SlaFact> Facts => Set<SlaFact>();

    public DbSet<SlaClock> Clocks => Set<SlaClock>();

    public DbSet<SlaFiring> Firings => Set<SlaFiring>();

    public DbSet<SlaDefinitionRecord> Definitions => Set<SlaDefinitionRecord>();

    /// <summary>Set when a change moved a clock's next due instant, so the scanner re-arms after the commit.</summary>
    internal bool ScheduleChanged { get; set; }

    protected override void ResetOwnState()
    {
        base.ResetOwnState();
        ScheduleChanged = false;
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<SlaTicket>(ConfigureSlaTicket);
        modelBuilder.Entity<SlaFact>(ConfigureSlaFact);
        modelBuilder.Entity<SlaClock>(ConfigureSlaClock);
        modelBuilder.Entity<SlaFiring>(ConfigureSlaFiring);
        modelBuilder.Entity<SlaDefinitionRecord>(ConfigureSlaDefinitionRecord);
    }

    private static void ConfigureSlaTicket(EntityTypeBuilder<SlaTicket> ticket)
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
        // APIs take a ticket's number (HD-000123) as well as its id.
        ticket.HasIndex(t => t.TicketNumber);
        // Two lifecycle events of one ticket replayed concurrently: the later commit must see the earlier's fact.
        ticket.Property(t => t.Version).IsConcurrencyToken();
    }

    private static void ConfigureSlaFact(EntityTypeBuilder<SlaFact> fact)
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
    }

    private static void ConfigureSlaClock(EntityTypeBuilder<SlaClock> clock)
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
    }

    private static void ConfigureSlaFiring(EntityTypeBuilder<SlaFiring> firing)
    {
        firing.ToTable("sla_firings");
        firing.HasKey(f => f.Id);
        firing.Property(f => f.Id).ValueGeneratedOnAdd();
        // A threshold of one cycle of one clock fires once, whatever the number of scanners.
        firing.HasIndex(f => new { f.ClockId, f.Cycle, f.ThresholdPercent }).IsUnique();
        firing.HasIndex(f => f.TicketId);
        firing.Property(f => f.Metric).HasConversion<string>().HasMaxLength(20);
        firing.Property(f => f.Policy).HasMaxLength(100);
    }

    private static void ConfigureSlaDefinitionRecord(EntityTypeBuilder<SlaDefinitionRecord> definition)
    {
        definition.ToTable("sla_definitions");
        definition.HasKey(d => new { d.Kind, d.Name });
        definition.Property(d => d.Kind).HasConversion<string>().HasMaxLength(20);
        definition.Property(d => d.Name).HasMaxLength(100);
        definition.Property(d => d.Source).HasConversion<string>().HasMaxLength(20);
    }
}
