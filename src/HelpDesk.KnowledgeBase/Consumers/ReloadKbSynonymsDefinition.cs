using MassTransit;

namespace HelpDesk.KnowledgeBase.Consumers;

/// <summary>Like article indexing: one temporary queue per replica, so every replica hears every change.</summary>
public sealed class ReloadKbSynonymsDefinition : ConsumerDefinition<ReloadKbSynonyms>
{
    public ReloadKbSynonymsDefinition(KbReplica replica)
    {
        Endpoint(endpoint =>
        {
            endpoint.InstanceId = replica.InstanceId;
            endpoint.Temporary = true;
        });
    }
}
