using System.Diagnostics.Metrics;
using HelpDesk.Contracts;
using HelpDesk.Messaging.Outbox;
using HelpDesk.ServiceDefaults;
using Microsoft.EntityFrameworkCore;
using HelpDesk.Routing.Infrastructure;

namespace HelpDesk.Routing.Domain;

/// <summary>
/// Picks an agent for a ticket within its queue. Must run inside a database transaction: the decision reads agents'
/// open tickets and writes the assignment atomically. On SQLite, transactions begin IMMEDIATE, so writers are
/// serialised; on PostgreSQL a transaction-scoped advisory lock per queue serialises assignments across replicas, and
/// the agent row's concurrency token turns any remaining race (an agent in two queues) into a retried conflict.
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
        await LockQueueAsync(db, ticket.Queue, cancellationToken);
        var team = await LoadTeamAsync(db, ticket.Queue, cancellationToken);
        return Assign(db, team, ticket);
    }

    /// <summary>Assigns waiting tickets of a queue, oldest first, while agents have room. Returns how many were assigned.</summary>
    public async Task<int> AssignWaitingAsync(RoutingDbContext db, string queue, CancellationToken cancellationToken)
    {
        await LockQueueAsync(db, queue, cancellationToken);
        var team = await LoadTeamAsync(db, queue, cancellationToken);
        var assigned = 0;
        while (team.HasRoom)
        {
            var waiting = await db.RoutedTickets
                .Where(t => t.Queue == queue && t.State == RoutedTicketState.Waiting)
                .OrderBy(t => t.ReceivedAt).ThenBy(t => t.TicketId)
                .Take(100)
                .ToListAsync(cancellationToken);
            var before = assigned;
            foreach (var ticket in waiting)
            {
                if (Assign(db, team, ticket) is not null)
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

    private static async Task LockQueueAsync(RoutingDbContext db, string queue, CancellationToken cancellationToken)
    {
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtext({"routing-queue:" + queue}))", cancellationToken);
        }
    }

    private async Task<Team> LoadTeamAsync(RoutingDbContext db, string queue, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var settings = await db.Queues.FirstOrDefaultAsync(q => q.Name == queue, cancellationToken)
            ?? new RoutingQueue { Name = queue };
        var agents = (await db.Agents.ToListAsync(cancellationToken))
            .Where(a => a.Queues.Contains(queue, StringComparer.OrdinalIgnoreCase))
            .ToList();
        var loads = agents.ToDictionary(a => a.Id, a => a.OpenTickets);
        return new Team(settings, agents, loads, now);
    }

    private Agent? Assign(RoutingDbContext db, Team team, RoutedTicket ticket)
    {
        var agent = team.Choose(ticket);
        if (agent is null)
        {
            logger.LogInformation("No available agent in queue {Queue} for ticket {TicketNumber}; it waits", ticket.Queue, ticket.TicketNumber);
            return null;
        }
        var strategy = team.Queue.Strategy;
        ticket.AgentId = agent.Id;
        ticket.State = RoutedTicketState.Assigned;
        ticket.AssignedAt = team.Now;
        ticket.AssignmentStrategy = StrategyName(strategy);
        ticket.IsOpen = true;
        agent.LastAssignedAt = team.Now;
        agent.OpenTickets++;
        team.Loads[agent.Id] = agent.OpenTickets;
        if (strategy == AssignmentStrategy.RoundRobin)
        {
            team.Queue.LastAssignedAgentId = agent.Id;
        }
        db.PublishEvent(new TicketAssigned(ticket.TicketId, ticket.TicketNumber, ticket.Queue, agent.Id, agent.Name,
            ticket.AssignmentStrategy, team.Now, agent.Email, ticket.ReassignmentSequence == 0 ? null : ticket.ReassignmentSequence), ticket.TicketId);
        Assignments.Add(1, new KeyValuePair<string, object?>("strategy", ticket.AssignmentStrategy));
        return agent;
    }

    public static string StrategyName(AssignmentStrategy strategy) => strategy switch
    {
        AssignmentStrategy.RoundRobin => "round-robin",
        AssignmentStrategy.SkillsMatch => "skills-match",
        _ => "least-loaded",
    };

    /// <summary>A queue's agents with their open tickets, as seen inside the current transaction.</summary>
    private sealed class Team(RoutingQueue queue, List<Agent> agents, Dictionary<string, int> loads, DateTimeOffset now)
    {
        public RoutingQueue Queue { get; } = queue;

        public Dictionary<string, int> Loads { get; } = loads;

        public DateTimeOffset Now { get; } = now;

        public bool HasRoom => agents.Any(HasRoomFor);

        public int LoadOf(Agent agent) => Loads.GetValueOrDefault(agent.Id);

        private bool HasRoomFor(Agent agent) => agent.IsAvailable(Now) && LoadOf(agent) < agent.Capacity;

        public Agent? Choose(RoutedTicket ticket)
        {
            var eligible = agents.Where(HasRoomFor).ToList();
            if (eligible.Count == 0)
            {
                return null;
            }
            return Queue.Strategy switch
            {
                AssignmentStrategy.RoundRobin => NextInTurn(eligible),
                AssignmentStrategy.SkillsMatch => BestSkilled(eligible, ticket),
                _ => LeastLoaded(eligible),
            };
        }

        private Agent NextInTurn(List<Agent> eligible)
        {
            var ordered = eligible.OrderBy(a => a.Id, StringComparer.Ordinal).ToList();
            var last = Queue.LastAssignedAgentId;
            return last is null
                ? ordered[0]
                : ordered.FirstOrDefault(a => string.CompareOrdinal(a.Id, last) > 0) ?? ordered[0];
        }

        private Agent LeastLoaded(IEnumerable<Agent> candidates) => candidates
            .OrderBy(a => (double)LoadOf(a) / Math.Max(1, a.Capacity))
            .ThenBy(LoadOf)
            .ThenBy(a => a.LastAssignedAt ?? DateTimeOffset.MinValue)
            .ThenBy(a => a.Id, StringComparer.Ordinal)
            .First();

        /// <summary>
        /// Required skills are the ticket's category and tags. If anyone in the queue has one of them, only the
        /// best-matching available agents qualify (the ticket waits for them when they are busy); if nobody in the
        /// queue has any, the least-loaded available agent takes it.
        /// </summary>
        private Agent? BestSkilled(List<Agent> eligible, RoutedTicket ticket)
        {
            var required = ticket.Tags.Append(ticket.Category).ToHashSet(StringComparer.OrdinalIgnoreCase);
            int Score(Agent agent) => agent.Skills.Count(required.Contains);
            if (!agents.Any(a => Score(a) > 0))
            {
                return LeastLoaded(eligible);
            }
            var best = eligible.Select(Score).DefaultIfEmpty(0).Max();
            return best == 0 ? null : LeastLoaded(eligible.Where(a => Score(a) == best));
        }
    }
}
