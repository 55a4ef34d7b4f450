using HelpDesk.Messaging.Persistence;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Routing;

public sealed class RoutingDbContext(DbContextOptions<RoutingDbContext> options) : ServiceDbContext(options)
{
    public DbSet<RoutingRecord> RoutingRecords => Set<RoutingRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<RoutingRecord>(entity =>
        {
            entity.ToTable("routing_records");
            entity.HasKey(e => e.TicketId);
            entity.Property(e => e.TicketNumber).HasMaxLength(32);
        });
    }
}

/// <summary>What this service knows of a ticket it heard about.</summary>
public sealed class RoutingRecord
{
    public Guid TicketId { get; set; }

    public required string TicketNumber { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }
}
