using HelpDesk.Messaging.Outbox;
using HelpDesk.Messaging.Persistence;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.KnowledgeBase.Infrastructure;

public sealed class KnowledgeBaseDbContext(DbContextOptions<KnowledgeBaseDbContext> options) : ServiceDbContext(options)
{
    public DbSet<Article> Articles => Set<Article>();

    public DbSet<ArticleVersion> ArticleVersions => Set<ArticleVersion>();

    public DbSet<ArticleFeedback> ArticleFeedback => Set<ArticleFeedback>();

    public DbSet<TicketSuggestions> TicketSuggestions => Set<TicketSuggestions>();

    public DbSet<SynonymGroup> SynonymGroups => Set<SynonymGroup>();

    public DbSet<SearchLogEntry> SearchLog => Set<SearchLogEntry>();

    public DbSet<ArticleVisit> ArticleVisits => Set<ArticleVisit>();

    public DbSet<RequesterTicket> RequesterTickets => Set<RequesterTicket>();

    /// <summary>
    /// Saves an article transition: its new rows and its events (queued in the outbox) in one transaction with the
    /// article's own changes, so the index never hears of a change that was not stored, nor misses one that was.
    /// </summary>
    public async Task SaveAsync(ArticleResult result, CancellationToken cancellationToken)
    {
        if (result.NewVersion is { } version)
        {
            ArticleVersions.Add(version);
        }
        if (result.Feedback is { } feedback)
        {
            ArticleFeedback.Add(feedback);
        }
        this.PublishEvents(result.Events);
        await SaveChangesAsync(cancellationToken);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<Article>(entity =>
        {
            entity.ToTable("kb_articles");
            entity.HasKey(a => a.Id);
            entity.Property(a => a.Title).HasMaxLength(Article.MaxTitleLength);
            entity.Property(a => a.Language).HasMaxLength(8);
            entity.Property(a => a.Category).HasMaxLength(Article.MaxLabelLength);
            entity.Property(a => a.Visibility).HasConversion<string>().HasMaxLength(16);
            entity.HasIndex(a => new { a.StateChangedAt, a.Id });
        });
        modelBuilder.Entity<ArticleVersion>(entity =>
        {
            entity.ToTable("kb_article_versions");
            entity.HasKey(v => new { v.ArticleId, v.Version });
            entity.Property(v => v.Title).HasMaxLength(Article.MaxTitleLength);
            entity.Property(v => v.Language).HasMaxLength(8);
            entity.Property(v => v.Category).HasMaxLength(Article.MaxLabelLength);
            entity.Property(v => v.Author).HasMaxLength(200);
        });
        modelBuilder.Entity<ArticleFeedback>(entity =>
        {
            entity.ToTable("kb_article_feedback");
            entity.HasKey(f => f.Id);
            entity.HasIndex(f => f.ArticleId);
            entity.Property(f => f.Comment).HasMaxLength(Article.MaxCommentLength);
            entity.Property(f => f.Requester).HasMaxLength(SearchLogEntry.MaxRequesterLength);
            entity.HasIndex(f => f.CreatedAt);
        });
        OnAnalyticsCreating(modelBuilder);
        modelBuilder.Entity<SynonymGroup>(entity =>
        {
            entity.ToTable("kb_synonyms");
            entity.HasKey(g => g.Id);
            entity.Property(g => g.Language).HasMaxLength(8);
            entity.HasIndex(g => g.Language);
        });
        modelBuilder.Entity<TicketSuggestions>(entity =>
        {
            entity.ToTable("kb_ticket_suggestions");
            entity.HasKey(s => s.TicketId);
            entity.Property(s => s.TicketNumber).HasMaxLength(32);
            // Suggestions are looked up by a ticket's number (HD-000123) as well as its id.
            entity.HasIndex(s => s.TicketNumber);
            entity.OwnsMany(s => s.Articles, owned => owned.ToJson());
        });
    }

    private static void OnAnalyticsCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<SearchLogEntry>(entity =>
        {
            entity.ToTable("kb_search_log");
            entity.HasKey(e => e.Id);
            entity.Property(e => e.Query).HasMaxLength(SearchLogEntry.MaxQueryLength);
            entity.Property(e => e.NormalizedQuery).HasMaxLength(SearchLogEntry.MaxQueryLength);
            entity.Property(e => e.DidYouMean).HasMaxLength(SearchLogEntry.MaxQueryLength);
            entity.Property(e => e.Language).HasMaxLength(8);
            entity.Property(e => e.Category).HasMaxLength(Article.MaxLabelLength);
            entity.Property(e => e.Tag).HasMaxLength(Article.MaxLabelLength);
            entity.Property(e => e.Requester).HasMaxLength(SearchLogEntry.MaxRequesterLength);
            entity.Property(e => e.Channel).HasMaxLength(32);
            entity.HasIndex(e => e.At);
            entity.HasIndex(e => new { e.Total, e.At });
        });
        modelBuilder.Entity<ArticleVisit>(entity =>
        {
            entity.ToTable("kb_article_visits");
            entity.HasKey(v => v.Id);
            entity.Property(v => v.Requester).HasMaxLength(SearchLogEntry.MaxRequesterLength);
            entity.HasIndex(v => v.At);
        });
        modelBuilder.Entity<RequesterTicket>(entity =>
        {
            entity.ToTable("kb_requester_tickets");
            entity.HasKey(t => t.TicketId);
            entity.Property(t => t.Requester).HasMaxLength(SearchLogEntry.MaxRequesterLength);
            entity.HasIndex(t => new { t.Requester, t.SubmittedAt });
        });
    }
}
