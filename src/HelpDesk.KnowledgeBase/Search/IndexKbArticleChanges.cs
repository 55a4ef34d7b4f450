using HelpDesk.Contracts;
using MassTransit;

namespace HelpDesk.KnowledgeBase.Search;

/// <summary>This replica's identity: names its own article-event queue so every replica sees every change.</summary>
public sealed class KbReplica
{
    public string InstanceId { get; } = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}".ToLowerInvariant();
}

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

/// <summary>
/// One temporary (auto-delete, non-durable) queue per replica: with RabbitMQ each replica's queue is bound to
/// the article exchanges and receives its own copy; the queue disappears with the replica, which catches up
/// from the database when it starts again.
/// </summary>
public sealed class IndexKbArticleChangesDefinition : ConsumerDefinition<IndexKbArticleChanges>
{
    public IndexKbArticleChangesDefinition(KbReplica replica)
    {
        Endpoint(endpoint =>
        {
            endpoint.InstanceId = replica.InstanceId;
            endpoint.Temporary = true;
        });
    }
}
