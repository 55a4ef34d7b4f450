using System.Text.Json;
using HelpDesk.Contracts;
using HelpDesk.Sla.Domain;
using HelpDesk.Sla.Infrastructure;
using HelpDesk.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static HelpDesk.Sla.Tests.Facts;

namespace HelpDesk.Sla.Tests;

/// <summary>
/// Lifecycle events of one ticket travel on separate queues, so a broker hands them to SLA at the same moment. Whatever
/// the interleaving, the ticket's stored clocks must be the replay of all its stored facts: a write computed from a
/// replay that missed a fact committed meanwhile must fail and be retried, never overwrite the other.
/// </summary>
public sealed class ConcurrentFactsTests
{
    private const int Tickets = 150;

    [Fact]
    public async Task Facts_of_one_ticket_consumed_at_once_all_reach_its_clocks()
    {
        var time = new FakeTimeProvider(T0);
        await using var sla = await ServiceTestHost.StartAsync(SlaUnderTest.Service, time: time);
        var ids = Enumerable.Range(0, Tickets).Select(_ => Guid.NewGuid()).ToList();

        // Four facts per ticket, published together so their consumers overlap.
        await Task.WhenAll(ids.SelectMany(id => new Func<Task>[]
        {
            () => sla.PublishAsync(Submitted(id, T0)),
            () => sla.PublishAsync(AgentReply(id, T0.AddMinutes(10), first: true)),
            () => sla.PublishAsync(Status(id, T0.AddMinutes(20), TicketStatus.InProgress, TicketStatus.PendingCustomer)),
            () => sla.PublishAsync(Routed(id, T0.AddMinutes(5), "network", TicketPriority.High)),
        }).Select(publish => publish()));

        await Eventually.TrueAsync(
            async () => await sla.InScopeAsync(s => s.GetRequiredService<SlaDbContext>().InboxMessages.CountAsync()) == Tickets * 4,
            what: "every published fact handled");

        var stale = await sla.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<SlaDbContext>();
            var catalog = await services.GetRequiredService<SlaCatalogProvider>().GetAsync(CancellationToken.None);
            var facts = await db.Facts.AsNoTracking().Where(f => ids.Contains(f.TicketId)).ToListAsync();
            var tickets = await db.Tickets.AsNoTracking().Where(t => ids.Contains(t.TicketId)).ToDictionaryAsync(t => t.TicketId);
            return ids.Where(id =>
            {
                var replayed = SlaClockEngine.Replay(facts.Where(f => f.TicketId == id).ToList(), catalog);
                return JsonSerializer.Serialize(replayed.Timeline, SlaJson.Options) != tickets[id].Timeline;
            }).ToList();
        });

        var stored = await sla.InScopeAsync(s => s.GetRequiredService<SlaDbContext>().Facts.CountAsync(f => ids.Contains(f.TicketId)));
        Assert.Equal(Tickets * 4, stored);
        Assert.True(stale.Count == 0, $"{stale.Count} of {Tickets} tickets' clocks miss a fact that was stored: {string.Join(", ", stale.Take(5))}");
    }
}
