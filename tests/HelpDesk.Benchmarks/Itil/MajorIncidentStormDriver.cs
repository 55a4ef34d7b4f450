using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using HelpDesk.Intake;
using HelpDesk.Intake.Api;
using HelpDesk.Intake.Infrastructure;
using HelpDesk.Routing;
using HelpDesk.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Benchmarks.Itil;

/// <summary>
/// An alert storm against embedded Intake + Routing (SQLite, in-memory bus, real loopback HTTP), open loop: alerts
/// from H hosts are sent on a fixed schedule over S seconds whatever the answers. Reports the time from the Nth alert
/// (N = the detection threshold) to the major-incident candidate, and checks one candidate with every alert linked.
/// Options: --alerts 1000 --hosts 50 --seconds 60 --threshold 10 --window 00:10:00 --similarity 0.6 --data DIR.
/// </summary>
public sealed class MajorIncidentStormDriver : ILoadDriver
{
    public string Name => "major-incident-storm";

    public string Description => "alert storm → one major-incident candidate: time from the Nth alert to the candidate, links";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var alerts = IntOption(args, "--alerts", 1000);
        var hosts = IntOption(args, "--hosts", 50);
        var seconds = IntOption(args, "--seconds", 60);
        var threshold = IntOption(args, "--threshold", 10);
        var dataOption = Option(args, "--data");
        using var temp = dataOption is null ? new TempDirectory("helpdesk-bench-storm") : null;
        await using var host = await ServiceTestHost.StartAsync(
            b => { b.AddIntake(); b.AddRouting(); },
            app => { app.MapIntake(); app.MapRouting(); },
            new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = "Error",
                ["Logging:LogLevel:HelpDesk"] = "Error",
                ["Intake:MajorIncidents:Threshold"] = threshold.ToString(CultureInfo.InvariantCulture),
                ["Intake:MajorIncidents:Window"] = Option(args, "--window") ?? "00:10:00",
                ["Intake:MajorIncidents:Similarity"] = Option(args, "--similarity") ?? "0.6",
            },
            dataOption ?? temp!.Path);
        using var client = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromMinutes(5) };
        // Straight to the service: with the service token the gateway would have forwarded (services refuse calls without one).
        client.DefaultRequestHeaders.Authorization = TestCallers.HeaderFor(TestCallers.Platform);
        Console.WriteLine($"major-incident-storm: {alerts} alerts from {hosts} hosts over {seconds} s (open loop), threshold {threshold}; load: {File.ReadAllText("/proc/loadavg").Trim()}");

        var acknowledged = new ConcurrentDictionary<int, DateTimeOffset>();
        var interval = TimeSpan.FromSeconds(seconds) / alerts;
        var start = DateTimeOffset.UtcNow;
        var wall = Stopwatch.StartNew();
        var sends = new List<Task>(alerts);
        for (var i = 0; i < alerts; i++)
        {
            var due = interval * i - wall.Elapsed;
            if (due > TimeSpan.Zero)
            {
                await Task.Delay(due, cancellationToken);
            }
            sends.Add(SendAsync(client, i, hosts, acknowledged, cancellationToken));
        }
        await Task.WhenAll(sends);
        var sent = wall.Elapsed;
        var nth = acknowledged.Values.Order().ElementAt(Math.Min(threshold, acknowledged.Count) - 1);

        var candidate = await Eventually.GetAsync(async () =>
        {
            var list = await client.GetFromJsonAsync<MajorIncidentResponse[]>("/api/v1/major-incidents", TestJson.Options, cancellationToken);
            return list is [{ LinkedCount: var linked } one] && linked == alerts ? one : null;
        }, TimeSpan.FromMinutes(10), "every alert linked to one candidate");
        var linkedAfter = wall.Elapsed;
        var raisedEvents = await host.InScopeAsync(s => s.GetRequiredService<IntakeDbContext>().OutboxMessages
            .CountAsync(m => m.MessageType.StartsWith("HelpDesk.Contracts.MajorIncidentCandidateRaised,"), cancellationToken));
        var candidates = await host.InScopeAsync(s => s.GetRequiredService<IntakeDbContext>().MajorIncidents.CountAsync(cancellationToken));
        var ticketsLinked = await host.InScopeAsync(s => s.GetRequiredService<IntakeDbContext>().Tickets.CountAsync(t => t.MajorIncidentId == candidate.Id, cancellationToken));

        Console.WriteLine($"alerts sent            {alerts} in {sent.TotalSeconds:F1} s ({acknowledged.Count} acknowledged 201)");
        Console.WriteLine($"candidates             {candidates} (MajorIncidentCandidateRaised events: {raisedEvents})");
        Console.WriteLine($"linked                 {ticketsLinked} tickets (candidate says {candidate.LinkedCount}), all linked {(linkedAfter - sent).TotalSeconds:F1} s after the last alert was sent");
        Console.WriteLine($"Nth ({threshold}) alert → candidate  {(candidate.RaisedAt - nth).TotalMilliseconds:F0} ms (acknowledgement of the {threshold}th alert to the candidate's commit)");
        Console.WriteLine($"first alert → candidate {(candidate.RaisedAt - start).TotalMilliseconds:F0} ms");
        return candidates == 1 && raisedEvents == 1 && ticketsLinked == alerts && acknowledged.Count == alerts ? 0 : 1;
    }

    private static async Task SendAsync(HttpClient client, int i, int hosts, ConcurrentDictionary<int, DateTimeOffset> acknowledged, CancellationToken cancellationToken)
    {
        var node = $"host-{i % hosts:D2}.dc1.example.org";
        var body = new
        {
            subject = $"CRITICAL: disk /var on {node} at {90 + (i % 10)}%",
            description = $"Monitoring alert {i}: filesystem /var on {node} is {90 + (i % 10)}% full (threshold 90%).",
            requester = new { email = "monitoring@example.org", name = "Monitoring" },
            channel = "Monitoring",
            tags = new List<string> { "alert", "disk" },
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/tickets") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", $"storm-alert-{i}");
        for (var attempt = 0; attempt < 20; attempt++)
        {
            using var retry = attempt == 0 ? null : new HttpRequestMessage(HttpMethod.Post, "/api/v1/tickets") { Content = JsonContent.Create(body) };
            retry?.Headers.Add("Idempotency-Key", $"storm-alert-{i}");
            try
            {
                using var response = await client.SendAsync(retry ?? request, cancellationToken);
                if (response.StatusCode == HttpStatusCode.Created)
                {
                    acknowledged[i] = DateTimeOffset.UtcNow;
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                // A monitoring tool retries with the same key; the key makes the retry safe.
            }
            await Task.Delay(200, cancellationToken);
        }
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static int IntOption(string[] args, string name, int fallback) =>
        Option(args, name) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;
}
