using HelpDesk.Routing.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HelpDesk.Routing.Infrastructure;

/// <summary>
/// Sends reminders and escalates (or rejects) stages whose timeout passed. The instants live in the database
/// (<see cref="ApprovalStage.NextDueAt"/>, indexed), so a restart only makes them late, never lost; the clock is
/// <see cref="TimeProvider"/>, so tests drive it with a fake one. Each stage is handled in its own transaction under
/// the request's concurrency token: a decision that races the timeout wins or loses as a whole.
/// </summary>
public sealed class ApprovalTimeoutScanner(
    IServiceScopeFactory scopes, IOptionsMonitor<ApprovalOptions> options, TimeProvider time, ILogger<ApprovalTimeoutScanner> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // Catch up in one go after an outage: a reminder and the timeout behind it may both be due.
                while (await ScanAsync(stoppingToken) > 0)
                {
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Approval timeout scan failed; retrying");
            }
            await Task.Delay(options.CurrentValue.ScanInterval, time, stoppingToken);
        }
    }

    public async Task<int> ScanAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RoutingDbContext>();
        var engine = scope.ServiceProvider.GetRequiredService<ApprovalEngine>();
        var now = time.GetUtcNow();
        var due = await db.ApprovalStages.AsNoTracking().Where(s => s.NextDueAt != null && s.NextDueAt <= now)
            .OrderBy(s => s.NextDueAt).Select(s => new { s.Id, s.RequestId }).Take(100).ToListAsync(cancellationToken);
        var handled = 0;
        foreach (var stage in due)
        {
            db.ChangeTracker.Clear();
            try
            {
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                var request = await ApprovalEngine.LoadAsync(db, r => r.Id == stage.RequestId, cancellationToken);
                if (request?.Active is { } active && active.Id == stage.Id && active.NextDueAt <= now)
                {
                    await engine.ProcessOverdueAsync(db, request, active, now, cancellationToken);
                    await db.SaveChangesAsync(cancellationToken);
                    handled++;
                }
                await transaction.CommitAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                logger.LogInformation("Approval stage {Stage} changed while its timeout was handled; it is looked at again next scan", stage.Id);
            }
        }
        return handled;
    }
}
