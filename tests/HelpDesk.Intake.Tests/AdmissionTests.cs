using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using HelpDesk.Testing;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Intake.Tests;

/// <summary>Intake at capacity answers 503 with Retry-After and records nothing; what it accepted is all there and published.</summary>
public sealed class AdmissionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<HttpResponseMessage> PostAsync(ServiceTestHost host, string key) =>
        host.Client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/v1/tickets")
        {
            Content = JsonContent.Create(IntakeUnderTest.NewTicket($"Admission {key}"), options: TestJson.Options),
            Headers = { { "Idempotency-Key", key } },
        }, Ct);

    private static async Task<TicketResponse> CreatedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<TicketResponse>(TestJson.Options, Ct))!;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        for (var waited = 0; !await condition(); waited += 20)
        {
            Assert.True(waited < 30_000, "The condition did not hold within 30 s.");
            await Task.Delay(20, Ct);
        }
    }

    [Fact]
    public async Task A_submission_past_the_full_queue_gets_503_with_Retry_After_and_its_retry_with_the_same_key_succeeds()
    {
        await using var host = await ServiceTestHost.StartAsync(IntakeUnderTest.Service, new Dictionary<string, string?>
        {
            ["Intake:Admission:MaxConcurrent"] = "1",
            ["Intake:Admission:MaxQueued"] = "1",
            ["Intake:Admission:MaxQueueWait"] = "00:05:00",
            ["Intake:Admission:RetryAfter"] = "00:00:03",
        });
        var admission = host.GetRequiredService<SubmissionAdmission>();
        // The slot is taken (as by a slow submission); the first request waits in the one-place queue.
        var held = await admission.EnterAsync(Ct);
        Assert.NotNull(held);
        var queued = PostAsync(host, "admission-queued");
        await WaitUntilAsync(() => Task.FromResult(admission.Current.Queued == 1));

        using var refused = await PostAsync(host, "admission-refused");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromSeconds(3), refused.Headers.RetryAfter?.Delta);
        var problem = await refused.ProblemAsync();
        Assert.Equal(503, problem.GetProperty("status").GetInt32());
        Assert.Contains("same Idempotency-Key", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.False(queued.IsCompleted);
        Assert.Equal(0, await host.InDbAsync(db => db.Tickets.CountAsync(Ct)));
        Assert.Equal(0, await host.InDbAsync(db => db.IdempotencyRecords.CountAsync(Ct)));

        held!.Dispose();
        var first = await CreatedAsync(await queued);
        var retried = await CreatedAsync(await PostAsync(host, "admission-refused"));

        var tickets = await host.InDbAsync(db => db.Tickets.AsNoTracking().Select(t => t.Id).ToListAsync(Ct));
        Assert.Equal(new[] { first.Id, retried.Id }.Order(), tickets.Order());
        Assert.Equal((0, 0), admission.Current);
    }

    [Fact]
    public async Task A_submission_that_waits_longer_than_MaxQueueWait_gets_503_and_leaves_the_queue()
    {
        await using var host = await ServiceTestHost.StartAsync(IntakeUnderTest.Service, new Dictionary<string, string?>
        {
            ["Intake:Admission:MaxConcurrent"] = "1",
            ["Intake:Admission:MaxQueued"] = "10",
            ["Intake:Admission:MaxQueueWait"] = "00:00:00.300",
        });
        var admission = host.GetRequiredService<SubmissionAdmission>();
        using (var held = await admission.EnterAsync(Ct))
        {
            Assert.NotNull(held);
            using var refused = await PostAsync(host, "admission-waited");

            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(2), refused.Headers.RetryAfter?.Delta);
            Assert.Equal((1, 0), admission.Current);
        }
        await CreatedAsync(await PostAsync(host, "admission-waited"));
        Assert.Equal(1, await host.InDbAsync(db => db.Tickets.CountAsync(Ct)));
    }

    [Fact]
    public async Task In_a_burst_every_submission_is_201_or_503_only_the_201s_are_recorded_and_published_and_retries_complete_the_rest()
    {
        const int Burst = 40;
        await using var host = await ServiceTestHost.StartAsync(IntakeUnderTest.Service, new Dictionary<string, string?>
        {
            ["Intake:Admission:MaxConcurrent"] = "1",
            ["Intake:Admission:MaxQueued"] = "2",
        });
        var keys = Enumerable.Range(0, Burst).Select(i => $"burst-{i}").ToList();
        var created = new ConcurrentDictionary<string, Guid>();
        var pending = keys;
        for (var round = 0; pending.Count > 0; round++)
        {
            Assert.True(round < 200, $"{pending.Count} submissions still refused after 200 rounds.");
            var answers = await Task.WhenAll(pending.Select(async key => (Key: key, Response: await PostAsync(host, key))));
            foreach (var (key, response) in answers)
            {
                using (response)
                {
                    if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
                    {
                        Assert.NotNull(response.Headers.RetryAfter?.Delta);
                        continue;
                    }
                    created[key] = (await CreatedAsync(response)).Id;
                }
            }
            // Only what was answered 201 exists: a refused request left nothing behind.
            Assert.Equal(created.Count, await host.InDbAsync(db => db.Tickets.CountAsync(Ct)));
            pending = answers.Where(a => !created.ContainsKey(a.Key)).Select(a => a.Key).ToList();
        }

        Assert.Equal(Burst, created.Values.Distinct().Count());
        await WaitUntilAsync(async () => await host.InDbAsync(db => db.OutboxMessages.CountAsync(m => m.DispatchedAt == null, Ct)) == 0);
        var published = await host.InDbAsync(db => db.OutboxMessages.AsNoTracking()
            .Where(m => m.MessageType.StartsWith("HelpDesk.Contracts.TicketSubmitted,") && m.DispatchedAt != null)
            .Select(m => m.TicketId!.Value).ToListAsync(Ct));
        Assert.Equal(created.Values.Order(), published.Order());
    }
}
