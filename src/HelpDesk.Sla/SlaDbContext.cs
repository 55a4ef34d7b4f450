using HelpDesk.Messaging.Persistence;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Sla;

public sealed class SlaDbContext(DbContextOptions<SlaDbContext> options) : ServiceDbContext(options)
{
    public DbSet<SlaClockRecord> SlaClockRecords => Set<SlaClockRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<SlaClockRecord>(entity =>
        {
            entity.ToTable("sla_records");
            entity.HasKey(e => e.TicketId);
            entity.Property(e => e.TicketNumber).HasMaxLength(32);
        });
    }
}

/// <summary>What this service knows of a ticket it heard about.</summary>
public sealed class SlaClockRecord
{
    public Guid TicketId { get; set; }

    public required string TicketNumber { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }
}
