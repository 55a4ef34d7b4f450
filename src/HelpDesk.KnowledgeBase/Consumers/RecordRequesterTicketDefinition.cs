using MassTransit;

namespace HelpDesk.KnowledgeBase.Consumers;

/// <summary>
/// The retired consumer's queue keeps its name but subscribes to nothing: it only drains messages it held before the
/// upgrade (see <see cref="HelpDesk.Messaging.Topology.PlatformTopology.Retired"/>).
/// </summary>
public sealed class RecordRequesterTicketDefinition : ConsumerDefinition<RecordRequesterTicket>
{
    public RecordRequesterTicketDefinition()
    {
        Endpoint(endpoint => endpoint.ConfigureConsumeTopology = false);
    }
}
