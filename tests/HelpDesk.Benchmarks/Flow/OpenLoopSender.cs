using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;

namespace HelpDesk.Benchmarks.Flow;

/// <summary>
/// Sends tickets at a constant arrival rate whatever the platform's answers do (open loop): ticket i is due at
/// start + i / rate, and its latencies count from that scheduled instant, so queueing in the client, the gateway or
/// the service shows up in the figures instead of slowing the arrivals down.
/// </summary>
public sealed class OpenLoopSender(HttpClient http, FlowCorpus corpus, double rate, int total, string runId)
{
    public ConcurrentDictionary<Guid, SentTicket> Accepted { get; } = new();

    public ConcurrentDictionary<string, int> Failures { get; } = new(StringComparer.Ordinal);

    /// <summary>UTC ticks at which ticket 0 was due.</summary>
    public long StartTicks { get; private set; }

    /// <summary>UTC ticks at which the last ticket was due.</summary>
    public long EndTicks { get; private set; }

    /// <summary>Largest lag of a send behind its schedule (the driver's own saturation), ms.</summary>
    public double WorstSendLagMs { get; private set; }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var inFlight = new List<Task>(total);
        var clock = Stopwatch.StartNew();
        StartTicks = DateTime.UtcNow.Ticks;
        for (var i = 0; i < total && !cancellationToken.IsCancellationRequested; i++)
        {
            var dueMs = i * 1000.0 / rate;
            var wait = dueMs - clock.Elapsed.TotalMilliseconds;
            if (wait > 1)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(wait), cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
            WorstSendLagMs = Math.Max(WorstSendLagMs, clock.Elapsed.TotalMilliseconds - dueMs);
            var scheduled = StartTicks + (long)(dueMs * TimeSpan.TicksPerMillisecond);
            inFlight.Add(SendAsync(i, scheduled, cancellationToken));
        }
        EndTicks = StartTicks + (long)((total - 1) * 1000.0 / rate * TimeSpan.TicksPerMillisecond);
        await Task.WhenAll(inFlight);
    }

    private async Task SendAsync(int n, long scheduled, CancellationToken cancellationToken)
    {
        await Task.Yield();
        string outcome;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/tickets")
            {
                Content = new StringContent(corpus.BodyFor(runId, n), Encoding.UTF8, "application/json"),
            };
            request.Headers.Add("Idempotency-Key", $"flow-{runId}-{n}");
            using var response = await http.SendAsync(request, cancellationToken);
            if (response.StatusCode == HttpStatusCode.Created)
            {
                var acknowledged = DateTime.UtcNow.Ticks;
                using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
                Accepted[json.RootElement.GetProperty("id").GetGuid()] = new SentTicket(n, scheduled, acknowledged);
                return;
            }
            outcome = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (HttpRequestException ex)
        {
            outcome = ex.HttpRequestError.ToString();
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            outcome = "timeout";
        }
        catch (OperationCanceledException)
        {
            outcome = "cancelled";
        }
        Failures.AddOrUpdate(outcome, 1, (_, c) => c + 1);
    }
}
