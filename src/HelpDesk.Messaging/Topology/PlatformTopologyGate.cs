using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HelpDesk.Messaging.Topology;

/// <summary>
/// Open once every queue of <see cref="PlatformTopology"/> exists on the broker (at once on the in-memory bus, whose
/// consumers live in the same process). The outbox publishes nothing before, and readiness waits for it.
/// </summary>
public sealed class PlatformTopologyGate(bool required) : IHealthCheck
{
    private readonly TaskCompletionSource _deployed = NewSource(required);

    public Task Deployed => _deployed.Task;

    public void Open() => _deployed.TrySetResult();

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(_deployed.Task.IsCompletedSuccessfully
            ? HealthCheckResult.Healthy("platform queues declared")
            : HealthCheckResult.Unhealthy("platform queues not yet declared on the broker"));

    private static TaskCompletionSource NewSource(bool required)
    {
        var source = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!required)
        {
            source.SetResult();
        }
        return source;
    }
}
