using HelpDesk.Messaging.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HelpDesk.Notifications.Infrastructure;

public sealed class NotificationsDbContext(DbContextOptions<NotificationsDbContext> options) : ServiceDbContext(options)
{
    public DbSet<TicketProjection> Tickets => Set<TicketProjection>();

    public DbSet<TicketWatcher> Watchers => Set<TicketWatcher>();

    public DbSet<SubscriptionRule> Subscriptions => Set<SubscriptionRule>();

    public DbSet<QueueContact> QueueContacts => Set<QueueContact>();

    public DbSet<UserPreference> Preferences => Set<UserPreference>();

    public DbSet<TemplateOverride> Templates => Set<TemplateOverride>();

    public DbSet<WebhookEndpoint> WebhookEndpoints => Set<WebhookEndpoint>();

    public DbSet<Delivery> Deliveries => Set<Delivery>();

    public DbSet<DeliveryAttempt> DeliveryAttempts => Set<DeliveryAttempt>();

    public DbSet<HeldNotification> HeldNotifications => Set<HeldNotification>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<TicketProjection>(ConfigureTicketProjection);
        modelBuilder.Entity<TicketWatcher>(ConfigureTicketWatcher);
        modelBuilder.Entity<SubscriptionRule>(ConfigureSubscriptionRule);
        modelBuilder.Entity<QueueContact>(ConfigureQueueContact);
        modelBuilder.Entity<UserPreference>(ConfigureUserPreference);
        modelBuilder.Entity<TemplateOverride>(ConfigureTemplateOverride);
        modelBuilder.Entity<WebhookEndpoint>(ConfigureWebhookEndpoint);
        modelBuilder.Entity<Delivery>(ConfigureDelivery);
        modelBuilder.Entity<DeliveryAttempt>(ConfigureDeliveryAttempt);
        modelBuilder.Entity<HeldNotification>(ConfigureHeldNotification);
    }

    private static void ConfigureTicketProjection(EntityTypeBuilder<TicketProjection> entity)
    {
        entity.ToTable("notifications_tickets");
        entity.HasKey(e => e.TicketId);
        entity.Property(e => e.TicketNumber).HasMaxLength(32);
        // APIs take a ticket's number (HD-000123) as well as its id.
        entity.HasIndex(e => e.TicketNumber);
        entity.Property(e => e.Subject).HasMaxLength(500);
        entity.Property(e => e.RequesterEmail).HasMaxLength(320);
        entity.Property(e => e.RequesterName).HasMaxLength(200);
        entity.Property(e => e.Language).HasMaxLength(16);
        entity.Property(e => e.Queue).HasMaxLength(100);
        entity.Property(e => e.AssigneeId).HasMaxLength(100);
        entity.Property(e => e.AssigneeName).HasMaxLength(200);
        entity.Property(e => e.AssigneeEmail).HasMaxLength(320);
        entity.Property(e => e.Approver).HasMaxLength(320);
        entity.Property(e => e.Status).HasConversion<string>().HasMaxLength(32);
    }

    private static void ConfigureTicketWatcher(EntityTypeBuilder<TicketWatcher> entity)
    {
        entity.ToTable("notifications_watchers");
        entity.HasKey(e => new { e.TicketId, e.Email });
        entity.Property(e => e.Email).HasMaxLength(320);
    }

    private static void ConfigureSubscriptionRule(EntityTypeBuilder<SubscriptionRule> entity)
    {
        entity.ToTable("notifications_subscriptions");
        entity.HasKey(e => e.EventType);
        entity.Property(e => e.EventType).HasMaxLength(64);
        entity.Property(e => e.Roles).HasMaxLength(200);
    }

    private static void ConfigureQueueContact(EntityTypeBuilder<QueueContact> entity)
    {
        entity.ToTable("notifications_queue_contacts");
        entity.HasKey(e => new { e.Queue, e.Email });
        entity.Property(e => e.Queue).HasMaxLength(100);
        entity.Property(e => e.Email).HasMaxLength(320);
    }

    private static void ConfigureUserPreference(EntityTypeBuilder<UserPreference> entity)
    {
        entity.ToTable("notifications_preferences");
        entity.HasKey(e => e.Email);
        entity.Property(e => e.Email).HasMaxLength(320);
        entity.Property(e => e.Language).HasMaxLength(16);
        entity.Property(e => e.OptOuts).HasMaxLength(4000);
    }

    private static void ConfigureTemplateOverride(EntityTypeBuilder<TemplateOverride> entity)
    {
        entity.ToTable("notifications_templates");
        entity.HasKey(e => new { e.EventType, e.Language });
        entity.Property(e => e.EventType).HasMaxLength(64);
        entity.Property(e => e.Language).HasMaxLength(16);
    }

    private static void ConfigureWebhookEndpoint(EntityTypeBuilder<WebhookEndpoint> entity)
    {
        entity.ToTable("notifications_webhooks");
        entity.HasKey(e => e.Id);
        entity.Property(e => e.Url).HasMaxLength(2000);
        entity.Property(e => e.Secret).HasMaxLength(200);
        entity.Property(e => e.EventTypes).HasMaxLength(2000);
        entity.Property(e => e.Description).HasMaxLength(500);
        entity.Ignore(e => e.EventTypeList);
    }

    private static void ConfigureDelivery(EntityTypeBuilder<Delivery> entity)
    {
        entity.ToTable("notifications_deliveries");
        entity.HasKey(e => e.Id);
        // The natural key makes a redelivered event unable to create a second delivery.
        entity.HasIndex(e => new { e.EventMessageId, e.Recipient, e.Channel }).IsUnique();
        entity.HasIndex(e => new { e.Status, e.NextAttemptAt });
        entity.HasIndex(e => e.TicketId);
        // The delivery log (GET /api/v1/notifications/deliveries) lists the newest first: without this index every
        // page read the whole table and sorted it.
        entity.HasIndex(e => new { e.CreatedAt, e.Id });
        entity.Property(e => e.Channel).HasConversion<string>().HasMaxLength(16);
        entity.Property(e => e.Status).HasConversion<string>().HasMaxLength(16);
        entity.Property(e => e.EventType).HasMaxLength(64);
        entity.Property(e => e.Recipient).HasMaxLength(2000);
        entity.Property(e => e.Language).HasMaxLength(16);
        entity.Property(e => e.TicketNumber).HasMaxLength(32);
        entity.Property(e => e.LastError).HasMaxLength(2000);
        entity.Property(e => e.LeaseOwner).HasMaxLength(100);
        entity.Property(e => e.ReplyToken).HasMaxLength(64);
        entity.HasMany(e => e.Attempts).WithOne().HasForeignKey(a => a.DeliveryId).OnDelete(DeleteBehavior.Cascade);
    }

    private static void ConfigureDeliveryAttempt(EntityTypeBuilder<DeliveryAttempt> entity)
    {
        entity.ToTable("notifications_delivery_attempts");
        entity.HasKey(e => e.Id);
        entity.HasIndex(e => new { e.DeliveryId, e.Number });
        entity.Property(e => e.Outcome).HasConversion<string>().HasMaxLength(16);
        entity.Property(e => e.Error).HasMaxLength(2000);
    }

    private static void ConfigureHeldNotification(EntityTypeBuilder<HeldNotification> entity)
    {
        entity.ToTable("notifications_held");
        entity.HasKey(e => e.Id);
        // Only the requester's share is held: one row per event.
        entity.HasIndex(e => e.EventMessageId).IsUnique();
        // Released by ticket when its submission arrives; the monitor looks for the oldest.
        entity.HasIndex(e => e.TicketId);
        entity.HasIndex(e => e.HeldAt);
        entity.Property(e => e.EventType).HasMaxLength(64);
        entity.Property(e => e.TicketNumber).HasMaxLength(32);
    }
}
