using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Intake.Infrastructure;

/// <summary>The tables of the ITIL operations (issue 17): history, links, macros, bulk items, major incidents.</summary>
internal static class IntakeItilModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<TicketHistoryEntry>(history =>
        {
            history.ToTable("ticket_history");
            history.HasKey(h => h.Id);
            history.Property(h => h.Id).ValueGeneratedOnAdd();
            history.HasIndex(h => new { h.TicketId, h.Id });
            history.Property(h => h.ActorId).HasMaxLength(200);
            history.Property(h => h.Actor).HasMaxLength(200);
            history.Property(h => h.Channel).HasMaxLength(50);
            history.Property(h => h.Field).HasMaxLength(50);
            history.Property(h => h.OldValue).HasMaxLength(TicketHistoryEntry.ValueMaxLength);
            history.Property(h => h.NewValue).HasMaxLength(TicketHistoryEntry.ValueMaxLength);
            history.Property(h => h.Detail).HasMaxLength(TicketHistoryEntry.ValueMaxLength);
        });
        modelBuilder.Entity<TicketLink>(link =>
        {
            link.ToTable("ticket_links");
            link.HasKey(l => new { l.TicketId, l.Type, l.TargetTicketId });
            link.HasIndex(l => new { l.TargetTicketId, l.Type });
            link.Property(l => l.Type).HasConversion<string>().HasMaxLength(32);
            link.Property(l => l.CreatedBy).HasMaxLength(200);
        });
        modelBuilder.Entity<Macro>(macro =>
        {
            macro.ToTable("macros");
            macro.HasKey(m => m.Name);
            macro.Property(m => m.Name).HasMaxLength(100);
            macro.Property(m => m.Description).HasMaxLength(500);
            macro.Property(m => m.UpdatedBy).HasMaxLength(200);
            macro.OwnsMany(m => m.Actions, action => action.ToJson());
        });
        modelBuilder.Entity<BulkOperationItem>(item =>
        {
            item.ToTable("bulk_operation_items");
            // The key is what makes a retried bulk request skip the tickets it already changed.
            item.HasKey(i => new { i.ClientId, i.Key, i.TicketId });
            item.Property(i => i.ClientId).HasMaxLength(200);
            item.Property(i => i.Key).HasMaxLength(TicketLimits.IdempotencyKeyMaxLength);
            item.Property(i => i.RequestHash).HasMaxLength(64);
            item.Property(i => i.Error).HasMaxLength(1000);
        });
        modelBuilder.Entity<MajorIncident>(group =>
        {
            group.ToTable("major_incidents");
            group.HasKey(m => m.Id);
            group.Property(m => m.Queue).HasMaxLength(100);
            group.Property(m => m.Category).HasMaxLength(100);
            group.Property(m => m.Signature).HasMaxLength(2000);
            group.Property(m => m.Subject).HasMaxLength(TicketLimits.SubjectMaxLength);
            group.Property(m => m.State).HasConversion<string>().HasMaxLength(16);
            group.Property(m => m.ConfirmedBy).HasMaxLength(200);
            // One open group per storm: two arrivals racing to raise it collide here, the loser retries and joins.
            group.HasIndex(m => new { m.Queue, m.Category, m.Signature, m.ClosedKey }).IsUnique();
        });
    }
}
