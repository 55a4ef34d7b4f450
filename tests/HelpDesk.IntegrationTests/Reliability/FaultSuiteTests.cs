using System.Diagnostics;
using System.Globalization;
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
    private const string SubmittedEvent = FaultLedger.SubmittedEvent;

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

        using var stream = SubmissionStream.Start(probe, Producers, cancellationToken);
        var acknowledged = stream.Acknowledged;
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

        await stream.StopAsync();
        var submitted = stream.Submitted;
        Log($"submissions stopped: {submitted} tickets submitted, {acknowledged.Count} acknowledged, attempts by outcome: {stream.DescribeOutcomes()}");
        Assert.Equal(submitted, acknowledged.Count);
        Assert.True(acknowledged.Count > beforeFaults + 20, $"Only {acknowledged.Count - beforeFaults} tickets were submitted while faults were injected.");
        Assert.True(acknowledged.Count >= 50, $"Only {acknowledged.Count} tickets were acknowledged: the stream was not steady.");

        // Quiescence: every acknowledged ticket routed, with SLA clocks and its submission notifications.
        await stream.WaitForEffectsAsync(SubmittedEvent, cancellationToken);
        Log($"{clock.Elapsed.TotalSeconds,6:0.0} s  all {acknowledged.Count} tickets routed, SLA-clocked and notified");

        // Let any late redelivery land before counting duplicates.
        await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);

        // Counted in the services' own databases, row by row (FaultLedger), every check independent of the others.
        var ledger = new FaultLedger(platform.DatabaseConnectionString);
        // Outbox rows whose mark was lost to the database fault are published again and marked once their claim runs out.
        await ledger.WaitForOutboxSettledAsync(acknowledged, TimeSpan.FromMinutes(2), cancellationToken);
        Log($"{clock.Elapsed.TotalSeconds,6:0.0} s  every TicketSubmitted outbox row marked dispatched");
        var subjectPrefix = stream.SubjectPrefix;
        // Sends too: once no delivery is pending, every Delivered e-mail and webhook is in its receiver's log.
        var report = await ledger.ReadWithSendsAsync(acknowledged, subjectPrefix, receivers, cancellationToken);
        Log($"ledger: {report}");
        Assert.True(report.Findings.Count == 0, report.ToString());
        Assert.Equal(acknowledged.Count, report["tickets stored"]);
        Assert.Equal(acknowledged.Count, report["TicketSubmitted dispatched"]);
        // Each ticket's submission reached the requester's mailbox and the subscribed webhook, as the receivers saw it.
        Assert.True(report["email received (distinct)"] >= acknowledged.Count, report.ToString());
        Assert.Equal(acknowledged.Count, report["webhook received (distinct)"]);

        var (queues, errorQueues) = await platform.ErrorQueuesAsync(cancellationToken);
        Log($"queues: {queues}");
        Assert.True(errorQueues.Length == 0, $"Messages sit in error/skipped queues: {errorQueues}.");
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
