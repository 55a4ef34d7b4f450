using System.Net;
using System.Net.Http.Json;
using HelpDesk.Contracts;
using HelpDesk.Routing.Domain;
using HelpDesk.Testing;
using HelpDesk.Testing.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace HelpDesk.Catalogue.Tests;

/// <summary>A request closed before its approval or fulfilment finished stops them: nobody is reminded, links die, tasks are cancelled.</summary>
public sealed class WithdrawalTests(PostgresFixture postgres, RabbitMqFixture rabbit)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Stacks.Each), MemberType = typeof(Stacks))]
    public async Task Closing_a_request_withdraws_its_approval_and_cancels_its_tasks(Stack stack)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await CatalogueHost.StartAsync(stack, postgres, rabbit, new Dictionary<string, string?>
        {
            ["Routing:Approvals:Managers:ada@example.org"] = "grace@example.org",
            ["Routing:Approvals:ScanInterval"] = "00:01:00",
        }, clock);
        await host.PublishItemAsync("software", Items.Software(remindAfter: TimeSpan.FromHours(1), timeout: TimeSpan.FromHours(8)));
        await host.WaitForFormAsync("software", 1);
        var closed = await SubmitAndWaitForApproverAsync(host);
        var control = await SubmitAndWaitForApproverAsync(host);

        // The desk closes the first request while the manager has not answered yet.
        await CloseAsync(host, closed.TicketId);
        var withdrawn = await Eventually.GetAsync(() => host.RoutingAsync(db => db.ApprovalRequests.AsNoTracking()
            .FirstOrDefaultAsync(r => r.TicketId == closed.TicketId && r.Status == ApprovalStatus.Withdrawn)), what: "approval withdrawn");
        Assert.Equal("withdrawn", withdrawn.DecidedBy);

        // Two hours pass: the open request is reminded (the scanner ran past the due time), the closed one is not.
        for (var minute = 0; minute < 120; minute += 5)
        {
            clock.Advance(TimeSpan.FromMinutes(5));
            await Task.Delay(20, Cancel);
        }
        await Eventually.TrueAsync(async () => (await host.RoutingEventsAsync<TicketApprovalRequested>(control.TicketId)).Count(e => e.IsReminder) == 1, what: "control reminded");
        Assert.Single(await host.RoutingEventsAsync<TicketApprovalRequested>(closed.TicketId));
        Assert.Empty(await host.RoutingEventsAsync<ApprovalStageOverdue>(closed.TicketId));

        // Its links and the API refuse a decision; nothing was decided or fulfilled.
        Assert.Equal(HttpStatusCode.Gone, (await host.Client.PostAsync(new Uri(closed.ApproveUrl!).AbsolutePath, null, Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await DecideAsync(host, closed.TicketId)).StatusCode);
        Assert.Empty(await host.RoutingEventsAsync<TicketApprovalDecided>(closed.TicketId));
        Assert.Empty(await host.RoutingAsync(db => db.FulfilmentTasks.Where(t => t.TicketId == closed.TicketId).ToListAsync()));

        // The control is approved, its two tasks open; closing it cancels both, and neither can be completed afterwards.
        Assert.Equal(HttpStatusCode.OK, (await DecideAsync(host, control.TicketId)).StatusCode);
        var open = await Eventually.GetAsync(async () => await host.RoutingAsync(db => db.FulfilmentTasks.AsNoTracking()
            .Where(t => t.TicketId == control.TicketId && t.Status == FulfilmentTaskStatus.Open).ToListAsync()) is { Count: 2 } t ? t : null, what: "two open tasks");
        await CloseAsync(host, control.TicketId);
        await Eventually.TrueAsync(async () => await host.RoutingAsync(db => db.FulfilmentTasks.AsNoTracking()
            .CountAsync(t => t.TicketId == control.TicketId && t.Status == FulfilmentTaskStatus.Cancelled)) == 2, what: "tasks cancelled");
        var complete = await host.Client.PostAsJsonAsync($"/api/v1/routing/tasks/{open[0].Id}/complete", new { note = "Installed", completedBy = "desk-agent" }, TestJson.Options, Cancel);
        Assert.Equal(HttpStatusCode.Conflict, complete.StatusCode);
        var routed = await host.RoutingAsync(db => db.RoutedTickets.AsNoTracking().SingleAsync(t => t.TicketId == control.TicketId));
        Assert.Equal(FulfilmentState.Cancelled, routed.Fulfilment);
        Assert.Empty(await host.RoutingEventsAsync<TicketFulfilled>(control.TicketId));
    }

    private static async Task<TicketApprovalRequested> SubmitAndWaitForApproverAsync(CatalogueHost host)
    {
        var id = (await host.SubmitOkAsync("software", new { product = "visio", justification = "Diagrams." })).GetProperty("id").GetGuid();
        return await Eventually.GetAsync(async () => (await host.RoutingEventsAsync<TicketApprovalRequested>(id)).SingleOrDefault(), what: "manager asked");
    }

    /// <summary>Grace decides as the signed-in approver she is (a body cannot name the approver).</summary>
    private static Task<HttpResponseMessage> DecideAsync(CatalogueHost host, Guid ticketId) =>
        host.DecideAsync(ticketId, "approve", "grace@example.org");

    /// <summary>Resolved then closed by the desk through Intake (a service request has no Cancelled status).</summary>
    private static async Task CloseAsync(CatalogueHost host, Guid ticketId)
    {
        await host.TransitionAsync(ticketId, new { to = "Resolved", resolution = "No longer needed." });
        await host.TransitionAsync(ticketId, new { to = "Closed" });
    }
}
