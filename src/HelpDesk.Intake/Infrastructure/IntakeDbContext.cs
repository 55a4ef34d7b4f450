using HelpDesk.Messaging.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HelpDesk.Intake.Infrastructure;

public sealed class IntakeDbContext(DbContextOptions<IntakeDbContext> options) : ServiceDbContext(options)
{
    public DbSet<Ticket> Tickets => Set<Ticket>();

    /// <summary>How many more times this request may rerun a change the ticket's version refused (see <c>UnversionedChanges</c>).</summary>
    public int ConcurrencyRetriesLeft { get; set; }

    public DbSet<TicketComment> Comments => Set<TicketComment>();

    public DbSet<TicketNumberAllocation> TicketNumbers => Set<TicketNumberAllocation>();

    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();

    public DbSet<ProcessedEmail> ProcessedEmails => Set<ProcessedEmail>();

    public DbSet<CatalogFormRecord> CatalogForms => Set<CatalogFormRecord>();

    public DbSet<TicketHistoryEntry> History => Set<TicketHistoryEntry>();

    public DbSet<TicketLink> Links => Set<TicketLink>();

    public DbSet<Macro> Macros => Set<Macro>();

    public DbSet<BulkOperationItem> BulkItems => Set<BulkOperationItem>();

    public DbSet<MajorIncident> MajorIncidents => Set<MajorIncident>();

    protected override void ResetOwnState()
    {
        base.ResetOwnState();
        ConcurrencyRetriesLeft = 0;
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<Ticket>(ConfigureTicket);
        modelBuilder.Entity<TicketComment>(ConfigureComment);
        modelBuilder.Entity<CatalogFormRecord>(form =>
        {
            form.ToTable("catalog_forms");
            form.HasKey(f => new { f.Key, f.Version });
            form.Property(f => f.Key).HasMaxLength(100);
        });
        modelBuilder.Entity<TicketNumberAllocation>(number =>
        {
            number.ToTable("ticket_numbers");
            number.HasKey(n => n.Value);
            number.Property(n => n.Value).ValueGeneratedOnAdd();
        });
        modelBuilder.Entity<IdempotencyRecord>(ConfigureIdempotencyRecord);
        modelBuilder.Entity<ProcessedEmail>(ConfigureProcessedEmail);
        IntakeItilModel.Configure(modelBuilder);
    }

