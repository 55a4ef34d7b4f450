using System.Diagnostics.Metrics;
using HelpDesk.ServiceDefaults;

namespace HelpDesk.Notifications.Infrastructure;

internal static class NotificationsMetrics
{
    public static readonly Counter<long> Planned = HelpDeskTelemetry.Meter.CreateCounter<long>("helpdesk.notifications.planned", description: "Deliveries written for consumed events");
    public static readonly Counter<long> Attempts = HelpDeskTelemetry.Meter.CreateCounter<long>("helpdesk.notifications.attempts", description: "Delivery attempts by channel and outcome");
    public static readonly Counter<long> DeadLettered = HelpDeskTelemetry.Meter.CreateCounter<long>("helpdesk.notifications.dead_lettered", description: "Deliveries that exhausted their attempts");
    public static readonly Counter<long> LeasesLost = HelpDeskTelemetry.Meter.CreateCounter<long>("helpdesk.notifications.leases_lost", description: "Sends that outlived their lease; only their attempt was recorded");
    public static readonly Counter<long> Held = HelpDeskTelemetry.Meter.CreateCounter<long>("helpdesk.notifications.held", description: "Requester notifications held because their event overtook the ticket's TicketSubmitted");
    public static readonly Counter<long> Released = HelpDeskTelemetry.Meter.CreateCounter<long>("helpdesk.notifications.released", description: "Held requester notifications planned once the ticket's TicketSubmitted arrived");
    public static readonly Histogram<double> Latency = HelpDeskTelemetry.Meter.CreateHistogram<double>("helpdesk.notifications.latency", unit: "ms", description: "Time to send one delivery");
}
