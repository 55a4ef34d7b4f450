using MassTransit;

namespace HelpDesk.KnowledgeBase.Consumers;

/// <summary>
/// Applies published/withdrawn articles to this replica's index. Not an inbox consumer: the index write is
/// idempotent by revision, and the index (not the shared database) is what each replica must update.
/// </summary>
public sealed class IndexKbArticleChanges(ISearchBackend backend) : IConsumer<KbArticlePublished>, IConsumer<KbArticleWithdrawn>
{
    public Task Consume(ConsumeContext<KbArticlePublished> context)
    {
        var m = context.Message;
        return backend.ApplyAsync(
            [new IndexedArticle(m.ArticleId, m.Revision, m.Version, m.Title, m.Body, m.Language, m.Category, m.Tags, m.Visibility, m.PublishedAt)],
            context.CancellationToken);
    }

    public Task Consume(ConsumeContext<KbArticleWithdrawn> context)
    {
        var m = context.Message;
        return backend.ApplyAsync([IndexedArticle.Tombstone(m.ArticleId, m.Revision, m.Version, m.WithdrawnAt)], context.CancellationToken);
    }
}
