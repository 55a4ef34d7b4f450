using HelpDesk.Messaging.Outbox;

namespace HelpDesk.Intake.Infrastructure;

/// <summary>
/// At start, asks Routing (through the outbox) to publish every current catalogue version again: a new or
/// restored Intake fills its form replica without calling Routing, and an Intake whose queue was created after a
/// version was published still learns it.
/// </summary>
internal sealed class CatalogSnapshotRequester(IServiceScopeFactory scopes, TimeProvider time) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IntakeDbContext>();
        db.PublishEvent(new CatalogSnapshotRequested("intake", time.GetUtcNow()));
        await db.SaveChangesAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
