using HelpDesk.Contracts;
using HelpDesk.Sla.Infrastructure;
using HelpDesk.Testing;
using Microsoft.Extensions.Time.Testing;

namespace HelpDesk.Sla.Tests;

/// <summary>Queue and inbox names survive refactoring: each lifecycle event still arrives where it did and is remembered under the same consumer name.</summary>
public sealed class ConsumerQueueTests
{
    [Fact]
    public async Task Every_lifecycle_consumer_keeps_its_queue_and_inbox_name()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        await using var sla = await ServiceTestHost.StartAsync(SlaUnderTest.Service, time: time);
        var id = Guid.NewGuid();
        const string number = "T-900002";
        var at = time.GetUtcNow();

        await AssertAsync(sla, "start-sla-clocks", "StartSlaClocks", new TicketSubmitted(id, number, TicketType.Incident, TicketChannel.Portal,
            TicketPriority.High, new Requester("queue@example.com"), "Queue names stay", "", [], "en", at));
        await AssertAsync(sla, "sla-ticket-routed", "SlaTicketRouted", new TicketRouted(id, number, "service-desk", "General", "default", at));
        await AssertAsync(sla, "sla-ticket-assigned", "SlaTicketAssigned", new TicketAssigned(id, number, "service-desk", "a1", "Agent", "least-loaded", at));
        await AssertAsync(sla, "sla-ticket-status-changed", "SlaTicketStatusChanged", new TicketStatusChanged(id, number, TicketStatus.Assigned, TicketStatus.InProgress, at));
        await AssertAsync(sla, "sla-ticket-commented", "SlaTicketCommented",
            new TicketCommented(id, number, Guid.NewGuid(), "a1", CommentAuthorKind.Agent, true, "On it", at, IsFirstResponse: true));
        await AssertAsync(sla, "sla-ticket-resolved", "SlaTicketResolved", new TicketResolved(id, number, at));
        await AssertAsync(sla, "sla-ticket-reopened", "SlaTicketReopened", new TicketReopened(id, number, at.AddMinutes(1)));
        await AssertAsync(sla, "sla-ticket-closed", "SlaTicketClosed", new TicketClosed(id, number, at.AddMinutes(2)));
        await AssertAsync(sla, "sla-ticket-rated", "SlaTicketRated", new TicketRated(id, number, 5, at.AddMinutes(3)));
    }

    private static Task AssertAsync(ServiceTestHost sla, string queue, string consumer, object message) =>
        ConsumerQueues.AssertConsumedAsync<SlaDbContext>(sla, queue, consumer, message);
}
