using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HelpDesk.Contracts;
using HelpDesk.Routing.Api;
using HelpDesk.Testing;
using HelpDesk.Routing.Domain;
using HelpDesk.ServiceDefaults.Http;

namespace HelpDesk.Routing.Tests;

public sealed class ApprovalTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static async Task<ServiceTestHost> StartAsync()
    {
        var host = await ServiceTestHost.StartAsync(RoutingUnderTest.Service, new Dictionary<string, string?>
        {
            ["Routing:DefaultQueue"] = "requests",
            ["Routing:DefaultApprover"] = "desk-lead",
            ["Routing:Catalog:0:Key"] = "monitor",
            ["Routing:Catalog:0:Name"] = "New monitor",
            ["Routing:Catalog:0:PreApproved"] = "true",
            ["Routing:Catalog:0:Keywords:0"] = "monitor",
        });
        (await host.Client.PutAsJsonAsync("/api/v1/routing/catalog/laptop-upgrade",
            new { name = "Laptop upgrade", preApproved = false, approver = "alice", keywords = TestValues.Of("laptop upgrade") }, TestJson.Options, Cancel)).EnsureSuccessStatusCode();
        await host.PutAgentAsync("fulfil", ["requests"]);
        return host;
    }

    private static Task<HttpResponseMessage> DecideAsync(ServiceTestHost host, Guid ticketId, string decision, object body, string? clientName = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/routing/approvals/{ticketId}/{decision}") { Content = JsonContent.Create(body, options: TestJson.Options) };
        if (clientName is not null)
        {
            // As the gateway forwards a signed-in caller: its verified id and name.
            request.Headers.Add(HelpDeskHeaders.ClientId, clientName);
            request.Headers.Add(HelpDeskHeaders.ClientName, clientName);
        }
        return host.Client.SendAsync(request, Cancel);
    }

    [Fact]
    public async Task Pre_approved_catalogue_items_are_auto_approved_and_assigned_by_key_or_keyword()
    {
        await using var host = await StartAsync();
        var byKey = await host.SubmitAsync(RoutingUnderTest.NewTicket("Second screen", type: TicketType.ServiceRequest, catalogItem: "monitor"));
        var byKeyword = await host.SubmitAsync(RoutingUnderTest.NewTicket("Need a new monitor please", type: TicketType.ServiceRequest));

        foreach (var ticket in new[] { byKey, byKeyword })
        {
            Assert.Equal((ApprovalState.AutoApproved, "monitor", "fulfil"), (ticket.Approval, ticket.CatalogItem, ticket.AgentId));
            var routed = Assert.Single(await host.EventsAsync<TicketRouted>(ticket.TicketId));
            Assert.Equal(ApprovalState.AutoApproved, routed.Approval);
            Assert.Contains("pre-approved", routed.Explanation, StringComparison.Ordinal);
            Assert.Empty(await host.EventsAsync<TicketApprovalRequested>(ticket.TicketId));
        }
        // Incidents need no approval even if they mention a catalogue keyword.
        var incident = await host.SubmitAsync(RoutingUnderTest.NewTicket("monitor is broken"));
        Assert.Equal(ApprovalState.NotRequired, incident.Approval);
    }

    [Fact]
    public async Task Other_requests_wait_for_the_named_approver_before_assignment()
    {
        await using var host = await StartAsync();
        var ticket = await host.SubmitAsync(RoutingUnderTest.NewTicket("Laptop upgrade to 32 GB", type: TicketType.ServiceRequest, catalogItem: "laptop-upgrade"));

        Assert.Equal((ApprovalState.Pending, "alice", RoutedTicketState.AwaitingApproval, null), (ticket.Approval, ticket.Approver, ticket.State, ticket.AgentId));
        var requested = Assert.Single(await host.EventsAsync<TicketApprovalRequested>(ticket.TicketId));
        Assert.Equal(("laptop-upgrade", "alice"), (requested.CatalogItem, requested.Approver));
        Assert.Empty(await host.EventsAsync<TicketAssigned>(ticket.TicketId));
        var pending = await host.Client.GetFromJsonAsync<List<RoutedTicketView>>("/api/v1/routing/approvals?approver=alice", TestJson.Options, Cancel);
        Assert.Equal(ticket.TicketId, Assert.Single(pending!).TicketId);

        var nobody = await DecideAsync(host, ticket.TicketId, "approve", new { });
        Assert.Equal(HttpStatusCode.BadRequest, nobody.StatusCode);
        Assert.True((await nobody.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("errors").TryGetProperty("approver", out _));
        Assert.Equal(HttpStatusCode.Forbidden, (await DecideAsync(host, ticket.TicketId, "approve", new { approver = "alice" }, clientName: "mallory")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await DecideAsync(host, Guid.NewGuid(), "approve", new { approver = "alice" })).StatusCode);

        var approved = await DecideAsync(host, ticket.TicketId, "approve", new { approver = "Alice", reason = "budget ok" });
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        var view = await approved.Content.ReadFromJsonAsync<RoutedTicketView>(TestJson.Options, Cancel);
        Assert.Equal((ApprovalState.Approved, RoutedTicketState.Assigned, "fulfil"), (view!.Approval, view.State, view.AgentId));
        var decided = Assert.Single(await host.EventsAsync<TicketApprovalDecided>(ticket.TicketId));
        Assert.True(decided.Approved);
        Assert.Equal(("Alice", "budget ok"), (decided.DecidedBy, decided.Reason));
        Assert.Equal("fulfil", Assert.Single(await host.EventsAsync<TicketAssigned>(ticket.TicketId)).AgentId);

        Assert.Equal(HttpStatusCode.Conflict, (await DecideAsync(host, ticket.TicketId, "reject", new { approver = "alice" })).StatusCode);
    }

    [Fact]
    public async Task Requests_matching_no_catalogue_item_go_to_the_default_approver_who_can_reject_them()
    {
        await using var host = await StartAsync();
        var ticket = await host.SubmitAsync(RoutingUnderTest.NewTicket("Espresso machine for the team", type: TicketType.ServiceRequest));
        Assert.Equal((ApprovalState.Pending, "desk-lead", null), (ticket.Approval, ticket.Approver, ticket.CatalogItem));

        var rejected = await DecideAsync(host, ticket.TicketId, "reject", new { reason = "not a standard item" }, clientName: "desk-lead");
        Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
        var view = await rejected.Content.ReadFromJsonAsync<RoutedTicketView>(TestJson.Options, Cancel);
        Assert.Equal((ApprovalState.Rejected, RoutedTicketState.Rejected, null, false), (view!.Approval, view.State, view.AgentId, view.IsOpen));
        var decided = Assert.Single(await host.EventsAsync<TicketApprovalDecided>(ticket.TicketId));
        Assert.False(decided.Approved);
        Assert.Equal("not a standard item", decided.Reason);
        Assert.Empty(await host.EventsAsync<TicketAssigned>(ticket.TicketId));
    }
}
