using HelpDesk.Contracts;
using HelpDesk.Routing.Infrastructure;
using HelpDesk.Testing;

namespace HelpDesk.Routing.Tests;

/// <summary>Queue and inbox names survive refactoring: each consumer still listens where it did and remembers what it handled under the same name.</summary>
public sealed class ConsumerQueueTests
{
    [Fact]
    public async Task Every_consumer_keeps_its_queue_and_inbox_name()
    {
        await using var host = await ServiceTestHost.StartAsync(RoutingUnderTest.Service);
        var ticketId = Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;

        await AssertAsync(host, "route-submitted-ticket", "RouteSubmittedTicket", RoutingUnderTest.NewTicket("Queue names stay"));
        await AssertAsync(host, "update-agent-load-on-status-change", "UpdateAgentLoadOnStatusChange",
            new TicketStatusChanged(ticketId, "T-900001", TicketStatus.New, TicketStatus.InProgress, now));
        await AssertAsync(host, "update-agent-load-on-resolution", "UpdateAgentLoadOnResolution", new TicketResolved(ticketId, "T-900001", now));
        await AssertAsync(host, "update-agent-load-on-closure", "UpdateAgentLoadOnClosure", new TicketClosed(ticketId, "T-900001", now));
        await AssertAsync(host, "update-agent-load-on-reopen", "UpdateAgentLoadOnReopen", new TicketReopened(ticketId, "T-900001", now));
    }

    private static Task AssertAsync(ServiceTestHost host, string queue, string consumer, object message) =>
        ConsumerQueues.AssertConsumedAsync<RoutingDbContext>(host, queue, consumer, message);
}