    private static void ConfigureTicket(EntityTypeBuilder<Ticket> ticket)
    {
        ticket.ToTable("tickets");
        ticket.HasKey(t => t.Id);
        ticket.HasIndex(t => t.Number).IsUnique();
        ticket.HasIndex(t => t.Sequence).IsUnique();
        ticket.HasIndex(t => new { t.Status, t.Sequence });
        ticket.HasIndex(t => new { t.RequesterEmail, t.Sequence });
        ticket.HasIndex(t => new { t.Queue, t.Sequence });
        ticket.HasIndex(t => new { t.AssigneeId, t.Sequence });
        // Reports select tickets created (and resolved) in a period: without these a report reads every ticket.
        ticket.HasIndex(t => t.CreatedAt);
        ticket.HasIndex(t => t.ResolvedAt);
        ticket.Property(t => t.Number).HasMaxLength(32);
        ticket.Property(t => t.Subject).HasMaxLength(TicketLimits.SubjectMaxLength);
        ticket.Property(t => t.RequesterEmail).HasMaxLength(320);
        ticket.Property(t => t.RequesterName).HasMaxLength(200);
        ticket.Property(t => t.RequesterOrganisation).HasMaxLength(200);
        ticket.Property(t => t.Language).HasMaxLength(35);
        ticket.Property(t => t.CatalogItem).HasMaxLength(100);
        ticket.Property(t => t.Portal).HasMaxLength(100);
        ticket.Property(t => t.SubmittedBy).HasMaxLength(200);
        ticket.Property(t => t.Queue).HasMaxLength(100);
        ticket.Property(t => t.Category).HasMaxLength(100);
        ticket.Property(t => t.RoutedBy).HasMaxLength(200);
        ticket.Property(t => t.AssigneeId).HasMaxLength(200);
        ticket.Property(t => t.AssigneeName).HasMaxLength(200);
        ticket.Property(t => t.Resolution).HasMaxLength(4000);
        ticket.Property(t => t.SatisfactionComment).HasMaxLength(TicketLimits.RatingCommentMaxLength);
        ticket.Property(t => t.Type).HasConversion<string>().HasMaxLength(32);
        ticket.Property(t => t.Channel).HasConversion<string>().HasMaxLength(32);
        ticket.Property(t => t.Status).HasConversion<string>().HasMaxLength(32);
        ticket.Property(t => t.Priority).HasConversion<string>().HasMaxLength(32);
        ticket.Property(t => t.Impact).HasConversion<string>().HasMaxLength(16);
        ticket.Property(t => t.Urgency).HasConversion<string>().HasMaxLength(16);
        ticket.Property(t => t.Version).IsConcurrencyToken();
        ticket.Property(t => t.RootCause).HasMaxLength(4000);
        ticket.Property(t => t.Workaround).HasMaxLength(4000);
        ticket.Property(t => t.StatusBeforeMerge).HasConversion<string>().HasMaxLength(32);
        // Storm detection reads the newest unlinked incidents of a queue and category for every routed incident: with
        // type, link and id in the index it walks index entries newest first and stops at MaxCompared, instead of
        // reading every ticket row of the window and sorting them inside intake's write transaction.
        ticket.HasIndex(t => new { t.Queue, t.Category, t.CreatedAt, t.Type, t.MajorIncidentId, t.Id });
        ticket.HasIndex(t => t.MajorIncidentId);
        ticket.OwnsMany(t => t.Attachments, attachment => attachment.ToJson());
        // A table of its own: columns added to tickets would land after its JSON column, unlike a fresh database's.
        ticket.OwnsOne(t => t.Plan, plan =>
        {
            plan.ToTable("change_plans");
            plan.WithOwner().HasForeignKey("TicketId");
            plan.HasKey("TicketId");
            plan.Property(p => p.Risk).HasConversion<string>().HasMaxLength(16);
            plan.Property(p => p.ImplementationPlan).HasMaxLength(ChangePlanEdit.PlanMaxLength);
            plan.Property(p => p.BackoutPlan).HasMaxLength(ChangePlanEdit.PlanMaxLength);
            plan.HasIndex(p => p.PlannedStart); // the schedule of changes by window
        });
    }

    private static void ConfigureComment(EntityTypeBuilder<TicketComment> comment)
    {
        comment.ToTable("ticket_comments");
        comment.HasKey(c => c.Id);
        comment.HasIndex(c => new { c.TicketId, c.CreatedAt });
        comment.HasIndex(c => c.EmailMessageId);
        comment.Property(c => c.Author).HasMaxLength(320);
        comment.Property(c => c.AuthorKind).HasConversion<string>().HasMaxLength(16);
        comment.Property(c => c.EmailMessageId).HasMaxLength(998);
        comment.HasOne<Ticket>().WithMany().HasForeignKey(c => c.TicketId);
    }

    private static void ConfigureIdempotencyRecord(EntityTypeBuilder<IdempotencyRecord> record)
    {
        record.ToTable("idempotency_keys");
        // The primary key is the uniqueness that makes concurrent retries of one key end with one ticket.
        record.HasKey(r => new { r.ClientId, r.Key });
        record.Property(r => r.ClientId).HasMaxLength(200);
        record.Property(r => r.Key).HasMaxLength(TicketLimits.IdempotencyKeyMaxLength);
        record.Property(r => r.RequestHash).HasMaxLength(64);
        record.HasIndex(r => r.ExpiresAt);
    }

    private static void ConfigureProcessedEmail(EntityTypeBuilder<ProcessedEmail> email)
    {
        email.ToTable("processed_emails");
        email.HasKey(e => e.MessageId);
        email.Property(e => e.MessageId).HasMaxLength(998);
        email.Property(e => e.Sender).HasMaxLength(320);
        email.Property(e => e.Outcome).HasConversion<string>().HasMaxLength(32);
        email.Property(e => e.Detail).HasMaxLength(500);
        email.HasIndex(e => new { e.Sender, e.ReceivedAt });
    }
}
