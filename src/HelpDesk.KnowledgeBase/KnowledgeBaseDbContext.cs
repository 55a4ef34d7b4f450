using HelpDesk.Messaging.Persistence;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.KnowledgeBase;

public sealed class KnowledgeBaseDbContext(DbContextOptions<KnowledgeBaseDbContext> options) : ServiceDbContext(options)
{
    public DbSet<SuggestionRecord> SuggestionRecords => Set<SuggestionRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<SuggestionRecord>(entity =>
        {
            entity.ToTable("kb_records");
            entity.HasKey(e => e.TicketId);
            entity.Property(e => e.TicketNumber).HasMaxLength(32);
        });
    }
}

/// <summary>What this service knows of a ticket it heard about.</summary>
public sealed class SuggestionRecord
{
    public Guid TicketId { get; set; }

    public required string TicketNumber { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }
}
