using System.Diagnostics.Metrics;
using HelpDesk.ServiceDefaults;

namespace HelpDesk.Messaging;

internal static class MessagingMetrics
{
    public static readonly Counter<long> Dispatched = HelpDeskTelemetry.Meter.CreateCounter<long>("helpdesk.outbox.dispatched", description: "Outbox events published to the bus");
    public static readonly Counter<long> Duplicates = HelpDeskTelemetry.Meter.CreateCounter<long>("helpdesk.inbox.duplicates", description: "Redelivered messages dropped by an inbox");
    public static readonly Counter<long> ReplaysRefused = HelpDeskTelemetry.Meter.CreateCounter<long>("helpdesk.inbox.replays_refused", description: "Messages refused because they were older than the inbox retention");
}
