using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HelpDesk.Messaging.Persistence;

internal sealed class DatabaseHealthCheck<TContext>(IServiceScopeFactory scopes) : IHealthCheck
    where TContext : ServiceDbContext
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        return await db.Database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy(db.Database.ProviderName)
            : HealthCheckResult.Unhealthy($"{typeof(TContext).Name} cannot reach its database");
    }
}
