using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace HelpDesk.ServiceDefaults;

/// <summary>The activity source and meter every HelpDesk component writes its own spans and figures to.</summary>
public static class HelpDeskTelemetry
{
    public const string ActivitySourceName = "HelpDesk";
    public const string MeterName = "HelpDesk";

    /// <summary>Tag put on spans that concern one ticket, so a trace can be found from the ticket.</summary>
    public const string TicketIdTag = "helpdesk.ticket_id";

    /// <summary>Tag with the ticket's human-friendly number (HD-000123), what operators search for.</summary>
    public const string TicketNumberTag = "helpdesk.ticket_number";

    public static readonly ActivitySource ActivitySource = new(ActivitySourceName);
    public static readonly Meter Meter = new(MeterName);
}
