using System.Diagnostics;
using HelpDesk.ServiceDefaults;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace HelpDesk.Messaging.Diagnostics;

/// <summary>
/// Every consumer of a message about a ticket runs inside a <see cref="TicketLogScope"/>, and its consume span is
/// tagged with the ticket: the dashboard finds a ticket's logs and traces by its number, including EF Core's commands,
/// retries and redelivery notices written while handling it.
/// </summary>
public sealed class TicketLogScopeFilter<TMessage>(ILogger<TicketLogScopeFilter<TMessage>> logger) : IFilter<ConsumeContext<TMessage>>
    where TMessage : class
{
    public async Task Send(ConsumeContext<TMessage> context, IPipe<ConsumeContext<TMessage>> next)
    {
        if (!TicketOf<TMessage>.Applies)
        {
            await next.Send(context);
            return;
        }
        var (id, number) = TicketOf<TMessage>.Read(context.Message);
        Activity.Current?.SetTag(HelpDeskTelemetry.TicketIdTag, id).SetTag(HelpDeskTelemetry.TicketNumberTag, number);
        using (logger.BeginScope(new TicketLogScope(id, number)))
        {
            await next.Send(context);
        }
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("ticketLogScope");
}
