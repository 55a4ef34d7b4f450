using MassTransit;

namespace HelpDesk.Sla.Consumers;

/// <summary>The lifecycle events the SLA clocks follow, each on its own queue.</summary>
public static class SlaLifecycleConsumers
{
    /// <summary>
    /// The name of the class that consumed the event before one generic class did (StartSlaClocks, SlaTicketRouted, …):
    /// inbox rows are keyed by it and the queue is named after it (start-sla-clocks, sla-ticket-routed, …), so an
    /// upgrade neither forgets handled messages nor strands queued ones.
    /// </summary>
    public static string NameOf(Type eventType) =>
        eventType == typeof(TicketSubmitted) ? "StartSlaClocks" : "Sla" + eventType.Name;

    public static void AddSlaLifecycleConsumers(this IBusRegistrationConfigurator bus)
    {
        Add<TicketSubmitted>(bus);
        Add<TicketRouted>(bus);
        Add<TicketAssigned>(bus);
        Add<TicketStatusChanged>(bus);
        Add<TicketCommented>(bus);
        Add<TicketResolved>(bus);
        Add<TicketReopened>(bus);
        Add<TicketClosed>(bus);
        Add<TicketRated>(bus);
    }

    private static void Add<TEvent>(IBusRegistrationConfigurator bus) where TEvent : class, ITicketEvent =>
        bus.AddConsumer<SlaLifecycleConsumer<TEvent>>(NameOf(typeof(TEvent)));
}
