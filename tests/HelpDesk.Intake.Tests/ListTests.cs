using System.Net;
using System.Net.Http.Json;
using HelpDesk.Contracts;
using HelpDesk.Testing;

namespace HelpDesk.Intake.Tests;

public sealed class ListTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Keyset_pagination_walks_every_ticket_once_newest_first()
    {
        await using var host = await ServiceTestHost.StartAsync(IntakeUnderTest.Service);
        var created = new List<TicketResponse>();
        for (var i = 0; i < 7; i++)
        {
            created.Add(await host.SubmitAsync(IntakeUnderTest.NewTicket($"Ticket {i}")));
        }

        var seen = new List<TicketSummary>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await host.Client.GetFromJsonAsync<TicketPage>($"/api/v1/tickets?limit=3{(cursor is null ? "" : "&after=" + cursor)}", TestJson.Options, Ct);
            seen.AddRange(page!.Items);
            cursor = page.NextCursor;
            pages++;
            // A ticket submitted while paging appears on no later page (it is newer than the cursor).
            if (pages == 1) await host.SubmitAsync(IntakeUnderTest.NewTicket("Late arrival"));
        }
        while (cursor is not null);

        Assert.Equal(3, pages);
        Assert.Equal(created.Select(t => t.Id).Reverse(), seen.Select(t => t.Id));
    }

    [Fact]
    public async Task Filters_combine()
    {
        await using var host = await ServiceTestHost.StartAsync(IntakeUnderTest.Service);
        var vpn = await host.SubmitAsync(new { subject = "VPN drops", description = "Tunnel resets", requesterEmail = "ada@example.org", type = "Incident", impact = "High", urgency = "High", tags = new List<string> { "network" } });
        var laptop = await host.SubmitAsync(new { subject = "New laptop", description = "Onboarding 50% done", requesterEmail = "bob@example.org", type = "ServiceRequest", channel = "Portal" });
        var printer = await host.SubmitAsync(new { subject = "Printer", description = "Paper jam", requesterEmail = "ada@example.org", type = "Incident" });
        Assert.Equal(HttpStatusCode.OK, (await host.TransitionAsync(printer.Id, TicketStatus.Assigned, new { assigneeId = "agent-3" })).StatusCode);

        async Task<Guid[]> Ids(string query) =>
            (await host.Client.GetFromJsonAsync<TicketPage>("/api/v1/tickets?" + query, TestJson.Options, Ct))!.Items.Select(t => t.Id).ToArray();

        Assert.Equal([printer.Id, vpn.Id], await Ids("requester=ADA@example.org"));
        Assert.Equal([laptop.Id], await Ids("type=serviceRequest"));
        Assert.Equal([vpn.Id], await Ids("priority=Critical"));
        Assert.Equal([printer.Id], await Ids("status=Assigned"));
        Assert.Equal([laptop.Id, vpn.Id], await Ids("status=New"));
        Assert.Equal([printer.Id], await Ids("assignee=agent-3"));
        Assert.Equal([vpn.Id], await Ids("tag=network"));
        Assert.Equal([laptop.Id], await Ids("channel=portal"));
        Assert.Equal([vpn.Id], await Ids("q=tunnel"));
        Assert.Equal([laptop.Id], await Ids("q=50%25"));
        Assert.Equal([printer.Id], await Ids("q=" + printer.Number.ToLowerInvariant()));
        Assert.Equal([printer.Id], await Ids("status=Assigned,Resolved&requester=ada@example.org&type=Incident"));
        Assert.Empty(await Ids("q=nothing-matches"));
    }

    [Theory]
    [InlineData("status=Open", "status")]
    [InlineData("priority=P9", "priority")]
    [InlineData("type=1", "type")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=many", "limit")]
    [InlineData("after=not-a-cursor", "after")]
    public async Task Bad_query_values_are_named(string query, string field)
    {
        await using var host = await ServiceTestHost.StartAsync(IntakeUnderTest.Service);
        var response = await host.Client.GetAsync("/api/v1/tickets?" + query, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([field], (await response.ProblemAsync()).ErrorFields());
    }
}
