using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;

namespace HelpDesk.Notifications.Infrastructure;

/// <summary>
/// One Polly circuit breaker per webhook endpoint, created on first use and cached: an endpoint that keeps
/// failing stops being called for a while (its deliveries are postponed, not failed), without slowing others.
/// </summary>
public sealed class EndpointCircuitBreakers(IOptionsMonitor<NotificationsOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<Guid, Breaker> _breakers = new();

    public sealed record Breaker(ResiliencePipeline<AttemptResult> Pipeline, CircuitBreakerStateProvider State);

    public Breaker For(Guid endpointId) => _breakers.GetOrAdd(endpointId, _ => Create());

    /// <summary>Closed, Open, HalfOpen or Isolated; Closed for endpoints not called since start.</summary>
    public CircuitState StateOf(Guid endpointId) =>
        _breakers.TryGetValue(endpointId, out var breaker) ? breaker.State.CircuitState : CircuitState.Closed;

    public void Forget(Guid endpointId) => _breakers.TryRemove(endpointId, out _);

    private Breaker Create()
    {
        var settings = options.CurrentValue.Webhooks;
        var state = new CircuitBreakerStateProvider();
        var pipeline = new ResiliencePipelineBuilder<AttemptResult> { TimeProvider = time }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<AttemptResult>
            {
                FailureRatio = settings.BreakerFailureRatio,
                MinimumThroughput = settings.BreakerMinimumThroughput,
                SamplingDuration = settings.BreakerSamplingDuration,
                BreakDuration = settings.BreakerBreakDuration,
                ShouldHandle = new PredicateBuilder<AttemptResult>().Handle<Exception>().HandleResult(r => !r.Success),
                StateProvider = state,
            })
            .Build();
        return new Breaker(pipeline, state);
    }
}
