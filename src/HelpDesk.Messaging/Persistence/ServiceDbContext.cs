using HelpDesk.Messaging.Inbox;
using HelpDesk.Messaging.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace HelpDesk.Messaging.Persistence;

/// <summary>
/// Base of every service's DbContext: adds the outbox and inbox tables to the service's own database,
/// so state, published events and handled messages always commit together.
/// </summary>
public abstract class ServiceDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<InboxMessage> InboxMessages => Set<InboxMessage>();

    /// <summary>
    /// Outbox rows queued (<see cref="OutboxExtensions.PublishEvent{TEvent}"/>) whose commit has not woken the dispatcher
    /// yet; <see cref="OutboxSignalInterceptor{TContext}"/> wakes it at the commit, with their highest sequence, and clears this.
    /// </summary>
    internal List<OutboxMessage> OutboxRowsQueued { get; } = [];

    /// <summary>
    /// Contexts are pooled (<see cref="PersistenceExtensions.AddServiceDatabase{TContext}"/>): EF resets its own state
    /// when a context goes back, and this, called as one is leased, clears what the context type keeps itself (flags,
    /// counters), so nothing of its last use carries over. An override clears its own and calls the base.
    /// </summary>
    protected internal virtual void ResetOwnState() => OutboxRowsQueued.Clear();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<OutboxMessage>(outbox =>
        {
            outbox.ToTable("outbox_messages");
            outbox.HasKey(m => m.Sequence);
            outbox.Property(m => m.Sequence).ValueGeneratedOnAdd();
            outbox.HasIndex(m => m.MessageId).IsUnique();
            outbox.HasIndex(m => new { m.DispatchedAt, m.Sequence });
            outbox.Property(m => m.MessageType).HasMaxLength(512);
            outbox.Property(m => m.LastError).HasMaxLength(2000);
            outbox.Property(m => m.TraceParent).HasMaxLength(128);
        });
        modelBuilder.Entity<InboxMessage>(inbox =>
        {
            inbox.ToTable("inbox_messages");
            inbox.HasKey(m => new { m.MessageId, m.Consumer });
            inbox.Property(m => m.Consumer).HasMaxLength(200);
            inbox.HasIndex(m => m.ProcessedAt);
        });
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot compare or order DateTimeOffset; storing UTC ticks keeps ordering and range queries
        // working identically on SQLite and PostgreSQL (which stores timestamptz natively).
        if (Database.ProviderName == "Microsoft.EntityFrameworkCore.Sqlite")
        {
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
            configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UtcTicksConverter>();
        }
    }

    private sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
        value => value.UtcTicks,
        ticks => new DateTimeOffset(ticks, TimeSpan.Zero));
}
