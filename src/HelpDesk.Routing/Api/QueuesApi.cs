using HelpDesk.Messaging.Persistence;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Routing.Api;

/// <summary>/api/v1/routing/queues: the queues agents work, each with its assignment strategy and backlog.</summary>
internal static class QueuesApi
{
    public static RouteGroupBuilder MapQueuesApi(this RouteGroupBuilder routing)
    {
        var queues = routing.MapGroup("/queues");
        queues.MapGet("/", ListAsync).WithName("Queues_List")
            .WithSummary("List queues")
            .WithDescription("Queues and their assignment strategies.");
        queues.MapPut("/{name}", PutAsync).WithName("Queues_Put")
            .WithSummary("Create or replace a queue")
            .WithDescription("A queue and its assignment strategy.").ProducesProblem(409);
        return routing;
    }

    /// <summary>Every queue named anywhere: declared, in an agent's queues, or holding tickets.</summary>
    private static async Task<Ok<List<QueueView>>> ListAsync(RoutingDbContext db, CancellationToken cancellationToken)
    {
        var agents = await db.Agents.AsNoTracking().ToListAsync(cancellationToken);
        var pending = await db.RoutedTickets.AsNoTracking()
            .Where(t => t.State == RoutedTicketState.Waiting || t.State == RoutedTicketState.AwaitingApproval)
            .GroupBy(t => new { t.Queue, t.State })
            .Select(g => new { g.Key.Queue, g.Key.State, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var declared = await db.Queues.AsNoTracking().ToListAsync(cancellationToken);
        var names = declared.Select(q => q.Name)
            .Concat(agents.SelectMany(a => a.Queues))
            .Concat(pending.Select(p => p.Queue))
            .Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal);
        return TypedResults.Ok(names.Select(name => new QueueView(
            name,
            declared.FirstOrDefault(q => q.Name == name)?.Strategy ?? AssignmentStrategy.LeastLoaded,
            agents.Count(a => a.Queues.Contains(name, StringComparer.OrdinalIgnoreCase)),
            pending.Where(p => p.Queue == name && p.State == RoutedTicketState.Waiting).Sum(p => p.Count),
            pending.Where(p => p.Queue == name && p.State == RoutedTicketState.AwaitingApproval).Sum(p => p.Count))).ToList());
    }

    /// <summary>Creates or changes a queue's strategy, then assigns its waiting tickets under the new strategy.</summary>
    private static async Task<Results<Ok<QueueView>, ValidationProblem>> PutAsync(
        string name, QueueRequest request, RoutingDbContext db, AssignmentService assignment, CancellationToken cancellationToken)
    {
        var validation = new Validation().Required(name, "name", 100);
        if (request.Strategy is null)
        {
            validation.Add("strategy", "'strategy' is required (RoundRobin, LeastLoaded or SkillsMatch).");
        }
        if (!validation.IsValid)
        {
            return validation.Problem();
        }
        name = name.Trim();
        // A concurrent change to a ticket or agent this assigns (a hand-over, another queue's assignment) or another
        // PUT creating the same queue makes the commit lose: run it again on fresh state.
        var strategy = await WriteConflicts.RunAsync(db, "Queues_Put", async ct =>
        {
            var queue = await db.Queues.FirstOrDefaultAsync(q => q.Name == name, ct);
            if (queue is null)
            {
                db.Queues.Add(queue = new RoutingQueue { Name = name });
            }
            queue.Strategy = request.Strategy!.Value;
            await db.SaveChangesAsync(ct);
            await assignment.AssignWaitingAsync(db, name, ct);
            await db.SaveChangesAsync(ct);
            return queue.Strategy;
        }, cancellationToken);
        var agents = (await db.Agents.AsNoTracking().ToListAsync(cancellationToken)).Count(a => a.Queues.Contains(name, StringComparer.OrdinalIgnoreCase));
        var waiting = await db.RoutedTickets.CountAsync(t => t.Queue == name && t.State == RoutedTicketState.Waiting, cancellationToken);
        var approval = await db.RoutedTickets.CountAsync(t => t.Queue == name && t.State == RoutedTicketState.AwaitingApproval, cancellationToken);
        return TypedResults.Ok(new QueueView(name, strategy, agents, waiting, approval));
    }
}
