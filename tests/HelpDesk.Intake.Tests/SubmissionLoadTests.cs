using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using HelpDesk.Testing;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Intake.Tests;

/// <summary>Correctness under load (no timing): concurrent submissions with duplicated idempotency keys over real HTTP.</summary>
public sealed class SubmissionLoadTests
{
    private const int Submissions = 10_000;
    private const int DistinctKeys = 6_000;
    private const int InFlight = 128;

    [Fact]
    public async Task Ten_thousand_concurrent_submissions_with_duplicate_keys_end_with_one_ticket_and_one_event_per_key()
    {
        var ct = TestContext.Current.CancellationToken;
        // The database lives in memory-backed storage when the machine has it: every commit still goes through
        // SQLite's full transaction and fsync path, but the test measures correctness, not the disk.
        using var data = new TempDirectory(Directory.Exists("/dev/shm") ? "/dev/shm/helpdesk-intake-load" : "helpdesk-intake-load");
        await using var host = await ServiceTestHost.StartAsync(IntakeUnderTest.Service, new Dictionary<string, string?>
        {
            ["Logging:LogLevel:HelpDesk"] = "Warning",
            // Every request in flight is admitted: this test is about duplicates, AdmissionTests about refusals.
            ["Intake:Admission:MaxQueued"] = "1000",
        }, dataDirectory: data.Path);
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = InFlight }) { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(120) };
        client.DefaultRequestHeaders.Authorization = TestCallers.HeaderFor(TestCallers.Platform);

        // Every key once, then random retries of random keys, in random order.
        var random = new Random(20260302);
        var keys = Enumerable.Range(0, DistinctKeys).Concat(Enumerable.Range(0, Submissions - DistinctKeys).Select(_ => random.Next(DistinctKeys))).ToArray();
        random.Shuffle(keys);

        var ticketByKey = new ConcurrentDictionary<int, ConcurrentBag<Guid>>();
        var failures = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(keys, new ParallelOptions { MaxDegreeOfParallelism = InFlight, CancellationToken = ct }, async (key, token) =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/tickets")
            {
                Content = JsonContent.Create(new { subject = $"Load {key}", description = $"Submission for key {key}", requesterEmail = $"user{key % 97}@example.org" }),
            };
            request.Headers.Add("Idempotency-Key", $"load-{key}");
            using var response = await client.SendAsync(request, token);
            if (response.StatusCode != HttpStatusCode.Created)
            {
                failures.Add($"{key}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(token)}");
                return;
            }
            var ticket = await response.Content.ReadFromJsonAsync<TicketResponse>(TestJson.Options, token);
            ticketByKey.GetOrAdd(key, _ => []).Add(ticket!.Id);
        });

        Assert.Empty(failures);
        Assert.Equal(DistinctKeys, ticketByKey.Count);
        Assert.All(ticketByKey, pair => Assert.Single(pair.Value.Distinct()));

        var ticketIds = await host.InDbAsync(db => db.Tickets.AsNoTracking().Select(t => t.Id).ToListAsync(ct));
        Assert.Equal(DistinctKeys, ticketIds.Count);
        Assert.Equal(ticketByKey.Values.Select(v => v.First()).Order(), ticketIds.Order());
        Assert.Equal(DistinctKeys, await host.InDbAsync(db => db.IdempotencyRecords.CountAsync(ct)));
        Assert.Equal(DistinctKeys, await host.InDbAsync(db => db.Tickets.Select(t => t.Number).Distinct().CountAsync(ct)));

        var submittedEvents = await host.InDbAsync(db => db.OutboxMessages.AsNoTracking()
            .Where(m => m.MessageType.StartsWith("HelpDesk.Contracts.TicketSubmitted,"))
            .Select(m => m.TicketId).ToListAsync(ct));
        Assert.Equal(DistinctKeys, submittedEvents.Count);
        Assert.Equal(ticketIds.Order(), submittedEvents.Select(id => id!.Value).Order());
    }
}
