using HelpDesk.Messaging.Inbox;
using HelpDesk.Messaging.Outbox;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.KnowledgeBase.Consumers;

/// <summary>
/// Keeps one internal article per problem from its published known error: the first publication creates it (its id is
/// the problem's ticket id), later ones add a version and publish it. The inbox makes a redelivery a no-op.
/// </summary>
public sealed class PublishKnownErrorArticle(KnowledgeBaseDbContext db, TimeProvider time, ILogger<PublishKnownErrorArticle> logger)
    : IdempotentConsumer<ProblemKnownErrorPublished, KnowledgeBaseDbContext>(db, logger)
{
    public const string KnownErrorTag = "known-error";

    protected override async Task HandleAsync(ConsumeContext<ProblemKnownErrorPublished> context, CancellationToken cancellationToken)
    {
        var m = context.Message;
        var now = time.GetUtcNow();
        var content = ContentOf(m);
        var article = await Db.Articles.FirstOrDefaultAsync(a => a.Id == m.ProblemTicketId, cancellationToken);
        ArticleResult edited;
        if (article is null)
        {
            (article, edited) = Article.Create(content, m.PublishedBy, now, m.ProblemTicketId);
            Db.Articles.Add(article);
        }
        else
        {
            edited = article.Edit(content, expectedVersion: null, m.PublishedBy, now);
        }
        Db.ArticleVersions.Add(edited.NewVersion!);
        var published = article.Publish(article.LatestVersion, edited.NewVersion, ArticleVisibility.Internal, now);
        Db.PublishEvents(published.Events);
        logger.LogInformation("Known error of problem {ProblemNumber} (revision {Revision}) published as internal article {ArticleId} version {Version}",
            m.ProblemTicketNumber, m.Revision, article.Id, article.LatestVersion);
    }

    private static ArticleContent ContentOf(ProblemKnownErrorPublished m)
    {
        var title = m.Title.Length > Article.MaxTitleLength ? m.Title[..Article.MaxTitleLength] : m.Title;
        var body = $"Known error from problem {m.ProblemTicketNumber}.\n\n## Root cause\n\n{m.RootCause}\n\n## Workaround\n\n{m.Workaround}\n";
        var category = Article.NormalizeLabel(string.IsNullOrWhiteSpace(m.Category) ? "known-errors" : m.Category);
        var tags = m.Tags.Select(Article.NormalizeLabel).Where(t => t.Length is > 0 and <= Article.MaxLabelLength)
            .Prepend(KnownErrorTag).Distinct(StringComparer.Ordinal).Take(Article.MaxTags).ToList();
        return new ArticleContent(title, body.Length > Article.MaxBodyLength ? body[..Article.MaxBodyLength] : body,
            KbLanguages.Normalize(m.Language) ?? KbLanguages.Supported[0], category.Length > Article.MaxLabelLength ? category[..Article.MaxLabelLength] : category, tags);
    }
}
