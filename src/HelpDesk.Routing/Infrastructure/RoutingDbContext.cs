using HelpDesk.Messaging.Persistence;
using HelpDesk.Routing.Infrastructure.Classification;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HelpDesk.Routing.Infrastructure;

public sealed class RoutingDbContext(DbContextOptions<RoutingDbContext> options) : ServiceDbContext(options)
{
    public DbSet<RoutingRule> Rules => Set<RoutingRule>();

    public DbSet<RoutingQueue> Queues => Set<RoutingQueue>();

    public DbSet<Agent> Agents => Set<Agent>();

    public DbSet<CatalogItem> CatalogItems => Set<CatalogItem>();

    public DbSet<PortalChoice> PortalChoices => Set<PortalChoice>();

    public DbSet<RoutedTicket> RoutedTickets => Set<RoutedTicket>();

    public DbSet<CatalogItemVersion> CatalogItemVersions => Set<CatalogItemVersion>();

    public DbSet<ApprovalRequest> ApprovalRequests => Set<ApprovalRequest>();

    public DbSet<ApprovalStage> ApprovalStages => Set<ApprovalStage>();

    public DbSet<ApprovalVote> ApprovalVotes => Set<ApprovalVote>();

    public DbSet<FulfilmentTask> FulfilmentTasks => Set<FulfilmentTask>();

    public DbSet<RoutingSecret> Secrets => Set<RoutingSecret>();

    public DbSet<ChangeApprovalOrder> ChangeApprovalOrders => Set<ChangeApprovalOrder>();

    public DbSet<CategoryCorrection> CategoryCorrections => Set<CategoryCorrection>();

    public DbSet<StoredClassifierModel> ClassifierModels => Set<StoredClassifierModel>();

