using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using HelpDesk.Contracts;
using HelpDesk.Notifications;
using HelpDesk.Notifications.Api;
using HelpDesk.Notifications.Domain;
using HelpDesk.Notifications.Infrastructure;
using HelpDesk.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Benchmarks.Notifications;

/// <summary>
/// Deliveries per second to a local webhook receiver: events are consumed into the delivery log, the worker signs
/// and posts them, the receiver verifies every signature. Bounded by --count; loopback only.
/// Usage: webhook-deliveries [--count 2000] [--parallelism 8]
/// </summary>
public sealed class WebhookDeliveriesDriver : ILoadDriver
{
    public string Name => "webhook-deliveries";

    public string Description => "Signed webhook deliveries/s from consumed events to a local receiver (--count N, --parallelism P)";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var count = Math.Clamp(Option(args, "--count", 2000), 1, 50_000);
        var parallelism = Math.Clamp(Option(args, "--parallelism", 8), 1, 64);
        await using var receiver = await WebhookReceiver.StartAsync("whsec_benchmark_secret_0001");
        await using var host = await ServiceTestHost.StartAsync(new TestedService("notifications", b => b.AddNotifications(), app => app.MapNotifications()), new Dictionary<string, string?>
        {
            ["Notifications:Webhooks:AllowPrivateTargets"] = "true",
            ["Notifications:Delivery:PollInterval"] = "00:00:00.050",
            ["Notifications:Delivery:MaxParallelism"] = parallelism.ToString(CultureInfo.InvariantCulture),
            ["Notifications:Delivery:BatchSize"] = "200",
            ["Logging:LogLevel:HelpDesk"] = "Warning",
        });
        // Webhooks only: no SMTP server in this measurement.
        (await host.Client.PutAsJsonAsync("/api/v1/notifications/subscriptions/ticket.submitted", new PutSubscriptionRequest([]), cancellationToken)).EnsureSuccessStatusCode();
        (await host.Client.PostAsJsonAsync("/api/v1/notifications/webhooks",
            new CreateWebhookRequest(receiver.Url.ToString(), ["ticket.submitted"], receiver.Secret), cancellationToken)).EnsureSuccessStatusCode();

        var bus = host.Services.GetRequiredService<IBus>();
        Console.WriteLine($"Publishing {count} TicketSubmitted events; worker parallelism {parallelism}…");
        var stopwatch = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            await bus.Publish(new TicketSubmitted(Guid.NewGuid(), $"HD-{i:000000}", TicketType.Incident, TicketChannel.Api, TicketPriority.Medium,
                new Requester("load@example.com"), $"Load ticket {i}", "Benchmark", [], "en", DateTimeOffset.UtcNow), cancellationToken);
        }
        var published = stopwatch.Elapsed;

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(5));
        var delivered = 0;
        while (delivered < count && !timeout.IsCancellationRequested)
        {
            await Task.Delay(100, CancellationToken.None);
            delivered = await host.InScopeAsync(sp => sp.GetRequiredService<NotificationsDbContext>().Deliveries
                .CountAsync(d => d.Status == DeliveryStatus.Delivered, CancellationToken.None));
        }
        var elapsed = stopwatch.Elapsed;

        var latencies = await host.InScopeAsync(sp => sp.GetRequiredService<NotificationsDbContext>().DeliveryAttempts
            .Where(a => a.Outcome == AttemptOutcome.Succeeded).Select(a => a.LatencyMs).ToListAsync(CancellationToken.None));
        latencies.Sort();
        var verified = receiver.Accepted.Count(r => r.SignatureValid);
        Console.WriteLine($"Delivered {delivered}/{count} in {elapsed.TotalSeconds:0.00} s (publishing took {published.TotalSeconds:0.00} s)");
        Console.WriteLine($"Throughput: {delivered / elapsed.TotalSeconds:0.0} deliveries/s end to end (event consumed → signed POST → attempt logged)");
        Console.WriteLine($"Receiver: {receiver.Requests.Count} requests, {verified} signatures verified, {receiver.Accepted.Select(r => r.DeliveryId).Distinct().Count()} distinct delivery ids");
        if (latencies.Count > 0)
        {
            Console.WriteLine($"Send latency per attempt: p50 {Percentile(latencies, 0.50):0.0} ms, p95 {Percentile(latencies, 0.95):0.0} ms, p99 {Percentile(latencies, 0.99):0.0} ms");
        }
        if (delivered != count)
        {
            return 1;
        }

        // Phase 2, the sender alone: the same number of deliveries written at once, due together, then drained.
        var endpointId = await host.InScopeAsync(sp => sp.GetRequiredService<NotificationsDbContext>().WebhookEndpoints.OrderBy(e => e.CreatedAt).Select(e => e.Id).FirstAsync(CancellationToken.None));
        var body = receiver.Accepted[0].Body;
        var due = DateTimeOffset.UtcNow.AddSeconds(2);
        await host.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<NotificationsDbContext>();
            db.Deliveries.AddRange(Enumerable.Range(0, count).Select(i => new Delivery
            {
                Id = Guid.CreateVersion7(),
                EventMessageId = Guid.NewGuid(),
                EventType = NotificationEventTypes.TicketSubmitted,
                Channel = NotificationChannel.Webhook,
                Recipient = $"webhook:{endpointId}",
                WebhookEndpointId = endpointId,
                Body = body,
                Status = DeliveryStatus.Pending,
                CreatedAt = DateTimeOffset.UtcNow,
                NextAttemptAt = due,
            }));
            return await db.SaveChangesAsync(CancellationToken.None);
        });
        var wait = due - DateTimeOffset.UtcNow;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, cancellationToken);
        }
        var sendOnly = Stopwatch.StartNew();
        var drained = 0;
        while (drained < 2 * count && !timeout.IsCancellationRequested)
        {
            await Task.Delay(50, CancellationToken.None);
            drained = await host.InScopeAsync(sp => sp.GetRequiredService<NotificationsDbContext>().Deliveries
                .CountAsync(d => d.Status == DeliveryStatus.Delivered, CancellationToken.None));
        }
        sendOnly.Stop();
        Console.WriteLine($"Sender only: {drained - count}/{count} pre-written deliveries sent in {sendOnly.Elapsed.TotalSeconds:0.00} s = {(drained - count) / sendOnly.Elapsed.TotalSeconds:0.0} deliveries/s");
        return drained == 2 * count ? 0 : 1;
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], CultureInfo.InvariantCulture, out var value) ? value : fallback;
    }
}
