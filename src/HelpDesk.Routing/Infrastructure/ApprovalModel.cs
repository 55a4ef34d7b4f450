using System.Text.Json;
using System.Text.Json.Serialization;
using HelpDesk.Contracts;
using HelpDesk.Routing.Domain;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Routing.Infrastructure;

/// <summary>Tables of the catalogue versions, the approval engine and fulfilment tasks (same model on SQLite and PostgreSQL).</summary>
internal static class ApprovalModel
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static void Configure(ModelBuilder modelBuilder)
    {
        ConfigureCatalogue(modelBuilder);
        ConfigureApprovals(modelBuilder);
        ConfigureFulfilment(modelBuilder);
    }

    private static void ConfigureCatalogue(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<CatalogItem>(item =>
        {
            item.Property(i => i.AutomationSecret).HasMaxLength(200);
        });
        modelBuilder.Entity<CatalogItemVersion>(version =>
        {
            version.ToTable("routing_catalog_item_versions");
            version.HasKey(v => new { v.Key, v.Version });
            version.Property(v => v.Key).HasMaxLength(100);
            version.Property(v => v.PublishedBy).HasMaxLength(200);
            // A published version is immutable: stored whole as JSON, never updated.
            version.Property(v => v.Definition).HasConversion(
                d => JsonSerializer.Serialize(d, Json),
                s => JsonSerializer.Deserialize<CatalogItemDefinition>(s, Json)!);
        });
    }

    private static void ConfigureApprovals(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ApprovalRequest>(request =>
        {
            request.ToTable("routing_approval_requests");
            request.HasKey(r => r.Id);
            request.HasIndex(r => new { r.TicketId, r.CreatedAt });
            request.HasIndex(r => new { r.Status, r.CatalogItem });
            request.Property(r => r.TicketNumber).HasMaxLength(32);
            request.Property(r => r.CatalogItem).HasMaxLength(100);
            request.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
            request.Property(r => r.Version).IsConcurrencyToken();
            request.Ignore(r => r.Active);
            request.HasMany(r => r.Stages).WithOne().HasForeignKey(s => s.RequestId);
        });
        modelBuilder.Entity<ApprovalStage>(stage =>
        {
            stage.ToTable("routing_approval_stages");
            stage.HasKey(s => s.Id);
            stage.HasIndex(s => s.NextDueAt);
            stage.Ignore(s => s.Undecided);
            stage.Property(s => s.Name).HasMaxLength(100);
            stage.Property(s => s.Mode).HasConversion<string>().HasMaxLength(10);
            stage.Property(s => s.Status).HasConversion<string>().HasMaxLength(20);
            stage.Property(s => s.OnTimeout).HasConversion<string>().HasMaxLength(20);
            stage.Property(s => s.EscalateToKind).HasConversion<string>().HasMaxLength(20);
            stage.Property(s => s.EscalateTo).HasMaxLength(200);
            stage.HasMany(s => s.Votes).WithOne().HasForeignKey(v => v.StageId);
        });
        modelBuilder.Entity<ApprovalVote>(vote =>
        {
            vote.ToTable("routing_approval_votes");
            vote.HasKey(v => v.Id);
            vote.Property(v => v.Approver).HasMaxLength(320);
            vote.Property(v => v.Email).HasMaxLength(320);
            vote.Property(v => v.DisplayName).HasMaxLength(200);
            vote.Property(v => v.Kind).HasConversion<string>().HasMaxLength(20);
            vote.Property(v => v.Decision).HasConversion<string>().HasMaxLength(20);
            vote.Property(v => v.DecidedBy).HasMaxLength(320);
            vote.Property(v => v.Via).HasMaxLength(20);
            vote.HasIndex(v => v.Approver);
        });
    }

    private static void ConfigureFulfilment(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<FulfilmentTask>(task =>
        {
            task.ToTable("routing_fulfilment_tasks");
            task.HasKey(t => t.Id);
            task.HasIndex(t => t.TicketId);
            task.HasIndex(t => new { t.Queue, t.Status });
            task.Property(t => t.TicketNumber).HasMaxLength(32);
            task.Property(t => t.Name).HasMaxLength(100);
            task.Property(t => t.Queue).HasMaxLength(100);
            task.Property(t => t.Status).HasConversion<string>().HasMaxLength(20);
            task.Property(t => t.Version).IsConcurrencyToken();
        });
        modelBuilder.Entity<ChangeApprovalOrder>(order =>
        {
            order.ToTable("routing_change_approval_orders");
            order.HasKey(o => o.TicketId);
            order.Property(o => o.TicketVersion).IsConcurrencyToken();
        });
        modelBuilder.Entity<RoutingSecret>(secret =>
        {
            secret.ToTable("routing_secrets");
            secret.HasKey(s => s.Name);
            secret.Property(s => s.Name).HasMaxLength(100);
        });
    }
}