    public DbSet<StoredTrainingJob> TrainingJobs => Set<StoredTrainingJob>();

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        foreach (var entry in ChangeTracker.Entries<Agent>().Where(e => e.State == EntityState.Modified))
        {
            entry.Entity.Version++;
        }
        // Read committed on PostgreSQL: without the token the later of two writers of one ticket silently overwrote
        // the other (ticket held by one agent, counted by two).
        foreach (var entry in ChangeTracker.Entries<RoutedTicket>().Where(e => e.State == EntityState.Modified))
        {
            entry.Entity.Version++;
        }
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<RoutingRule>(ConfigureRoutingRule);
        modelBuilder.Entity<RoutingQueue>(ConfigureRoutingQueue);
        modelBuilder.Entity<Agent>(ConfigureAgent);
        modelBuilder.Entity<CatalogItem>(ConfigureCatalogItem);
        modelBuilder.Entity<PortalChoice>(ConfigurePortalChoice);
        modelBuilder.Entity<RoutedTicket>(ConfigureRoutedTicket);
        ApprovalModel.Configure(modelBuilder);
        modelBuilder.Entity<CategoryCorrection>(ConfigureCategoryCorrection);
        modelBuilder.Entity<StoredClassifierModel>(ConfigureClassifierModel);
        modelBuilder.Entity<StoredTrainingJob>(ConfigureTrainingJob);
    }

    private static void ConfigureRoutingRule(EntityTypeBuilder<RoutingRule> rule)
    {
        rule.ToTable("routing_rules");
        rule.HasKey(r => r.Id);
        rule.HasIndex(r => r.Name).IsUnique();
        rule.HasIndex(r => r.Priority);
        rule.Property(r => r.Name).HasMaxLength(100);
        rule.Property(r => r.Queue).HasMaxLength(100);
        rule.Property(r => r.Category).HasMaxLength(100);
    }

    private static void ConfigureRoutingQueue(EntityTypeBuilder<RoutingQueue> queue)
    {
        queue.ToTable("routing_queues");
        queue.HasKey(q => q.Name);
        queue.Property(q => q.Name).HasMaxLength(100);
        queue.Property(q => q.Strategy).HasConversion<string>().HasMaxLength(20);
        queue.Property(q => q.LastAssignedAgentId).HasMaxLength(100);
    }

    private static void ConfigureAgent(EntityTypeBuilder<Agent> agent)
    {
        agent.ToTable("routing_agents");
        agent.HasKey(a => a.Id);
        agent.Property(a => a.Id).HasMaxLength(100);
        agent.Property(a => a.Name).HasMaxLength(200);
        agent.Property(a => a.Email).HasMaxLength(320);
        agent.Property(a => a.Version).IsConcurrencyToken();
    }

    private static void ConfigureCatalogItem(EntityTypeBuilder<CatalogItem> item)
    {
        item.ToTable("routing_catalog_items");
        item.HasKey(i => i.Key);
        item.Property(i => i.Key).HasMaxLength(100);
        item.Property(i => i.Name).HasMaxLength(200);
        item.Property(i => i.Approver).HasMaxLength(200);
    }

    private static void ConfigurePortalChoice(EntityTypeBuilder<PortalChoice> choice)
    {
        choice.ToTable("routing_portal_choices");
        choice.HasKey(c => new { c.Portal, c.Key });
        choice.Property(c => c.Portal).HasMaxLength(100);
        choice.Property(c => c.Key).HasMaxLength(100);
        choice.Property(c => c.Label).HasMaxLength(200);
        choice.Property(c => c.Type).HasConversion<string>().HasMaxLength(20);
    }

    private static void ConfigureRoutedTicket(EntityTypeBuilder<RoutedTicket> ticket)
    {
        ticket.ToTable("routing_tickets");
        ticket.HasKey(t => t.TicketId);
        ticket.Property(t => t.TicketNumber).HasMaxLength(32);
        ticket.Property(t => t.Queue).HasMaxLength(100);
        ticket.Property(t => t.Category).HasMaxLength(100);
        ticket.Property(t => t.DecidedBy).HasMaxLength(120);
        ticket.Property(t => t.AgentId).HasMaxLength(100);
        ticket.Property(t => t.State).HasConversion<string>().HasMaxLength(20);
        ticket.Property(t => t.Approval).HasConversion<string>().HasMaxLength(20);
        ticket.Property(t => t.Type).HasConversion<string>().HasMaxLength(20);
        ticket.Property(t => t.Channel).HasConversion<string>().HasMaxLength(20);
        // Agent load: open tickets per agent; waiting tickets per queue in arrival order.
        ticket.HasIndex(t => new { t.AgentId, t.IsOpen });
        // APIs take a ticket's number (HD-000123) as well as its id.
        ticket.HasIndex(t => t.TicketNumber);
        ticket.HasIndex(t => new { t.Queue, t.State, t.ReceivedAt });
        ticket.Property(t => t.Fulfilment).HasConversion<string>().HasMaxLength(20);
        ticket.Property(t => t.SlaPolicy).HasMaxLength(100);
        ticket.HasIndex(t => new { t.Fulfilment, t.AutomationNextAttemptAt });
        ticket.HasIndex(t => new { t.CatalogItem, t.ReceivedAt });
        // Existing rows start at 0 (the default keeps the migrated schema equal to the model's).
        ticket.Property(t => t.Version).IsConcurrencyToken().HasDefaultValue(0L);
    }

    private static void ConfigureCategoryCorrection(EntityTypeBuilder<CategoryCorrection> correction)
    {
        correction.ToTable("routing_category_corrections");
        correction.HasKey(c => c.TicketId);
        correction.Property(c => c.Language).HasMaxLength(35);
        correction.Property(c => c.PreviousCategory).HasMaxLength(100);
        correction.Property(c => c.Category).HasMaxLength(100);
        correction.Property(c => c.CorrectedBy).HasMaxLength(200);
    }

    private static void ConfigureClassifierModel(EntityTypeBuilder<StoredClassifierModel> model)
    {
        model.ToTable("routing_classifier_models");
        model.HasKey(m => m.Id);
        model.HasIndex(m => m.ActivatedAt);
        model.Property(m => m.Source).HasMaxLength(200);
    }

    private static void ConfigureTrainingJob(EntityTypeBuilder<StoredTrainingJob> job)
    {
        job.ToTable("routing_training_jobs");
        job.HasKey(j => j.Id);
        job.HasIndex(j => j.QueuedAt);
        job.Property(j => j.Source).HasMaxLength(200);
        job.Property(j => j.State).HasConversion<string>().HasMaxLength(20);
        job.Property(j => j.Stage).HasMaxLength(200);
        job.Property(j => j.Error).HasMaxLength(2000);
        job.Property(j => j.Reason).HasMaxLength(2000);
    }
}
