using System.Net.Http.Json;
using System.Text.Json;
using HelpDesk.Contracts;
using HelpDesk.Notifications;
using HelpDesk.Notifications.Domain;
using HelpDesk.Notifications.Infrastructure;
using HelpDesk.Routing;
using HelpDesk.Routing.Infrastructure;
using HelpDesk.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Intake.Tests;

/// <summary>
/// Intake, routing and notifications composed on one in-memory bus (as in the embedded host): 1,000 agent hand-overs
/// keep routing's open-ticket counts exact, and every new assignee hears exactly once (e-mails counted on disk).
/// </summary>
public sealed class ReassignmentLoadTests(ITestOutputHelper output)
{
    private const int AgentCount = 7;
    private const int TicketCount = 70;
    private const int Reassignments = 1000;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_thousand_reassignments_keep_routing_loads_exact_and_each_new_assignee_gets_one_notification()
    {
        using var mail = new TempDirectory("helpdesk-itil-mail");
        await using var host = await ServiceTestHost.StartAsync(
            builder => { builder.AddIntake(); builder.AddRouting(); builder.AddNotifications(); },
            app => { app.MapIntake(); app.MapRouting(); app.MapNotifications(); },
            new Dictionary<string, string?>
            {
                ["Routing:DefaultQueue"] = "ops",
                ["Notifications:Email:PickupDirectory"] = mail.Path,
                ["Intake:MajorIncidents:Enabled"] = "false",
                // The shipped classifier would send laptops to its hardware queue, where none of these agents sit.
                ["Routing:Classifier:UseDefaultModel"] = "false",
            });
        var (faults, faultsHandle) = ConsumeFaultRecorder.ConnectTo(host.GetRequiredService<MassTransit.IBus>());
        using var _ = faultsHandle;
        using var conflicts = new WriteConflictCounter();
        string Diagnostics() => faults.Report() + Environment.NewLine + conflicts.Report();
        for (var i = 1; i <= AgentCount; i++)
        {
            var agent = new { name = $"Agent {i}", email = $"agent{i}@example.org", queues = new List<string> { "ops" }, capacity = 1000, onShift = true };
            (await host.Client.PutAsJsonAsync($"/api/v1/routing/agents/agent{i}", agent, Ct)).EnsureSuccessStatusCode();
        }
        var tickets = new List<TicketResponse>();
        for (var i = 0; i < TicketCount; i++)
        {
            tickets.Add(await host.SubmitAsync(IntakeUnderTest.NewTicket($"Laptop {i} will not boot", $"user{i % 10}@example.org")));
        }
        await Eventually.TrueAsync(() => host.InDbAsync(db => db.Tickets.AllAsync(t => t.AssigneeId != null)), what: "every ticket assigned by routing");

        // Phase 1: hand-overs to named agents (unbalancing); phase 2: back to the queue, where least-loaded picks.
        var random = new Random(17);
        var plan = Enumerable.Range(0, Reassignments).Select(i => (Ticket: tickets[i % TicketCount], Named: i < Reassignments / 2, Pick: random.Next(1, AgentCount))).ToList();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        foreach (var batch in plan.Chunk(4))
        {
            await Task.WhenAll(batch.Select(async step =>
            {
                object body = new { queue = "ops" };
                if (step.Named)
                {
                    // Another agent than the holder: the holder's number is skipped in the rotation.
                    var holder = int.Parse((await host.GetTicketAsync(step.Ticket.Id)).AssigneeId!["agent".Length..], System.Globalization.CultureInfo.InvariantCulture);
                    body = new { agentId = $"agent{(step.Pick >= holder ? step.Pick + 1 : step.Pick)}" };
                }
                var response = await host.SendAsync(HttpMethod.Put, $"/api/v1/tickets/{step.Ticket.Id}/assignment", body);
                Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Ct));
            }));
        }
        output.WriteLine($"{Reassignments} reassignments over HTTP in {clock.Elapsed.TotalSeconds:0.0} s");

        await QuiescentAsync(host, Diagnostics, output);
        var loads = await AssertLoadsExactAsync(host);
        output.WriteLine("loads: " + string.Join(", ", loads.OrderBy(a => a.Key).Select(a => $"{a.Key}={a.Value}")));
        Assert.True(loads.Values.Max() - loads.Values.Min() <= 1, $"after {Reassignments} reassignments max − min ≤ 1: {string.Join(", ", loads.Values)}");

        // One more named hand-over: that agent hears exactly once.
        var last = tickets[5];
        var target = (await host.GetTicketAsync(last.Id)).AssigneeId == "agent3" ? "agent4" : "agent3";
        (await host.SendAsync(HttpMethod.Put, $"/api/v1/tickets/{last.Id}/assignment", new { agentId = target })).EnsureSuccessStatusCode();
        await QuiescentAsync(host, Diagnostics, output);
        await AssertLoadsExactAsync(host);

        var finalAssignment = await host.InScopeAsync(s => s.GetRequiredService<RoutingDbContext>().OutboxMessages.AsNoTracking()
            .Where(m => m.TicketId == last.Id && m.MessageType.StartsWith("HelpDesk.Contracts.TicketAssigned,")).OrderByDescending(m => m.Sequence).FirstAsync());
        var deliveries = await host.InScopeAsync(s => s.GetRequiredService<NotificationsDbContext>().Deliveries.AsNoTracking().ToListAsync());
        var toTarget = Assert.Single(deliveries, d => d.EventMessageId == finalAssignment.MessageId);
        Assert.Equal(($"{target}@example.org", DeliveryStatus.Delivered), (toTarget.Recipient, toTarget.Status));
        var files = Directory.GetFiles(mail.Path, "*.eml", SearchOption.AllDirectories);
        Assert.Single(files, f => File.ReadAllText(f).Contains(toTarget.Id.ToString(), StringComparison.OrdinalIgnoreCase));

        var assigned = deliveries.Where(d => d.EventType == NotificationEventTypes.TicketAssigned).ToList();
        var routingAssignments = await AssertEachHandOverAnsweredAtMostOnceInOrderAsync(host);
        output.WriteLine($"{routingAssignments} TicketAssigned, {assigned.Count} ticket.assigned deliveries, {files.Length} e-mails on disk");
        output.WriteLine(await host.InScopeAsync(BusyReportAsync));
        output.WriteLine(Diagnostics());
        // Hand-overs of one queue take its lock before reading any row: without that, this burst lost the race for the
        // agents' counts 1,695 times on PostgreSQL (some hand-overs past all their retries, parked in _error); with it, 0.
        // Counted process-wide, so another test's hand-overs at the same time could add a few: hence a bound, not 0.
        Assert.True(conflicts.Count(nameof(HelpDesk.Routing.Consumers.FollowReassignment), "retried") < Reassignments / 20, conflicts.Report());
        Assert.Equal(0, faults.Total);
        Assert.Equal(routingAssignments, assigned.Count);
        Assert.All(assigned, d => Assert.Equal(DeliveryStatus.Delivered, d.Status));
    }

    /// <summary>
    /// Routing consumed every hand-over (none parked in an error queue) and answered each with at most one TicketAssigned,
    /// per ticket in increasing hand-over order, the last one answering Intake's latest hand-over. On RabbitMQ a hand-over
    /// can overtake the previous one of its ticket (a retry after a conflict puts a message behind later ones): routing
    /// then skips the older one (<c>ReassignmentSequence</c>) and answers only the newer, so there may be fewer answers than
    /// hand-overs. Returns how many TicketAssigned routing published.
    /// </summary>
    private async Task<int> AssertEachHandOverAnsweredAtMostOnceInOrderAsync(ServiceTestHost host)
    {
        var handOvers = await host.InDbAsync(db => db.OutboxMessages.CountAsync(m => m.MessageType.StartsWith("HelpDesk.Contracts.TicketReassigned,")));
        var followed = await host.InScopeAsync(s => s.GetRequiredService<RoutingDbContext>().InboxMessages.CountAsync(m => m.Consumer == nameof(HelpDesk.Routing.Consumers.FollowReassignment)));
        Assert.Equal((Reassignments + 1, Reassignments + 1), (handOvers, followed));
        var answers = (await host.InScopeAsync(s => s.GetRequiredService<RoutingDbContext>().OutboxMessages.AsNoTracking()
                .Where(m => m.MessageType.StartsWith("HelpDesk.Contracts.TicketAssigned,")).OrderBy(m => m.Sequence).Select(m => m.Body).ToListAsync()))
            .Select(body => JsonSerializer.Deserialize<TicketAssigned>(body, JsonSerializerOptions.Web)!).ToList();
        var latest = await host.InDbAsync(db => db.Tickets.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.AssignmentSequence));
        foreach (var ticket in answers.GroupBy(a => a.TicketId))
        {
            var sequences = ticket.Select(a => a.AssignmentSequence ?? 0).ToList();
            Assert.True(sequences.Zip(sequences.Skip(1)).All(p => p.First < p.Second), $"{ticket.First().TicketNumber}: answers {string.Join(",", sequences)} not strictly increasing");
            Assert.Equal(latest[ticket.Key], sequences[^1]);
        }
        Assert.Equal(TicketCount, answers.Count(a => (a.AssignmentSequence ?? 0) == 0));
        output.WriteLine($"{handOvers} hand-overs, {answers.Count - TicketCount} answered, {handOvers + TicketCount - answers.Count} overtaken by the ticket's next one");
        return answers.Count;
    }

    /// <summary>
    /// Hand-overs routing has not consumed yet. One that lost a write race several times waits in the bus's back-off
    /// (up to seconds under load) while a newer hand-over of its ticket already settled the assignee, so agreeing
    /// assignees alone do not say routing is done (under load the count was checked with 21 of 1,001 still retrying).
    /// </summary>
    private static async Task<bool> HandOversPendingAsync(IServiceProvider services) =>
        await services.GetRequiredService<RoutingDbContext>().InboxMessages.CountAsync(m => m.Consumer == nameof(HelpDesk.Routing.Consumers.FollowReassignment))
        < await services.GetRequiredService<IntakeDbContext>().OutboxMessages.CountAsync(m => m.MessageType.StartsWith("HelpDesk.Contracts.TicketReassigned,"));

    private static async Task<bool> AssigneesAgreeAsync(IServiceProvider services)
    {
        var routed = await services.GetRequiredService<RoutingDbContext>().RoutedTickets.AsNoTracking().ToDictionaryAsync(t => t.TicketId, t => t.AgentId);
        var tickets = await services.GetRequiredService<IntakeDbContext>().Tickets.AsNoTracking().Select(t => new { t.Id, t.AssigneeId }).ToListAsync();
        return tickets.All(t => t.AssigneeId is not null && routed.TryGetValue(t.Id, out var agent) && agent == t.AssigneeId);
    }

    /// <summary>Routing's open-ticket count of every agent equals the tickets Intake shows them holding; both agree per ticket.</summary>
    private static async Task<Dictionary<string, int>> AssertLoadsExactAsync(ServiceTestHost host)
    {
        var intakeHolders = await host.InDbAsync(db => db.Tickets.GroupBy(t => t.AssigneeId!).Select(g => new { Agent = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Agent, g => g.Count));
        var ours = Enumerable.Range(1, AgentCount).Select(i => $"agent{i}").ToHashSet();
        var routing = (await host.InScopeAsync(s => s.GetRequiredService<RoutingDbContext>().Agents.AsNoTracking().ToListAsync()))
            .Where(a => ours.Contains(a.Id)).ToDictionary(a => a.Id, a => a.OpenTickets);
        var routed = await host.InScopeAsync(s => s.GetRequiredService<RoutingDbContext>().RoutedTickets.AsNoTracking().ToDictionaryAsync(t => t.TicketId, t => t.AgentId));
        foreach (var (agent, open) in routing)
        {
            Assert.Equal(intakeHolders.GetValueOrDefault(agent), open);
        }
        Assert.Equal(TicketCount, routing.Values.Sum());
        foreach (var ticket in await host.InDbAsync(db => db.Tickets.AsNoTracking().ToListAsync()))
        {
            Assert.Equal(ticket.AssigneeId, routed[ticket.Id]);
        }
        return routing;
    }

    /// <summary>
    /// Every outbox dispatched, every delivery settled, and every ticket's assignee in Intake the one routing holds
    /// (on RabbitMQ a dispatched TicketAssigned may still sit in Intake's queue), three times in a row. On timeout the
    /// message says what was still busy, ticket by ticket: slowness (routing behind on hand-overs) and an ordering gap
    /// (routing at the same hand-over with another agent) look different there.
    /// </summary>
    private static async Task QuiescentAsync(ServiceTestHost host, Func<string> diagnostics, ITestOutputHelper output)
    {
        var quietRounds = 0;
        try
        {
            await Eventually.TrueAsync(async () =>
            {
                var busy = await host.InScopeAsync(async s =>
                    await s.GetRequiredService<IntakeDbContext>().OutboxMessages.AnyAsync(m => m.DispatchedAt == null)
                    || await s.GetRequiredService<RoutingDbContext>().OutboxMessages.AnyAsync(m => m.DispatchedAt == null)
                    || await HandOversPendingAsync(s)
                    || await s.GetRequiredService<NotificationsDbContext>().Deliveries.AnyAsync(d => d.Status == DeliveryStatus.Pending)
                    || !await AssigneesAgreeAsync(s));
                quietRounds = busy ? 0 : quietRounds + 1;
                return quietRounds >= 3;
            }, TimeSpan.FromMinutes(5), "everything dispatched and delivered");
        }
        catch (TimeoutException ex)
        {
            var report = await host.InScopeAsync(BusyReportAsync) + diagnostics();
            output.WriteLine(report);
            throw new TimeoutException($"{ex.Message}\n{report}", ex);
        }
    }

    /// <summary>What keeps the platform from being quiet: outboxes, deliveries, hand-overs consumed, and each ticket the two sides disagree on.</summary>
    private static async Task<string> BusyReportAsync(IServiceProvider services)
    {
        var intake = services.GetRequiredService<IntakeDbContext>();
        var routing = services.GetRequiredService<RoutingDbContext>();
        var notifications = services.GetRequiredService<NotificationsDbContext>();
        var report = new System.Text.StringBuilder();
        report.AppendLine($"undispatched outbox rows: intake {await intake.OutboxMessages.CountAsync(m => m.DispatchedAt == null)}, routing {await routing.OutboxMessages.CountAsync(m => m.DispatchedAt == null)}; " +
            $"pending deliveries {await notifications.Deliveries.CountAsync(d => d.Status == DeliveryStatus.Pending)}");
        report.AppendLine($"TicketReassigned published by intake {await intake.OutboxMessages.CountAsync(m => m.MessageType.StartsWith("HelpDesk.Contracts.TicketReassigned,"))}, " +
            $"consumed by routing {await routing.InboxMessages.CountAsync(m => m.Consumer == nameof(HelpDesk.Routing.Consumers.FollowReassignment))}; " +
            $"TicketAssigned published by routing {await routing.OutboxMessages.CountAsync(m => m.MessageType.StartsWith("HelpDesk.Contracts.TicketAssigned,"))}");
        var routed = await routing.RoutedTickets.AsNoTracking().ToDictionaryAsync(t => t.TicketId);
        var disagreeing = (await intake.Tickets.AsNoTracking().ToListAsync())
            .Where(t => !routed.TryGetValue(t.Id, out var r) || r.AgentId != t.AssigneeId).ToList();
        report.AppendLine($"{disagreeing.Count} ticket(s) where intake's assignee is not routing's agent:");
        foreach (var ticket in disagreeing)
        {
            var r = routed.GetValueOrDefault(ticket.Id);
            report.AppendLine($"  {ticket.Number}: intake {ticket.AssigneeId ?? "-"} (AssignmentSequence {ticket.AssignmentSequence}, {ticket.Status}) | " +
                (r is null ? "routing: no record" : $"routing {r.AgentId ?? "-"} (ReassignmentSequence {r.ReassignmentSequence}, {r.State}, open {r.IsOpen})"));
        }
        return report.ToString();
    }
}
