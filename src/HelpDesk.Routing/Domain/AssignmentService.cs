using System.Diagnostics.Metrics;
using HelpDesk.Messaging.Persistence;
using HelpDesk.ServiceDefaults;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Routing.Domain;

/// <summary>
/// Picks an agent for a ticket within its queue. Must run inside a database transaction: the decision reads agents'
/// open tickets and writes the assignment atomically. On SQLite, transactions begin IMMEDIATE, so writers are
/// serialised; on PostgreSQL a transaction-scoped advisory lock per queue serialises assignments across replicas, and
/// the agent row's concurrency token turns any remaining race (an agent in two queues) into a retried conflict.
/// The lock is held until commit (an fsync), so a ticket that finds nobody with room takes it shared: such tickets are
/// routed side by side, while an assignment or a release that frees room (exclusive) still orders itself against
/// them — it either sees their waiting ticket or they see its freed room.
/// </summary>
public sealed class AssignmentService(TimeProvider time, ILogger<AssignmentService> logger)
{
    private static readonly Counter<long> Assignments = HelpDeskTelemetry.Meter.CreateCounter<long>("helpdesk.routing.assignments", description: "Tickets assigned to agents");

    /// <summary>Assigns <paramref name="ticket"/> if an agent is available; otherwise leaves it waiting. Returns the agent or null.</summary>
    public async Task<Agent?> TryAssignAsync(RoutingDbContext db, RoutedTicket ticket, CancellationToken cancellationToken)
    {
        if (ticket.State != RoutedTicketState.Waiting)
        {
            return null;
        }
        if (db.Database.IsNpgsql() && !await AnyoneHasRoomAsync(db, ticket.Queue, cancellationToken))
        {
            await LockQueueAsync(db, ticket.Queue, LockMode.Shared, cancellationToken);
            // Again under the lock: an exclusive holder that freed room has committed by now.
            if (!await AnyoneHasRoomAsync(db, ticket.Queue, cancellationToken))
            {
                logger.LogInformation("No available agent in queue {Queue} for ticket {TicketNumber}; it waits", ticket.Queue, ticket.TicketNumber);
                return null;
            }
        }
        await LockQueueAsync(db, ticket.Queue, LockMode.Exclusive, cancellationToken);
        var team = await LoadTeamAsync(db, ticket.Queue, cancellationToken);
        return Assign(db, team, ticket);
    }

    /// <summary>Assigns waiting tickets of a queue, oldest first, while agents have room. Returns how many were assigned.</summary>
    public async Task<int> AssignWaitingAsync(RoutingDbContext db, string queue, CancellationToken cancellationToken)
    {
        await LockQueueAsync(db, queue, LockMode.Exclusive, cancellationToken);
        var team = await LoadTeamAsync(db, queue, cancellationToken);
        var assigned = 0;
        // The assignments are saved only at commit, so the database still shows earlier batches as waiting: skip them,
        // or the next batch would be the same tickets again (assigned twice, counted twice against the agents).
        var visited = new List<Guid>();
        while (team.HasRoom)
        {
            var waiting = await db.RoutedTickets
                .Where(t => t.Queue == queue && t.State == RoutedTicketState.Waiting && !visited.Contains(t.TicketId))
                .OrderBy(t => t.ReceivedAt).ThenBy(t => t.TicketId)
                .Take(100)
                .ToListAsync(cancellationToken);
            var before = assigned;
            foreach (var ticket in waiting)
            {
                visited.Add(ticket.TicketId);
                if (ticket.State == RoutedTicketState.Waiting && Assign(db, team, ticket) is not null)
                {
                    assigned++;
                }
            }
            if (waiting.Count < 100 || assigned == before)
            {
                break;
            }
        }
        return assigned;
    }

    /// <summary>
    /// Takes the queues' locks exclusive (PostgreSQL; SQLite's writers are serialised already), in one order so two
    /// holders of overlapping sets cannot deadlock. Later calls for these queues in the same transaction do not wait.
    /// </summary>
    public async Task LockQueuesAsync(RoutingDbContext db, IEnumerable<string?> queues, CancellationToken cancellationToken)
    {
        foreach (var queue in queues.OfType<string>().Where(q => q.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            await LockQueueAsync(db, queue, LockMode.Exclusive, cancellationToken);
        }
    }

    private enum LockMode
    {
        Shared,
        Exclusive,
    }

    // Taking it exclusive while this transaction holds it shared is an upgrade; two upgraders deadlock, PostgreSQL
    // aborts one and the consumer's retry runs it again.
    private static Task LockQueueAsync(RoutingDbContext db, string queue, LockMode mode, CancellationToken cancellationToken) =>
        TransactionLock.AcquireAsync(db, "routing-queue:" + queue, mode == LockMode.Shared, cancellationToken);

    /// <summary>
    /// Whether an agent of the queue has room, from committed rows overlaid with the agents this transaction already
    /// changed (a release earlier in the same handler counts).
    /// </summary>
    private async Task<bool> AnyoneHasRoomAsync(RoutingDbContext db, string queue, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var agents = await db.Agents.AsNoTracking().ToListAsync(cancellationToken);
        return agents
            .Select(a => db.Agents.Local.FindEntry(a.Id)?.Entity ?? a)
            .Any(a => a.Queues.Contains(queue, StringComparer.OrdinalIgnoreCase) && a.HasRoom(a.OpenTickets, now));
    }

    private async Task<QueueTeam> LoadTeamAsync(RoutingDbContext db, string queue, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var settings = await TeamQueries.QueueAsync(db, queue, cancellationToken) ?? new RoutingQueue { Name = queue };
        var agents = (await TeamQueries.AgentsAsync(db, cancellationToken))
            .Where(a => a.Queues.Contains(queue, StringComparer.OrdinalIgnoreCase))
            .ToList();
        var loads = agents.ToDictionary(a => a.Id, a => a.OpenTickets);
        return new QueueTeam(settings, agents, loads, now);
    }

    private Agent? Assign(RoutingDbContext db, QueueTeam team, RoutedTicket ticket)
    {
        var agent = team.Choose(ticket);
        if (agent is null)
        {
            logger.LogInformation("No available agent in queue {Queue} for ticket {TicketNumber}; it waits", ticket.Queue, ticket.TicketNumber);
            return null;
        }
        db.PublishEvent(ticket.AssignTo(agent, team.Queue.Strategy, team.Now), ticket.TicketId);
        team.Queue.RecordAssignment(agent);
        team.Loads[agent.Id] = agent.OpenTickets;
        Assignments.Add(1, new KeyValuePair<string, object?>("strategy", ticket.AssignmentStrategy));
        return agent;
    }
}
