using HelpDesk.Messaging.Persistence;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Routing.Infrastructure;

/// <summary>
/// The reads every assignment makes (a queue's settings and the agents), compiled once per model
/// (<see cref="PerModel{TQuery}"/>): the LINQ forms built their cache keys from the expression tree per ticket.
/// </summary>
internal static class TeamQueries
{
    private static readonly PerModel<Func<RoutingDbContext, string, CancellationToken, Task<RoutingQueue?>>> QueueByName =
        new(() => EF.CompileAsyncQuery((RoutingDbContext db, string name, CancellationToken _) => db.Queues.FirstOrDefault(q => q.Name == name)));

    private static readonly PerModel<Func<RoutingDbContext, IAsyncEnumerable<Agent>>> AllAgents =
        new(() => EF.CompileAsyncQuery((RoutingDbContext db) => db.Agents));

    /// <summary>The queue's settings, tracked (an assignment updates its round-robin position), or null.</summary>
    public static Task<RoutingQueue?> QueueAsync(RoutingDbContext db, string name, CancellationToken cancellationToken) =>
        QueueByName.For(db)(db, name, cancellationToken);

    /// <summary>Every agent, tracked (an assignment updates the chosen one's load).</summary>
    public static Task<List<Agent>> AgentsAsync(RoutingDbContext db, CancellationToken cancellationToken) =>
        AllAgents.For(db)(db).ToListAsync(cancellationToken).AsTask();
}
