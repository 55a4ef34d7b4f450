using HelpDesk.Intake.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Intake.Tests;

/// <summary>
/// Plays a consumer that saves the ticket between a request's read and its write: just before the request's save, it
/// bumps the ticket's version from another DbContext (committed), so the request's UPDATE … WHERE Version = n finds
/// nothing — the race routing's assignment or a major-incident link causes under load, made deterministic.
/// </summary>
public sealed class ConcurrentSaveInjector : SaveChangesInterceptor
{
    private Guid _ticketId;
    private int _remaining;

    public IServiceProvider? Services { get; set; }

    /// <summary>How many concurrent saves were made (each one cost the request an attempt).</summary>
    public int Injected { get; private set; }

    public void Arm(Guid ticketId, int times) => (_ticketId, _remaining, Injected) = (ticketId, times, 0);

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        var touchesTicket = eventData.Context?.ChangeTracker.Entries<Ticket>().Any(e => e.Entity.Id == _ticketId && e.State == EntityState.Modified) == true;
        if (touchesTicket && _remaining > 0 && Services is not null)
        {
            _remaining--;
            await using var scope = Services.CreateAsyncScope();
            var other = scope.ServiceProvider.GetRequiredService<IntakeDbContext>();
            await other.Tickets.Where(t => t.Id == _ticketId).ExecuteUpdateAsync(set => set.SetProperty(t => t.Version, t => t.Version + 1), cancellationToken);
            Injected++;
        }
        return result;
    }
}
