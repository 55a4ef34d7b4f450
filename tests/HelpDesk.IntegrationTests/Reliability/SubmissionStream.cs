using System.Collections.Concurrent;
using System.Globalization;
using HelpDesk.Testing;

namespace HelpDesk.Reliability;

/// <summary>
/// Channel clients submitting a steady stream of tickets through the gateway, each with an Idempotency-Key, retrying
/// with the same key until a 201 (as a well-behaved channel app does); what was acknowledged, attempted and answered.
/// </summary>
public sealed class SubmissionStream : IDisposable
{
    private const int MaxTickets = 2000;
    private static readonly TimeSpan PauseBetweenSubmissions = TimeSpan.FromMilliseconds(700);
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(300);

    private readonly PlatformProbe _probe;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task[] _producers;
    private int _sequence;

    private SubmissionStream(PlatformProbe probe, int producers, CancellationToken cancellationToken)
    {
        _probe = probe;
        _producers = [.. Enumerable.Range(0, producers).Select(_ => Task.Run(() => ProduceAsync(cancellationToken), cancellationToken))];
    }

    public string RunId { get; } = Guid.NewGuid().ToString("N")[..8];

    /// <summary>The subject every ticket of this run starts with.</summary>
    public string SubjectPrefix => $"Reliability {RunId} #";

    /// <summary>Subject → ticket id, for every 201.</summary>
    public ConcurrentDictionary<string, Guid> Acknowledged { get; } = new(StringComparer.Ordinal);

    /// <summary>Answers by outcome (201, 500, 502, HttpRequestError names, timeout).</summary>
    public ConcurrentDictionary<string, int> Outcomes { get; } = new(StringComparer.Ordinal);

    public int Submitted => Math.Min(Volatile.Read(ref _sequence), MaxTickets);

    public static SubmissionStream Start(PlatformProbe probe, int producers, CancellationToken cancellationToken) =>
        new(probe, producers, cancellationToken);

    /// <summary>Stops starting new tickets and waits until every one started is acknowledged or given up.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_producers);
    }

    public string DescribeOutcomes() =>
        string.Join(", ", Outcomes.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Key}={o.Value}"));

    /// <summary>Waits until every acknowledged ticket is routed, SLA-clocked and has its submission notification.</summary>
    public async Task WaitForEffectsAsync(string submittedEvent, CancellationToken cancellationToken)
    {
        foreach (var (subject, ticketId) in Acknowledged.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            await Eventually.TrueAsync(async () => await _probe.RoutedQueueAsync(ticketId, cancellationToken) is not null,
                TimeSpan.FromSeconds(240), $"{subject} ({ticketId}) to be routed");
            await Eventually.TrueAsync(async () => (await _probe.SlaClocksAsync(ticketId, cancellationToken)).Count > 0,
                TimeSpan.FromSeconds(120), $"{subject} ({ticketId}) to have an SLA clock");
            await Eventually.TrueAsync(async () => (await _probe.DeliveriesAsync(ticketId, cancellationToken)).Any(d => d.EventType == submittedEvent),
                TimeSpan.FromSeconds(120), $"{subject} ({ticketId}) to have its submission notification");
        }
    }

    private async Task ProduceAsync(CancellationToken cancellationToken)
    {
        while (!_stop.IsCancellationRequested)
        {
            var n = Interlocked.Increment(ref _sequence);
            if (n > MaxTickets)
            {
                return;
            }
            var subject = SubjectPrefix + n.ToString("D4", CultureInfo.InvariantCulture);
            var key = $"{RunId}-{n}";
            var body = PlatformProbe.BodyFor(subject, n);
            var giveUp = DateTime.UtcNow + TimeSpan.FromMinutes(5);
            while (DateTime.UtcNow < giveUp)
            {
                var (ticketId, outcome) = await _probe.TrySubmitAsync(body, key, cancellationToken);
                Outcomes.AddOrUpdate(outcome, 1, (_, c) => c + 1);
                if (ticketId is { } id)
                {
                    Acknowledged[subject] = id;
                    break;
                }
                await Task.Delay(RetryDelay, cancellationToken);
            }
            await Task.Delay(PauseBetweenSubmissions, cancellationToken);
        }
    }

    public void Dispose() => _stop.Dispose();
}
