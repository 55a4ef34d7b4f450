using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HelpDesk.Routing.Infrastructure;

/// <summary>
/// Retries tickets waiting for an agent on a timer, so time-based availability (an out-of-office that ends) takes
/// effect without an event. Events (agent changes, resolutions, approvals) assign waiting tickets immediately.
/// </summary>
internal sealed class WaitingTicketSweeper(IServiceScopeFactory scopes, IOptions<RoutingOptions> options, TimeProvider time, ILogger<WaitingTicketSweeper> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.WaitingTicketSweepInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Assigning waiting tickets failed; retrying on the next sweep");
            }
        }
    }

    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RoutingDbContext>();
        var assignment = scope.ServiceProvider.GetRequiredService<AssignmentService>();
        var queues = await db.RoutedTickets.AsNoTracking().Where(t => t.State == RoutedTicketState.Waiting).Select(t => t.Queue).Distinct().ToListAsync(cancellationToken);
        var assigned = 0;
        foreach (var queue in queues)
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            assigned += await assignment.AssignWaitingAsync(db, queue, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        return assigned;
    }
}
