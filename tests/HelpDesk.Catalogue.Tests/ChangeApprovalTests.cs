using System.Net;
using System.Net.Http.Json;
using HelpDesk.Contracts;
using HelpDesk.Testing;
using HelpDesk.Testing.Infrastructure;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace HelpDesk.Catalogue.Tests;

/// <summary>Change approval (issue 17.5) through the same engine: stages by risk with a CAB for high risk, timeouts that escalate, durable across restarts.</summary>
public sealed class ChangeApprovalTests(PostgresFixture postgres, RabbitMqFixture rabbit)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static readonly Dictionary<string, string?> Directory = new()
    {
        ["Routing:Approvals:Groups:change-managers:0"] = "cm@example.org",
        ["Routing:Approvals:Groups:cab:0"] = "cab1@example.org",
        ["Routing:Approvals:Groups:cab:1"] = "cab2@example.org",
        ["Routing:Approvals:Groups:change-leads:0"] = "lead@example.org",
    };

    private static ChangeApprovalRequested Change(ChangeRisk risk, DateTimeOffset now) =>
        new(Guid.NewGuid(), $"HD-{Random.Shared.Next(100000, 999999)}", risk, now.AddDays(3), now.AddDays(3).AddHours(2), "Upgrade the core switch", "noc@example.org", now);

    private static Task<HttpResponseMessage> DecideAsync(CatalogueHost host, Guid ticket, string approver, string decision = "approve") =>
        host.DecideAsync(ticket, decision, approver);

    [Theory]
    [MemberData(nameof(Stacks.Each), MemberType = typeof(Stacks))]
    public async Task A_high_risk_change_needs_the_change_manager_then_every_cab_member(Stack stack)
    {
        await using var host = await CatalogueHost.StartAsync(stack, postgres, rabbit, Directory);
        var change = Change(ChangeRisk.High, DateTimeOffset.UtcNow);
        await host.Host.GetRequiredService<IBus>().Publish(change, Cancel);
        var asked = await Eventually.GetAsync(async () => (await host.RoutingEventsAsync<TicketApprovalRequested>(change.TicketId)).SingleOrDefault(), what: "change manager asked");
        Assert.Equal(("cm@example.org", "change-manager", "change"), (asked.ApproverEmail, asked.StageName, asked.CatalogItem));

        Assert.Equal(HttpStatusCode.Forbidden, (await DecideAsync(host, change.TicketId, "cab1@example.org")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await DecideAsync(host, change.TicketId, "cm@example.org")).StatusCode);
        var cab = (await host.RoutingEventsAsync<TicketApprovalRequested>(change.TicketId)).Where(e => e.StageName == "cab").Select(e => e.ApproverEmail).Order().ToList();
        Assert.Equal(["cab1@example.org", "cab2@example.org"], cab);

        Assert.Equal(HttpStatusCode.OK, (await DecideAsync(host, change.TicketId, "cab1@example.org")).StatusCode);
        Assert.Empty(await host.RoutingEventsAsync<TicketApprovalDecided>(change.TicketId));
        Assert.Equal(HttpStatusCode.Conflict, (await DecideAsync(host, change.TicketId, "cab1@example.org")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await DecideAsync(host, change.TicketId, "cab2@example.org")).StatusCode);
        var decided = Assert.Single(await host.RoutingEventsAsync<TicketApprovalDecided>(change.TicketId));
        Assert.Equal((true, true, "cab2@example.org"), (decided.Approved, decided.IsChange, decided.DecidedBy));

        var low = Change(ChangeRisk.Low, DateTimeOffset.UtcNow);
        await host.Host.GetRequiredService<IBus>().Publish(low, Cancel);
        await Eventually.TrueAsync(async () => (await host.RoutingEventsAsync<TicketApprovalRequested>(low.TicketId)).Count == 1, what: "low-risk change asked");
        Assert.Equal(HttpStatusCode.OK, (await DecideAsync(host, low.TicketId, "cm@example.org", "reject")).StatusCode);
        Assert.False(Assert.Single(await host.RoutingEventsAsync<TicketApprovalDecided>(low.TicketId)).Approved);
    }

    [Fact]
    public async Task An_unanswered_change_is_reminded_and_escalated_once_after_a_restart()
    {
        using var data = new TempDirectory("helpdesk-change-restart");
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var settings = new Dictionary<string, string?>(Directory) { ["Routing:Approvals:ScanInterval"] = "00:01:00" };
        var change = Change(ChangeRisk.Medium, clock.GetUtcNow());
        await using (var first = await CatalogueHost.StartAsync(Stack.SqliteInMemory, postgres, rabbit, settings, clock, data.Path))
        {
            await first.Host.GetRequiredService<IBus>().Publish(change, Cancel);
            await Eventually.TrueAsync(async () => (await first.RoutingEventsAsync<TicketApprovalRequested>(change.TicketId)).Count == 1, what: "change manager asked");
        }

        // The desk was down for a day: past both the reminder (8 h) and the timeout (1 day) of the stage.
        clock.Advance(TimeSpan.FromHours(25));
        await using var second = await CatalogueHost.StartAsync(Stack.SqliteInMemory, postgres, rabbit, settings, clock, data.Path);
        for (var i = 0; i < 5; i++)
        {
            clock.Advance(TimeSpan.FromMinutes(1));
            await Task.Delay(100, Cancel);
        }
        var overdue = await Eventually.GetAsync(async () => (await second.RoutingEventsAsync<ApprovalStageOverdue>(change.TicketId)) is { Count: 2 } both ? both : null, what: "reminded and escalated");
        Assert.Equal(["reminded", "escalated"], overdue.Select(o => o.Action));
        var asked = await second.RoutingEventsAsync<TicketApprovalRequested>(change.TicketId);
        Assert.Equal([(false, false, "cm@example.org"), (true, false, "cm@example.org"), (false, true, "lead@example.org")],
            asked.Select(a => (a.IsReminder, a.IsEscalation, a.ApproverEmail)));

        // The escalation's approver decides alone.
        Assert.Equal(HttpStatusCode.OK, (await DecideAsync(second, change.TicketId, "lead@example.org")).StatusCode);
        Assert.True(Assert.Single(await second.RoutingEventsAsync<TicketApprovalDecided>(change.TicketId)).Approved);
        for (var i = 0; i < 3; i++)
        {
            clock.Advance(TimeSpan.FromDays(2));
            await Task.Delay(100, Cancel);
        }
        // Days later nothing fires again (counted on the stage and its seats: the outbox forgets published rows after 3 days).
        var stage = await second.RoutingAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.Include(db.ApprovalStages, s => s.Votes)));
        Assert.Equal((HelpDesk.Routing.Domain.ApprovalStageStatus.Approved, (DateTimeOffset?)null, 2, 1),
            (stage.Status, stage.NextDueAt, stage.Votes.Count, stage.Votes.Count(v => v.IsEscalation)));
    }
    [Fact]
    public async Task A_change_asking_again_gets_a_fresh_round_and_a_cancelled_change_is_withdrawn()
    {
        await using var host = await CatalogueHost.StartAsync(Stack.SqliteInMemory, postgres, rabbit, Directory);
        var bus = host.Host.GetRequiredService<IBus>();
        var change = Change(ChangeRisk.Low, DateTimeOffset.UtcNow);
        await bus.Publish(change, Cancel);
        var first = await Eventually.GetAsync(async () => (await host.RoutingEventsAsync<TicketApprovalRequested>(change.TicketId)).SingleOrDefault(), what: "first round asked");

        // Back to assessment and submitted again (a new event for the same change): the first round is withdrawn.
        await bus.Publish(change with { RequestedAt = DateTimeOffset.UtcNow }, Cancel);
        await Eventually.TrueAsync(async () => (await host.RoutingEventsAsync<TicketApprovalRequested>(change.TicketId)).Count == 2, what: "second round asked");
        var rounds = await host.RoutingAsync(db => db.ApprovalRequests.AsNoTracking().Where(r => r.TicketId == change.TicketId).ToListAsync());
        Assert.Equal([HelpDesk.Routing.Domain.ApprovalStatus.Pending, HelpDesk.Routing.Domain.ApprovalStatus.Withdrawn], rounds.Select(r => r.Status).Order());
        Assert.Equal(HttpStatusCode.Gone, (await host.Client.PostAsync(new Uri(first.ApproveUrl!).AbsolutePath, null, Cancel)).StatusCode);

        // Cancelled before anyone decided: the second round is withdrawn too and nobody can approve it.
        await bus.Publish(new TicketClosed(change.TicketId, change.TicketNumber, DateTimeOffset.UtcNow), Cancel);
        await Eventually.TrueAsync(() => host.RoutingAsync(db => db.ApprovalRequests.AllAsync(r => r.TicketId != change.TicketId || r.Status == HelpDesk.Routing.Domain.ApprovalStatus.Withdrawn)),
            what: "every round withdrawn");
        Assert.Equal(HttpStatusCode.Conflict, (await DecideAsync(host, change.TicketId, "cm@example.org")).StatusCode);
        Assert.Empty(await host.RoutingEventsAsync<TicketApprovalDecided>(change.TicketId));
    }
}
