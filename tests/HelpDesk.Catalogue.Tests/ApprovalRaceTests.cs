using System.Net;
using System.Net.Http.Json;
using HelpDesk.Contracts;
using HelpDesk.Testing;
using HelpDesk.Testing.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Catalogue.Tests;

/// <summary>Approve and reject racing on one stage on PostgreSQL: one winner per stage, counted, never two decisions.</summary>
public sealed class ApprovalRaceTests(PostgresFixture postgres, RabbitMqFixture rabbit)
{
    private const int Requests = 20;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static object Item(string mode) => new
    {
        name = Items.Text("Access", "Accès", "Accesso"),
        description = Items.Text("d", "d", "d"),
        form = new { fields = Array.Empty<object>() },
        approval = new { preApproved = false, stages = new[] { new { name = "owners", mode, approvers = new[] { new { kind = "Person", id = "alice@example.org" }, new { kind = "Person", id = "bob@example.org" } } } } },
        fulfilment = new { tasks = Array.Empty<object>() },
        fulfilmentQueue = "identity",
        kbArticles = Array.Empty<string>(),
        owner = "o",
        keywords = Array.Empty<string>(),
    };

    private async Task<(CatalogueHost Host, List<Guid> Tickets)> StartWithPendingAsync(string mode)
    {
        var host = await CatalogueHost.StartAsync(Stack.PostgresRabbitMq, postgres, rabbit);
        await host.PublishItemAsync("access", Item(mode));
        await host.WaitForFormAsync("access", 1);
        var tickets = new List<Guid>();
        for (var i = 0; i < Requests; i++)
        {
            tickets.Add((await host.SubmitOkAsync("access", null, $"user{i}@example.org")).GetProperty("id").GetGuid());
        }
        await Eventually.TrueAsync(async () => (await host.RoutingEventsAsync<TicketApprovalRequested>()).Count == Requests * 2, what: "every approval asked");
        return (host, tickets);
    }

    private static Task<HttpResponseMessage> DecideAsync(CatalogueHost host, Guid ticket, string decision, string approver) =>
        host.DecideAsync(ticket, decision, approver);

    [Fact]
    public async Task Any_of_stage_approve_and_reject_racing_have_exactly_one_winner()
    {
        var (host, tickets) = await StartWithPendingAsync("AnyOf");
        await using var _ = host;
        var results = await Task.WhenAll(tickets.Select(async id =>
        {
            var answers = await Task.WhenAll(DecideAsync(host, id, "approve", "alice@example.org"), DecideAsync(host, id, "reject", "bob@example.org"));
            return (id, answers.Select(a => a.StatusCode).ToList());
        }));

        foreach (var (id, statuses) in results)
        {
            Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], statuses.Order());
            var decided = Assert.Single(await host.RoutingEventsAsync<TicketApprovalDecided>(id));
            var votes = await host.RoutingAsync(db => db.ApprovalVotes.AsNoTracking().Where(v => v.Decision != null)
                .Join(db.ApprovalStages, v => v.StageId, s => s.Id, (v, s) => new { v, s.RequestId })
                .Join(db.ApprovalRequests.Where(r => r.TicketId == id), x => x.RequestId, r => r.Id, (x, r) => x.v).ToListAsync(Cancel));
            var winner = Assert.Single(votes);
            Assert.Equal(decided.Approved, winner.Decision == HelpDesk.Routing.Domain.ApprovalVoteDecision.Approved);
        }
        Assert.Equal(Requests, (await host.RoutingEventsAsync<TicketApprovalDecided>()).Count);
    }

    [Fact]
    public async Task All_of_stage_concurrent_approvals_both_count_and_decide_once()
    {
        var (host, tickets) = await StartWithPendingAsync("AllOf");
        await using var _ = host;
        var results = await Task.WhenAll(tickets.Select(id =>
            Task.WhenAll(DecideAsync(host, id, "approve", "alice@example.org"), DecideAsync(host, id, "approve", "bob@example.org"))));

        Assert.All(results.SelectMany(r => r), r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        foreach (var id in tickets)
        {
            Assert.True(Assert.Single(await host.RoutingEventsAsync<TicketApprovalDecided>(id)).Approved);
        }
        Assert.Equal(Requests, (await host.RoutingEventsAsync<TicketApprovalDecided>()).Count);
    }
}
