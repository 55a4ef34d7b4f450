using System.Net;
using System.Net.Http.Json;
using HelpDesk.Contracts;
using HelpDesk.Messaging.Persistence;
using HelpDesk.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Intake.Tests;

/// <summary>Bulk operations with an Idempotency-Key (item 1) and alert-storm detection (item 6).</summary>
public sealed class BulkAndStormTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Bulk_reports_a_result_per_ticket_applies_each_whole_or_not_at_all_and_replays_on_retry()
    {
        await using var host = await ServiceTestHost.StartAsync(IntakeUnderTest.Service);
        var open = new List<TicketResponse>();
        for (var i = 0; i < 4; i++)
        {
            open.Add(await host.SubmitAsync(IntakeUnderTest.NewTicket($"Printer {i} jams")));
        }
        var closed = await host.SubmitAsync(IntakeUnderTest.NewTicket("Old one"));
        await host.TransitionAsync(closed.Id, TicketStatus.Resolved);
        await host.TransitionAsync(closed.Id, TicketStatus.Closed);
        var before = await host.OutboxFor(closed.Id);

        object Body(string priority) => new
        {
            tickets = open.Select(t => t.Number).Append(closed.Number).Append("HD-999999"),
            actions = new[] { new { field = "priority", value = priority }, new { field = "note", value = "Bulk triage by {{agent.name}}" } },
        };
        var result = await (await host.SendAsync(HttpMethod.Post, "/api/v1/tickets/bulk", Body("High"), idempotencyKey: "triage-1")).OkAsync<BulkResponse>();
        Assert.Equal((4, 1, 1), (result.Applied, result.Failed, result.NotFound));
        Assert.Equal(["applied", "applied", "applied", "applied", "failed", "notFound"], result.Results.Select(r => r.Outcome));
        Assert.Equal(before.Count, (await host.OutboxFor(closed.Id)).Count);
        foreach (var ticket in open)
        {
            Assert.Equal(TicketPriority.High, (await host.GetTicketAsync(ticket.Id)).Priority);
            Assert.Single(await host.OutboxFor(ticket.Id), e => e.Type == "TicketUpdated");
        }

        var replay = await (await host.SendAsync(HttpMethod.Post, "/api/v1/tickets/bulk", Body("High"), idempotencyKey: "triage-1")).OkAsync<BulkResponse>();
        Assert.All(replay.Results.Where(r => r.Outcome != "notFound"), r => Assert.True(r.Replayed));
        foreach (var ticket in open)
        {
            Assert.Single(await host.OutboxFor(ticket.Id), e => e.Type == "TicketUpdated");
        }
        var reused = await host.SendAsync(HttpMethod.Post, "/api/v1/tickets/bulk", Body("Low"), idempotencyKey: "triage-1");
        Assert.Equal("Idempotency-Key", (await reused.ProblemOf(HttpStatusCode.UnprocessableEntity)).Field());
    }

    [Fact]
    public async Task Bulk_input_is_checked_before_anything_is_applied()
    {
        await using var host = await ServiceTestHost.StartAsync(IntakeUnderTest.Service);
        var ticket = await host.SubmitAsync(IntakeUnderTest.NewTicket());
        var tooMany = new { tickets = Enumerable.Range(1, 501).Select(i => $"HD-{i:D6}"), actions = new[] { new { field = "priority", value = "Low" } } };
        Assert.Equal("tickets", (await (await host.SendAsync(HttpMethod.Post, "/api/v1/tickets/bulk", tooMany, idempotencyKey: "k1")).ProblemOf(HttpStatusCode.BadRequest)).Field());
        var noKey = new { tickets = new[] { ticket.Number }, actions = new[] { new { field = "priority", value = "Low" } } };
        Assert.Equal("Idempotency-Key", (await (await host.SendAsync(HttpMethod.Post, "/api/v1/tickets/bulk", noKey)).ProblemOf(HttpStatusCode.BadRequest)).Field());
        var badAction = new { tickets = new[] { ticket.Number }, actions = new[] { new { field = "priority", value = "Low" }, new { field = "flavour", value = "x" } } };
        Assert.Equal("actions[1].field", (await (await host.SendAsync(HttpMethod.Post, "/api/v1/tickets/bulk", badAction, idempotencyKey: "k2")).ProblemOf(HttpStatusCode.BadRequest)).Field());
        Assert.Equal(TicketPriority.Medium, (await host.GetTicketAsync(ticket.Id)).Priority);
        Assert.Single(await host.OutboxFor(ticket.Id));
    }

    [Fact]
    public async Task An_alert_storm_raises_one_candidate_links_every_alert_and_one_update_reaches_each_requester_once()
    {
        await using var host = await ServiceTestHost.StartAsync(IntakeUnderTest.Service, new Dictionary<string, string?>
        {
            ["Intake:MajorIncidents:Threshold"] = "5",
            ["Intake:MajorIncidents:Window"] = "00:05:00",
        });
        var bus = host.Services.GetRequiredService<IBus>();
        var (faults, faultsHandle) = ConsumeFaultRecorder.ConnectTo(bus);
        using var _ = faultsHandle;
        using var conflicts = new WriteConflictCounter();
        var alerts = new List<TicketResponse>();
        for (var i = 0; i < 12; i++)
        {
            var host_ = $"web-{i % 4:D2}";
            var alert = await host.SubmitAsync(new
            {
                subject = $"Disk full on {host_}", description = $"Filesystem /var on {host_} is {90 + i}% full.",
                requester = new { email = i % 2 == 0 ? "monitoring@example.org" : "nagios@example.org" }, channel = "Monitoring",
            });
            alerts.Add(alert);
            await bus.Publish(new TicketRouted(alert.Id, alert.Number, "infrastructure", "Storage", "rule:disk", DateTimeOffset.UtcNow), Ct);
        }
        var unrelated = await host.SubmitAsync(IntakeUnderTest.NewTicket("Keyboard missing keys"));
        await bus.Publish(new TicketRouted(unrelated.Id, unrelated.Number, "infrastructure", "Storage", "rule:disk", DateTimeOffset.UtcNow), Ct);

        MajorIncidentResponse[] seen = [];
        MajorIncidentResponse group;
        try
        {
            group = await Eventually.GetAsync(async () =>
            {
                seen = await host.Client.GetFromJsonAsync<MajorIncidentResponse[]>("/api/v1/major-incidents", TestJson.Options, Ct) ?? [];
                return seen is [{ LinkedCount: 12 } only] ? only : null;
            }, what: "one candidate with 12 linked alerts");
        }
        catch (TimeoutException timeout)
        {
            // Slow, split in two groups, or parked: say which.
            var groups = string.Join("; ", seen.Select(g => $"{g.State} {g.LinkedCount} linked"));
            throw new TimeoutException($"{timeout.Message} Last seen: [{groups}]. {faults.Report()} {conflicts.Report()}", timeout);
        }
        Assert.Equal(MajorIncidentState.Candidate, group.State);
        await Eventually.TrueAsync(async () => (await host.GetTicketAsync(unrelated.Id)).Queue == "infrastructure", what: "the unrelated ticket routed");
        Assert.Null(await host.InDbAsync(db => db.Tickets.Where(t => t.Id == unrelated.Id).Select(t => t.MajorIncidentId).SingleAsync()));
        var raised = await host.InDbAsync(db => db.OutboxMessages.CountAsync(m => m.MessageType.StartsWith("HelpDesk.Contracts.MajorIncidentCandidateRaised,")));
        Assert.Equal(1, raised);

        Assert.Equal(HttpStatusCode.Conflict, (await host.SendAsync(HttpMethod.Post, $"/api/v1/major-incidents/{group.Id}/updates", new { body = "We are on it." })).StatusCode);
        await (await host.SendAsync(HttpMethod.Post, $"/api/v1/major-incidents/{group.Id}/confirm")).OkAsync<MajorIncidentResponse>();
        Assert.Equal(HttpStatusCode.Conflict, (await host.SendAsync(HttpMethod.Post, $"/api/v1/major-incidents/{group.Id}/confirm")).StatusCode);
        var update = await (await host.SendAsync(HttpMethod.Post, $"/api/v1/major-incidents/{group.Id}/updates", new { body = "Storage array degraded; ETA 30 min." })).OkAsync<MajorIncidentUpdateResponse>();
        Assert.Equal((12, 2), (update.TicketsUpdated, update.RequestersNotified));
        var comments = new List<bool>();
        foreach (var alert in alerts)
        {
            comments.AddRange((await host.OutboxFor(alert.Id)).Where(e => e.Type == "TicketCommented").Select(e => e.Body.GetProperty("quiet").GetBoolean()));
        }
        Assert.Equal(12, comments.Count);
        Assert.Equal(2, comments.Count(quiet => !quiet));
    }

    [Fact]
    public async Task Storm_detection_reads_the_texts_of_tickets_its_process_has_not_fingerprinted()
    {
        // Another replica's tickets, or tickets from before a restart: only their ids are known to this process.
        await using var host = await ServiceTestHost.StartAsync(IntakeUnderTest.Service);
        var disk = await host.SubmitAsync(IntakeUnderTest.NewTicket("Disk full on web-17"));
        var keyboard = await host.SubmitAsync(IntakeUnderTest.NewTicket("Keyboard missing keys"));
        var fresh = new RecentTicketFingerprints();
        var read = await host.InDbAsync(db => fresh.OfAsync(db, [disk.Id, keyboard.Id, Guid.NewGuid()], Ct));
        Assert.Equal(new[] { disk.Id, keyboard.Id }.Order(), read.Keys.Order());
        Assert.Equal(TextSimilarity.Fingerprint(disk.Subject, disk.Description), read[disk.Id]);
        Assert.Equal(TextSimilarity.Fingerprint(keyboard.Subject, keyboard.Description), read[keyboard.Id]);
        // Kept from then on: asked again, it does not touch the database (there is none to touch here).
        var again = await fresh.OfAsync(null!, [disk.Id, keyboard.Id], Ct);
        Assert.Equal(read[disk.Id], again[disk.Id]);
    }

    [Fact]
    public async Task Storm_detection_reads_recent_tickets_from_its_covering_index_newest_first_without_a_sort()
    {
        // Every routed incident runs this read inside intake's write transaction: reading every ticket row of the
        // window and sorting it held SQLite's writer ~10 ms per ticket at 50 tickets/s (docs/reliability.md).
        using var data = new TempDirectory("helpdesk-storm-plan-test");
        var last = new LastReaderCommand();
        var options = new DbContextOptionsBuilder<IntakeDbContext>();
        ServiceDatabase.Configure(options, DatabaseProvider.Sqlite, ServiceDatabase.SqliteConnectionString(Path.Combine(data.Path, "intake.db")));
        await using var db = new IntakeDbContext(options.AddInterceptors(last).Options);
        await db.Database.MigrateAsync(Ct);

        await StormQueries.RecentUnlinkedAsync(db, "hardware", "Hardware", DateTimeOffset.UtcNow.AddMinutes(-10), Guid.NewGuid(), 2000, Ct);

        var plan = await PlanAsync(db, last);
        Assert.Contains("USING COVERING INDEX IX_tickets_Queue_Category_CreatedAt_Type_MajorIncidentId_Id", plan);
        Assert.DoesNotContain("TEMP B-TREE", plan);
    }

    /// <summary>SQLite's EXPLAIN QUERY PLAN of the captured query, with its parameters, one detail per line.</summary>
    private static async Task<string> PlanAsync(IntakeDbContext db, LastReaderCommand last)
    {
        await db.Database.OpenConnectionAsync(Ct);
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + (last.Text ?? throw new InvalidOperationException("No query ran."));
        foreach (var (name, value) in last.Parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct))
        {
            lines.Add(reader.GetString(3));
        }
        return string.Join("\n", lines);
    }
}
