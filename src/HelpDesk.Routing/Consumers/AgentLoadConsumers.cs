using MassTransit;

namespace HelpDesk.Routing.Consumers;

/// <summary>The lifecycle events <see cref="UpdateAgentLoad{TEvent}"/> follows, each on its own queue.</summary>
public static class AgentLoadConsumers
{
    /// <summary>
    /// The name of the class that handled the event before one generic class did: inbox rows are keyed by it and the
    /// queue is named after it, so an upgrade neither forgets handled messages nor strands queued ones.
    /// </summary>
    public static string NameOf(Type eventType) => eventType.Name switch
    {
        nameof(TicketStatusChanged) => "UpdateAgentLoadOnStatusChange",
        nameof(TicketResolved) => "UpdateAgentLoadOnResolution",
        nameof(TicketClosed) => "UpdateAgentLoadOnClosure",
        nameof(TicketReopened) => "UpdateAgentLoadOnReopen",
        _ => "UpdateAgentLoadOn" + eventType.Name,
    };

    public static void AddAgentLoadConsumers(this IBusRegistrationConfigurator bus)
    {
        Add<TicketStatusChanged>(bus);
        Add<TicketResolved>(bus);
        Add<TicketClosed>(bus);
        Add<TicketReopened>(bus);
    }

    private static void Add<TEvent>(IBusRegistrationConfigurator bus) where TEvent : class, ITicketEvent =>
        bus.AddConsumer<UpdateAgentLoad<TEvent>>(NameOf(typeof(TEvent)));
}
