using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HelpDesk.AppHost;
using HelpDesk.Testing;
using HelpDesk.Testing.Infrastructure;

namespace HelpDesk.Reliability;

/// <summary>
/// Distributed mode (RabbitMQ, PostgreSQL, one process per service): an agent bulk-closes 500 tickets while Intake is
/// killed mid-request, the other services are killed in turn and the broker restarts. The agent's tool retries the
/// bulk request with the same Idempotency-Key until it is answered. Afterwards every ticket is closed once: one close
/// in its history, one close event seen downstream (one ticket.closed notification), nothing in an error queue.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class BulkCloseFaultTests(ITestOutputHelper output)
{
    private const int TicketCount = 500;
    private const string ClosedEvent = "ticket.closed";

    [Fact]
    public async Task Bulk_closing_500_tickets_under_faults_closes_each_exactly_once()
    {
        if (!DistributedPlatform.IsAvailable)
        {
            InfrastructureRequirement.SkipOrFail("The bulk fault test needs rabbitmq-server and the PostgreSQL server binaries.");
        }
        var cancellationToken = TestContext.Current.CancellationToken;
        using var data = new TempDirectory("helpdesk-bulk-faults");
        var clock = Stopwatch.StartNew();
        await using var platform = await DistributedPlatform.StartAsync(data.Path, cancellationToken);
        using var http = PlatformProbe.CreateClient(platform.GatewayAddress, DistributedPlatform.ApiKey);
        var probe = new PlatformProbe(http);
        using var agent = new HttpClient { BaseAddress = platform.GatewayAddress, Timeout = TimeSpan.FromMinutes(3) };
        agent.DefaultRequestHeaders.Add("X-Api-Key", DistributedPlatform.ApiKey);

        var tickets = await SubmitAsync(probe, cancellationToken);
        Log($"{clock.Elapsed.TotalSeconds,6:0.0} s  {tickets.Count} tickets submitted");
        var numbers = tickets.Keys.Select(id => id.ToString()).ToList();
        var resolved = await BulkUntilAnsweredAsync(agent, numbers, "Resolved", $"bulk-resolve-{Guid.NewGuid():N}", cancellationToken);
        Assert.Equal(TicketCount, resolved.Applied);
        Log($"{clock.Elapsed.TotalSeconds,6:0.0} s  all resolved in bulk");

        var closeKey = $"bulk-close-{Guid.NewGuid():N}";
        var closing = BulkUntilAnsweredAsync(agent, numbers, "Closed", closeKey, cancellationToken);
        await Task.Delay(TimeSpan.FromMilliseconds(800), cancellationToken);
        await platform.KillAsync("intake", cancellationToken);
        Log($"{clock.Elapsed.TotalSeconds,6:0.0} s  intake killed (SIGKILL) during the bulk close");
        await platform.StartResourceAsync("intake", cancellationToken);
        foreach (var service in new[] { "routing", "notifications", "sla" })
        {
            await platform.KillAsync(service, cancellationToken);
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            await platform.StartResourceAsync(service, cancellationToken);
            Log($"{clock.Elapsed.TotalSeconds,6:0.0} s  {service} killed and restarted");
        }
        await platform.ShutDownAsync(DistributedPlatform.Broker, cancellationToken);
        await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        await platform.StartResourceAsync(DistributedPlatform.Broker, cancellationToken);
        Log($"{clock.Elapsed.TotalSeconds,6:0.0} s  broker restarted");
        var closed = await closing;
        Log($"{clock.Elapsed.TotalSeconds,6:0.0} s  bulk close answered after {closed.Attempts} attempt(s): {closed.Applied} applied ({closed.Replayed} replayed)");
        Assert.Equal(TicketCount, closed.Applied);

        // A last retry after everything settled replays every ticket and changes nothing.
        var replay = await BulkUntilAnsweredAsync(agent, numbers, "Closed", closeKey, cancellationToken);
        Assert.Equal((TicketCount, TicketCount), (replay.Applied, replay.Replayed));
        await AssertClosedOnceAsync(probe, agent, tickets, cancellationToken);
        var queues = await platform.QueueDepthsAsync(cancellationToken);
        var errorQueues = queues.Where(q => (q.Key.EndsWith("_error", StringComparison.Ordinal) || q.Key.EndsWith("_skipped", StringComparison.Ordinal)) && q.Value > 0).ToList();
        Assert.True(errorQueues.Count == 0, $"Messages sit in error/skipped queues: {string.Join(", ", errorQueues.Select(q => $"{q.Key}={q.Value}"))}.");
        Log($"{clock.Elapsed.TotalSeconds,6:0.0} s  verified: {TicketCount} closes in the histories, {TicketCount} ticket.closed notifications, no error queue holds a message");
    }

    private static async Task AssertClosedOnceAsync(PlatformProbe probe, HttpClient agent, Dictionary<Guid, string> tickets, CancellationToken cancellationToken)
    {
        var historyCloses = 0;
        var closeNotifications = 0;
        foreach (var (id, number) in tickets)
        {
            var history = await agent.GetFromJsonAsync<JsonElement>($"/api/v1/tickets/{id}/history?limit=500", cancellationToken);
            var closes = history.GetProperty("entries").EnumerateArray().Count(e => e.GetProperty("field").GetString() == "status" && e.GetProperty("newValue").GetString() == "Closed");
            Assert.True(closes == 1, $"{number} has {closes} close entries in its history.");
            historyCloses += closes;
            var deliveries = await Eventually.GetAsync(async () =>
            {
                var list = await probe.DeliveriesAsync(id, cancellationToken);
                return list.Any(d => d.EventType == ClosedEvent) ? list : null;
            }, TimeSpan.FromMinutes(3), $"{number}'s close to reach notifications");
            var closedEvents = deliveries.Where(d => d.EventType == ClosedEvent).Select(d => d.EventMessageId).Distinct().Count();
            Assert.True(closedEvents == 1, $"{number} produced {closedEvents} TicketClosed events downstream.");
            closeNotifications += closedEvents;
        }
        Assert.Equal((TicketCount, TicketCount), (historyCloses, closeNotifications));
    }

    private static async Task<Dictionary<Guid, string>> SubmitAsync(PlatformProbe probe, CancellationToken cancellationToken)
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var acknowledged = new ConcurrentDictionary<Guid, string>();
        await Parallel.ForEachAsync(Enumerable.Range(1, TicketCount), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (n, token) =>
        {
            var body = PlatformProbe.BodyFor($"Bulk {run} #{n:D4}", n);
            for (var attempt = 0; attempt < 50; attempt++)
            {
                if (await probe.TrySubmitAsync(body, $"{run}-{n}", token) is ({ } id, _))
                {
                    acknowledged[id] = $"#{n}";
                    return;
                }
                await Task.Delay(300, token);
            }
            throw new InvalidOperationException($"Ticket {n} was never acknowledged.");
        });
        return new Dictionary<Guid, string>(acknowledged);
    }

    private sealed record BulkOutcome(int Applied, int Replayed, int Attempts);

    /// <summary>What an agent's tool does: send, and on a timeout, a connection error or a 5xx send the same request again.</summary>
    private async Task<BulkOutcome> BulkUntilAnsweredAsync(HttpClient agent, IReadOnlyList<string> numbers, string status, string key, CancellationToken cancellationToken)
    {
        var body = new { tickets = numbers, actions = new[] { new { field = "status", value = status } } };
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/tickets/bulk") { Content = JsonContent.Create(body) };
                request.Headers.Add("Idempotency-Key", key);
                using var response = await agent.SendAsync(request, cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    var result = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
                    var items = result.GetProperty("results").EnumerateArray().ToList();
                    var failures = items.Where(i => i.GetProperty("outcome").GetString() != "applied").Select(i => $"{i.GetProperty("ticket")}: {i.GetProperty("error")}").ToList();
                    Assert.True(failures.Count == 0, $"Bulk {status} failed for {failures.Count}: {string.Join("; ", failures.Take(5))}");
                    return new BulkOutcome(result.GetProperty("applied").GetInt32(), items.Count(i => i.GetProperty("replayed").GetBoolean()), attempt);
                }
                Log($"bulk {status} attempt {attempt}: HTTP {(int)response.StatusCode}");
                Assert.True((int)response.StatusCode >= 500, $"Bulk {status} refused: {await response.Content.ReadAsStringAsync(cancellationToken)}");
            }
            catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                Log($"bulk {status} attempt {attempt}: {ex.GetType().Name}");
            }
            Assert.True(attempt < 100, $"Bulk {status} never answered.");
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }
    }

    private void Log(string line) => output.WriteLine(line);
}
