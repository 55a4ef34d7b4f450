using HelpDesk.Messaging.Persistence;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Notifications;

public sealed class NotificationsDbContext(DbContextOptions<NotificationsDbContext> options) : ServiceDbContext(options)
{
    public DbSet<NotificationRecord> NotificationRecords => Set<NotificationRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<NotificationRecord>(entity =>
        {
            entity.ToTable("notifications_records");
            entity.HasKey(e => e.TicketId);
            entity.Property(e => e.TicketNumber).HasMaxLength(32);
        });
    }
}

/// <summary>What this service knows of a ticket it heard about.</summary>
public sealed class NotificationRecord
{
    public Guid TicketId { get; set; }

    public required string TicketNumber { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }
}
