using MassTransit;

namespace HelpDesk.KnowledgeBase.Consumers;

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
