using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using HelpDesk.Contracts;
using HelpDesk.Routing.Domain;
using HelpDesk.Testing;
using HelpDesk.Testing.Stacks;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Routing.Tests;

/// <summary>
/// Writes that race on one record — saves of one (new) agent, PUTs of the queue whose waiting tickets they assign,
/// corrections of a waiting ticket that is being assigned — are each applied or refused with a 409 problem, never a
/// 500, and the agents' loads still match the tickets they hold. On PostgreSQL (read committed) they collide on the
/// concurrency tokens, on a new row's key and on the queue lock (deadlock); before the retry they were 500s. On SQLite
/// writers are serialised (BEGIN IMMEDIATE), so nothing collides there: the test then shows the same answers without
/// a retry.
/// </summary>
public sealed class WriteConflictTests(ITestOutputHelper output)
{
    private const int Rounds = 5;
    private const int Writers = 6;
    private static readonly string[] Desk = ["desk"];
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Racing_agent_saves_queue_puts_and_corrections_are_applied_or_refused_with_409_never_500()
    {
        await using var host = await ServiceTestHost.StartAsync(RoutingUnderTest.Service, new Dictionary<string, string?> { ["Routing:DefaultQueue"] = "desk" });
        using var conflicts = new WriteConflictCounter();
        var answers = new ConcurrentDictionary<string, int>();

        for (var round = 1; round <= Rounds; round++)
        {
            // Tickets wait in "desk" (the previous round's agent went off shift): the saves and PUTs below assign them.
            var waiting = new List<RoutedTicket>();
            for (var i = 0; i < 3; i++)
            {
                waiting.Add(await host.SubmitAsync(RoutingUnderTest.NewTicket($"round {round} ticket {i}")));
            }
            Assert.All(waiting, t => Assert.Null(t.AgentId));
            var agent = $"racer-{round}";
            var corrected = waiting[0];
            var writes = Enumerable.Range(1, Writers).SelectMany(i => new[]
            {
                Answer("agent save", host.Client.PutAsJsonAsync($"/api/v1/routing/agents/{agent}",
                    new { name = $"Racer {round}.{i}", email = $"{agent}@desk.example", queues = Desk, skills = Array.Empty<string>(), capacity = i, onShift = true },
                    TestJson.Options, Cancel)),
                Answer("queue put", host.Client.PutAsJsonAsync("/api/v1/routing/queues/desk",
                    new { strategy = i % 2 == 0 ? AssignmentStrategy.LeastLoaded : AssignmentStrategy.RoundRobin }, TestJson.Options, Cancel)),
                Answer("correction", host.Client.PutAsJsonAsync($"/api/v1/routing/tickets/{corrected.TicketId}/category",
                    new { category = $"Category{i}", agent = $"corrector{i}" }, TestJson.Options, Cancel)),
            }).ToList();
            foreach (var (what, status) in await Task.WhenAll(writes))
            {
                answers.AddOrUpdate($"{what} {(int)status}", 1, (_, n) => n + 1);
            }

            // Whatever won, the state is one of the requests' and agrees with itself.
            var saved = await host.QueryAsync(db => db.Agents.AsNoTracking().SingleAsync(a => a.Id == agent));
            Assert.InRange(saved.Capacity, 1, Writers);
            var loads = await host.QueryAsync(db => db.Agents.AsNoTracking().ToDictionaryAsync(a => a.Id, a => a.OpenTickets));
            var held = await host.QueryAsync(db => db.RoutedTickets.AsNoTracking().Where(t => t.IsOpen && t.AgentId != null).GroupBy(t => t.AgentId!)
                .Select(g => new { Agent = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Agent, g => g.Count));
            foreach (var (id, load) in loads)
            {
                Assert.True(load == held.GetValueOrDefault(id), $"round {round}: agent {id} counts {load} open tickets but holds {held.GetValueOrDefault(id)}");
            }
            var ticket = await host.RoutedAsync(corrected.TicketId);
            var correction = await host.QueryAsync(db => db.CategoryCorrections.AsNoTracking().SingleAsync(c => c.TicketId == corrected.TicketId));
            Assert.Equal(ticket.Category, correction.Category);
            Assert.Equal(ticket.Category, (await host.EventsAsync<TicketRouted>(corrected.TicketId))[^1].Category);

            // Off shift: the next round's tickets wait again.
            (await host.Client.PutAsJsonAsync($"/api/v1/routing/agents/{agent}/availability", new { onShift = false }, TestJson.Options, Cancel)).EnsureSuccessStatusCode();
        }

        output.WriteLine($"stack {TestStack.Name}; answers: {string.Join(", ", answers.OrderBy(a => a.Key).Select(a => $"{a.Key} ×{a.Value}"))}");
        output.WriteLine(conflicts.Report());
        Assert.Equal(Rounds * Writers * 3, answers.Values.Sum());
        Assert.All(answers.Keys, key => Assert.True(key.EndsWith(" 200", StringComparison.Ordinal) || key.EndsWith(" 409", StringComparison.Ordinal), $"answered {key}"));
        if (TestStack.IsPostgresRabbitMq)
        {
            // Evidence that the requests did collide (otherwise the test proved nothing on this stack).
            Assert.True(conflicts.Total > 0, "no write conflict happened: the race was not provoked");
        }
    }

    /// <summary>The answer's status; a 409 must be a problem document saying what happened.</summary>
    private static async Task<(string What, HttpStatusCode Status)> Answer(string what, Task<HttpResponseMessage> request)
    {
        using var response = await request;
        if (response.StatusCode == HttpStatusCode.Conflict)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("Concurrent change", await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        }
        return (what, response.StatusCode);
    }
}
