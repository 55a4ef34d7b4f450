using System.Diagnostics.Metrics;
using System.Threading.RateLimiting;
using HelpDesk.ServiceDefaults;
using Microsoft.Extensions.Options;

namespace HelpDesk.Intake.Infrastructure;

/// <summary>
/// The bounded queue in front of ticket submission (<see cref="SubmissionAdmissionOptions"/>): a slot is granted in
/// arrival order, or refused when the queue is full or the wait too long. Per process, so every replica protects itself.
/// </summary>
public sealed class SubmissionAdmission : IDisposable
{
    private static readonly Counter<long> Refused = HelpDeskTelemetry.Meter.CreateCounter<long>(
        "helpdesk.intake.submissions_refused", description: "Submissions answered 503 because intake was at capacity, by reason");

    private readonly ConcurrencyLimiter _limiter;

    public SubmissionAdmission(IOptions<SubmissionAdmissionOptions> options)
    {
        Options = options.Value;
        _limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = Options.MaxConcurrent,
            QueueLimit = Options.MaxQueued,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }

    public SubmissionAdmissionOptions Options { get; }

    /// <summary>Submissions in progress and waiting now.</summary>
    public (long InProgress, long Queued) Current
    {
        get
        {
            var statistics = _limiter.GetStatistics()!;
            return (Options.MaxConcurrent - statistics.CurrentAvailablePermits, statistics.CurrentQueuedCount);
        }
    }

    /// <summary>A lease to dispose when the submission is done, or null when it is refused.</summary>
    public async Task<RateLimitLease?> EnterAsync(CancellationToken requestAborted)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(requestAborted);
        wait.CancelAfter(Options.MaxQueueWait);
        RateLimitLease lease;
        try
        {
            lease = await _limiter.AcquireAsync(1, wait.Token);
        }
        catch (OperationCanceledException) when (!requestAborted.IsCancellationRequested)
        {
            Refused.Add(1, new KeyValuePair<string, object?>("reason", "wait"));
            return null;
        }
        if (lease.IsAcquired)
        {
            return lease;
        }
        lease.Dispose();
        Refused.Add(1, new KeyValuePair<string, object?>("reason", "queue_full"));
        return null;
    }

    public void Dispose() => _limiter.Dispose();
}
