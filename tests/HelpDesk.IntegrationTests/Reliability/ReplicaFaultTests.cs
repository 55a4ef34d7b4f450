using System.Diagnostics;
using System.Net.Http.Json;
using HelpDesk.Routing;
using HelpDesk.Testing;
using HelpDesk.Testing.Infrastructure;

namespace HelpDesk.Reliability;

/// <summary>
/// Distributed mode with two replicas each of gateway, intake, routing, KB, SLA and notifications (AppHost
/// --replicas 2): under a steady stream of submissions one replica of each pair is killed with SIGKILL and not
/// restarted, so the survivor carries on alone. Afterwards the fault ledger holds (nothing acknowledged lost or
/// doubled, every inbox once, sends in the receivers' logs), intake recorded every assignment once, and the agents'
/// loads are exact: routing's two replicas assigned concurrently through the per-queue advisory lock.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class ReplicaFaultTests(ITestOutputHelper output)
{
    private const int Producers = 3;
    private const int AgentCapacity = 10;
    private const int AcknowledgedBetweenKills = 8;
    private static readonly string[] Replicated = ["gateway", "intake", "routing", "kb", "sla", "notifications"];

    [Fact]
    public async Task Killing_one_replica_of_each_pair_mid_load_loses_and_doubles_nothing_and_keeps_agent_loads_exact()
    {
        if (!DistributedPlatform.IsAvailable || SendReceivers.UnavailableReason is not null)
        {
            InfrastructureRequirement.SkipOrFail("The replica fault test needs rabbitmq-server, the PostgreSQL server binaries and python3-aiosmtpd.");
        }
        var cancellationToken = TestContext.Current.CancellationToken;
        using var data = new TempDirectory("helpdesk-replica-faults");
        var clock = Stopwatch.StartNew();
        await using var receivers = await SendReceivers.StartAsync();
        await using var platform = await DistributedPlatform.StartAsync(data.Path, cancellationToken, [.. receivers.AppHostArguments, "--replicas", "2"]);
        foreach (var service in Replicated)
        {
            await platform.WaitForReplicasAsync(service, 2, cancellationToken);
        }
        Log($"platform up with two healthy replicas each of {string.Join(", ", Replicated)} in {clock.Elapsed.TotalSeconds:0.0} s; logs in {platform.LogDirectory}");
        using var http = PlatformProbe.CreateClient(platform.GatewayAddress, DistributedPlatform.ApiKey);
        await receivers.SubscribeAsync(http, [FaultLedger.SubmittedEvent], cancellationToken);
        await AddAgentsAsync(http, cancellationToken);

        using var stream = SubmissionStream.Start(new PlatformProbe(http), Producers, cancellationToken);
        // Each kill lands in a flowing stream: at least 4 s and AcknowledgedBetweenKills more tickets apart (a loaded
        // machine slows the stream; a fixed pause would then kill replicas that had nothing to do).
        await WaitForProgressAsync(stream, AcknowledgedBetweenKills, cancellationToken);
        var beforeFaults = stream.Acknowledged.Count;
        foreach (var service in Replicated)
        {
            var killed = await platform.KillOneReplicaAsync(service, cancellationToken);
            Log($"{clock.Elapsed.TotalSeconds,6:0.0} s  one {service} replica killed (pids {string.Join(", ", killed)}); {stream.Acknowledged.Count} acknowledged so far");
            await WaitForProgressAsync(stream, AcknowledgedBetweenKills, cancellationToken);
        }
        await stream.StopAsync();
        var acknowledged = stream.Acknowledged;
        Log($"submissions stopped: {stream.Submitted} submitted, {acknowledged.Count} acknowledged, attempts by outcome: {stream.DescribeOutcomes()}");
        Assert.Equal(stream.Submitted, acknowledged.Count);
        Assert.True(acknowledged.Count >= beforeFaults + Replicated.Length * AcknowledgedBetweenKills, $"Only {acknowledged.Count - beforeFaults} tickets were submitted while replicas were killed.");
        foreach (var service in Replicated)
        {
            Assert.True(platform.ReplicaProcesses(service).Count == 1, $"{service} should run on alone: {string.Join(", ", platform.ReplicaProcesses(service))}");
        }

        await stream.WaitForEffectsAsync(FaultLedger.SubmittedEvent, cancellationToken);
        Log($"{clock.Elapsed.TotalSeconds,6:0.0} s  all {acknowledged.Count} tickets routed, SLA-clocked and notified");
        await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);

        var ledger = new FaultLedger(platform.DatabaseConnectionString);
        // A row claimed by the killed intake is published again once its claim runs out (the inboxes drop the copy).
        await ledger.WaitForOutboxSettledAsync(acknowledged, TimeSpan.FromMinutes(2), cancellationToken);
        var report = await ledger.ReadWithSendsAsync(acknowledged, stream.SubjectPrefix, receivers, cancellationToken);
        await ledger.CheckAgentLoadsAsync(report, acknowledged, cancellationToken);
        await ledger.CheckAssignmentsRecordedAsync(report, acknowledged, TimeSpan.FromMinutes(2), cancellationToken);
        Log($"{clock.Elapsed.TotalSeconds,6:0.0} s  ledger: {report}");
        Assert.True(report.Findings.Count == 0, report.ToString());
        Assert.Equal(acknowledged.Count, report["tickets stored"]);
        Assert.Equal(acknowledged.Count, report["TicketSubmitted dispatched"]);
        Assert.True(report["tickets assigned"] > 0 && report["tickets waiting"] > 0, $"Both assignment and waiting should be exercised: {report}");
        Assert.Equal(report["tickets assigned"], report["inbox RecordAssignmentOnTicket"]);
        Assert.True(report["email received (distinct)"] >= acknowledged.Count, report.ToString());
        Assert.Equal(acknowledged.Count, report["webhook received (distinct)"]);

        var drained = await platform.WaitForQueuesDrainedAsync(TimeSpan.FromMinutes(1), cancellationToken);
        var (queues, errorQueues) = await platform.ErrorQueuesAsync(cancellationToken);
        Log($"queues: {queues}");
        Assert.True(errorQueues.Length == 0, $"Messages sit in error/skipped queues: {errorQueues}.");
        Assert.True(drained, $"Messages still wait in the broker: {queues}.");
    }

    /// <summary>At least 4 s and <paramref name="more"/> acknowledged tickets from now (at most 2 minutes).</summary>
    private static async Task WaitForProgressAsync(SubmissionStream stream, int more, CancellationToken cancellationToken)
    {
        var target = stream.Acknowledged.Count + more;
        await Task.Delay(TimeSpan.FromSeconds(4), cancellationToken);
        await Eventually.TrueAsync(() => Task.FromResult(stream.Acknowledged.Count >= target), TimeSpan.FromMinutes(2),
            $"{more} more tickets to be acknowledged (the survivors carry the stream)");
    }

    /// <summary>Four agents in every queue routing can pick, with room for only part of the run (so tickets also wait).</summary>
    private static async Task AddAgentsAsync(HttpClient http, CancellationToken cancellationToken)
    {
        var settings = new RoutingOptions();
        var queues = settings.CategoryQueues.Values.Append(settings.DefaultQueue).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        for (var i = 1; i <= 4; i++)
        {
            using var response = await http.PutAsJsonAsync($"/api/v1/routing/agents/replica-agent-{i}",
                new { name = $"Replica agent {i}", email = $"agent{i}@example.org", queues, capacity = AgentCapacity, onShift = true }, cancellationToken);
            Assert.True(response.IsSuccessStatusCode, $"PUT agent {i}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }

    private void Log(string line) => output.WriteLine(line);
}
