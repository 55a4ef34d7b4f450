using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using HelpDesk.Contracts;
using HelpDesk.Testing;
using HelpDesk.Testing.Infrastructure;

namespace HelpDesk.Reliability;

/// <summary>
/// Distributed mode through the real AppHost (Aspire.Hosting.Testing; real RabbitMQ and PostgreSQL on loopback) under a steady stream of submissions through the
/// gateway while the broker is stopped and restarted, every service is killed with SIGKILL in turn and PostgreSQL
/// is restarted. Afterwards nothing acknowledged is lost or doubled, and nothing sits in an error queue.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class FaultSuiteTests(ITestOutputHelper output)
{
    private const int Producers = 2;
    private const int MaxTickets = 2000;
    private const string SubmittedEvent = FaultLedger.SubmittedEvent;
    private static readonly TimeSpan PauseBetweenSubmissions = TimeSpan.FromMilliseconds(700);
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(300);

    [Fact]
    public async Task Every_acknowledged_ticket_survives_broker_service_and_database_faults_exactly_once()
    {
        if (!DistributedPlatform.IsAvailable)
        {
            InfrastructureRequirement.SkipOrFail("The fault suite needs rabbitmq-server and the PostgreSQL server binaries.");
        }
        if (SendReceivers.UnavailableReason is { } missing)
        {
            InfrastructureRequirement.SkipOrFail($"The fault suite checks e-mail against a real SMTP server: {missing}.");
        }
        var cancellationToken = TestContext.Current.CancellationToken;
        using var data = new TempDirectory("helpdesk-faults");
        var clock = Stopwatch.StartNew();
        // The receivers' own logs are what the sends are checked against.
        await using var receivers = await SendReceivers.StartAsync();
        await using var platform = await DistributedPlatform.StartAsync(data.Path, cancellationToken, receivers.AppHostArguments);
        Log($"platform up in {clock.Elapsed.TotalSeconds:0.0} s; logs in {platform.LogDirectory}");
        using var http = PlatformProbe.CreateClient(platform.GatewayAddress, DistributedPlatform.ApiKey);
        var probe = new PlatformProbe(http);
        await receivers.SubscribeAsync(http, [SubmittedEvent], cancellationToken);

        var runId = Guid.NewGuid().ToString("N")[..8];
        var acknowledged = new ConcurrentDictionary<string, Guid>(StringComparer.Ordinal);
        var attempts = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var outcomes = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var sequence = 0;
        using var stopSubmitting = new CancellationTokenSource();

        async Task ProduceAsync()
        {
            while (!stopSubmitting.IsCancellationRequested)
            {
                var n = Interlocked.Increment(ref sequence);
                if (n > MaxTickets)
                {
                    return;
                }
                var subject = $"Reliability {runId} #{n:D4}";
                var key = $"{runId}-{n}";
                var body = PlatformProbe.BodyFor(subject, n);
                // A well-behaved channel app retries with the same key until it is acknowledged.
                var giveUp = DateTime.UtcNow + TimeSpan.FromMinutes(5);
                while (DateTime.UtcNow < giveUp)
                {
                    attempts.AddOrUpdate(subject, 1, (_, c) => c + 1);
                    var (ticketId, outcome) = await probe.TrySubmitAsync(body, key, cancellationToken);
                    outcomes.AddOrUpdate(outcome, 1, (_, c) => c + 1);
                    if (ticketId is { } id)
                    {
                        acknowledged[subject] = id;
                        break;
                    }
                    await Task.Delay(RetryDelay, cancellationToken);
                }
                await Task.Delay(PauseBetweenSubmissions, cancellationToken);
            }
        }

        var producers = Enumerable.Range(0, Producers).Select(_ => Task.Run(ProduceAsync, cancellationToken)).ToArray();
        async Task SteadyAsync(string what, TimeSpan wait)
        {
            await Task.Delay(wait, cancellationToken);
            Log($"{clock.Elapsed.TotalSeconds,6:0.0} s  {what}; {acknowledged.Count} acknowledged so far");
        }

        await SteadyAsync("steady stream", TimeSpan.FromSeconds(4));
        var beforeFaults = acknowledged.Count;
        await platform.ShutDownAsync(DistributedPlatform.Broker, cancellationToken);
        await SteadyAsync("RabbitMQ shut down", TimeSpan.FromSeconds(4));
        await platform.StartResourceAsync(DistributedPlatform.Broker, cancellationToken);
        await SteadyAsync("RabbitMQ restarted", TimeSpan.FromSeconds(4));
        foreach (var service in new[] { "intake", "routing", "kb", "sla", "notifications", "gateway" })
        {
            await platform.KillAsync(service, cancellationToken);
            await SteadyAsync($"{service} killed (SIGKILL)", TimeSpan.FromSeconds(1));
            await platform.StartResourceAsync(service, cancellationToken);
            await SteadyAsync($"{service} restarted", TimeSpan.FromSeconds(2));
        }
        await platform.ShutDownAsync(DistributedPlatform.Database, cancellationToken);
        await SteadyAsync("PostgreSQL shut down", TimeSpan.FromSeconds(3));
        await platform.StartResourceAsync(DistributedPlatform.Database, cancellationToken);
        await SteadyAsync("PostgreSQL restarted", TimeSpan.FromSeconds(4));

        await stopSubmitting.CancelAsync();
        await Task.WhenAll(producers);
        var submitted = Math.Min(sequence, MaxTickets);
        Log($"submissions stopped: {submitted} tickets submitted, {acknowledged.Count} acknowledged, attempts by outcome: "
            + string.Join(", ", outcomes.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Key}={o.Value}")));
        Assert.Equal(submitted, acknowledged.Count);
        Assert.True(acknowledged.Count > beforeFaults + 20, $"Only {acknowledged.Count - beforeFaults} tickets were submitted while faults were injected.");
        Assert.True(acknowledged.Count >= 50, $"Only {acknowledged.Count} tickets were acknowledged: the stream was not steady.");

        // Quiescence: every acknowledged ticket routed, with SLA clocks and its submission notifications.
        foreach (var (subject, ticketId) in acknowledged.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            await Eventually.TrueAsync(async () => await probe.RoutedQueueAsync(ticketId, cancellationToken) is not null,
                TimeSpan.FromSeconds(240), $"{subject} ({ticketId}) to be routed");
            await Eventually.TrueAsync(async () => (await probe.SlaClocksAsync(ticketId, cancellationToken)).Count > 0,
                TimeSpan.FromSeconds(120), $"{subject} ({ticketId}) to have an SLA clock");
            await Eventually.TrueAsync(async () => (await probe.DeliveriesAsync(ticketId, cancellationToken)).Any(d => d.EventType == SubmittedEvent),
                TimeSpan.FromSeconds(120), $"{subject} ({ticketId}) to have its submission notification");
        }
        Log($"{clock.Elapsed.TotalSeconds,6:0.0} s  all {acknowledged.Count} tickets routed, SLA-clocked and notified");

        // Let any late redelivery land before counting duplicates.
        await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);

        // Counted in the services' own databases, row by row (FaultLedger), every check independent of the others.
        var ledger = new FaultLedger(platform.DatabaseConnectionString);
        var subjectPrefix = $"Reliability {runId} #";
        var report = await ledger.ReadAsync(acknowledged, subjectPrefix, cancellationToken);
        // Sends: once no delivery is pending, every Delivered e-mail and webhook is in its receiver's log.
        await Eventually.TrueAsync(async () => await ledger.PendingDeliveriesAsync(acknowledged, cancellationToken) == 0,
            TimeSpan.FromSeconds(180), "every delivery of the run to be sent or dead-lettered");
        await ledger.CheckSendsAsync(report, acknowledged, NotificationChannel.Email, receivers.EmailDeliveryIds(), cancellationToken);
        await ledger.CheckSendsAsync(report, acknowledged, NotificationChannel.Webhook, receivers.WebhookDeliveryIds(), cancellationToken);
        Log($"ledger: {report}");
        Assert.True(report.Findings.Count == 0, report.ToString());
        Assert.Equal(acknowledged.Count, report["tickets stored"]);
        Assert.Equal(acknowledged.Count, report["TicketSubmitted dispatched"]);
        // Each ticket's submission reached the requester's mailbox and the subscribed webhook, as the receivers saw it.
        Assert.True(report["email received (distinct)"] >= acknowledged.Count, report.ToString());
        Assert.Equal(acknowledged.Count, report["webhook received (distinct)"]);

        var queues = await platform.QueueDepthsAsync(cancellationToken);
        var errorQueues = queues.Where(q => (q.Key.EndsWith("_error", StringComparison.Ordinal) || q.Key.EndsWith("_skipped", StringComparison.Ordinal)) && q.Value > 0).ToList();
        Log($"queues: {string.Join(", ", queues.OrderBy(q => q.Key, StringComparer.Ordinal).Select(q => $"{q.Key}={q.Value}"))}");
        Assert.True(errorQueues.Count == 0, $"Messages sit in error/skipped queues: {string.Join(", ", errorQueues.Select(q => $"{q.Key}={q.Value}"))}.");
        Log($"{clock.Elapsed.TotalSeconds,6:0.0} s  verified: {acknowledged.Count} tickets exactly once, {report["deliveries"]} deliveries without duplicates, no error queue holds a message");

        // Mutation check: with the unique indexes dropped, the duplicates a bug would write are reported by name.
        var (victimSubject, victim) = acknowledged.OrderBy(a => a.Key, StringComparer.Ordinal).First();
        var (clockCopy, deliveryCopy, ticketCopy) = await ledger.MutationAsync(victim, cancellationToken);
        var mutated = await ledger.ReadAsync(acknowledged, subjectPrefix, cancellationToken);
        Log($"after dropping the indexes and writing duplicates (clock {clockCopy}, delivery {deliveryCopy}, ticket {ticketCopy}): {mutated}");
        Assert.Contains(mutated.Findings, f => f.StartsWith($"ticket {victim} has 2 ", StringComparison.Ordinal) && f.EndsWith(" clocks", StringComparison.Ordinal));
        Assert.Contains(mutated.Findings, f => f.StartsWith(FaultLedger.SubmittedEvent, StringComparison.Ordinal) && f.EndsWith("recorded 2 times", StringComparison.Ordinal));
        Assert.Contains($"acknowledged {victimSubject} ({victim}) is stored 2 times", mutated.Findings);
    }

    private void Log(string line) => output.WriteLine(line);
}
