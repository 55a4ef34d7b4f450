using MassTransit;

namespace HelpDesk.Notifications.Consumers;

/// <summary>The events Notifications follows, each on its own queue.</summary>
public static class NotificationConsumers
{
    /// <summary>
    /// The name of the class that consumed a ticket event before one generic class did (NotifyTicketSubmitted, …):
    /// inbox rows are keyed by it and the queue is named after it (notify-ticket-submitted, …), so an upgrade neither
    /// forgets handled messages nor strands queued ones.
    /// </summary>
    public static string NameOf(Type eventType) => "Notify" + eventType.Name;

    public static void AddNotificationConsumers(this IBusRegistrationConfigurator bus)
    {
        Add<TicketSubmitted>(bus);
        Add<TicketStatusChanged>(bus);
        Add<TicketCommented>(bus);
        Add<TicketResolved>(bus);
        Add<TicketClosed>(bus);
        Add<TicketMerged>(bus);
        Add<TicketReopened>(bus);
        Add<TicketRouted>(bus);
        Add<TicketAssigned>(bus);
        Add<TicketApprovalRequested>(bus);
        Add<SlaWarningRaised>(bus);
        Add<SlaBreached>(bus);
        Add<KbArticlesSuggested>(bus);
        Add<ApprovalReplyRefused>(bus);
        bus.AddConsumer<NotifyMajorIncidentRaised>();
        bus.AddConsumer<AddWatcherOnTicket>();
    }

    private static void Add<TEvent>(IBusRegistrationConfigurator bus) where TEvent : class, ITicketEvent =>
        bus.AddConsumer<TicketNotificationConsumer<TEvent>>(NameOf(typeof(TEvent)));
}
