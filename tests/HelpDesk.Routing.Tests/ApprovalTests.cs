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
            new { name = "Laptop upgrade", preApproved = false, approver = "alice@example.org", keywords = TestValues.Of("laptop upgrade") }, TestJson.Options, Cancel)).EnsureSuccessStatusCode();
        await host.PutAgentAsync("fulfil", ["requests"]);
        return host;
    }

    private static Task<HttpResponseMessage> DecideAsync(ServiceTestHost host, Guid ticketId, string decision, object body, Caller? caller = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/routing/approvals/{ticketId}/{decision}") { Content = JsonContent.Create(body, options: TestJson.Options) };
        return host.Client.SendAsync(request.As(caller ?? TestCallers.Approver("alice")), Cancel);
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

        Assert.Equal((ApprovalState.Pending, "alice@example.org", RoutedTicketState.AwaitingApproval, null), (ticket.Approval, ticket.Approver, ticket.State, ticket.AgentId));
        var requested = Assert.Single(await host.EventsAsync<TicketApprovalRequested>(ticket.TicketId));
        Assert.Equal(("laptop-upgrade", "alice@example.org"), (requested.CatalogItem, requested.Approver));
        Assert.Empty(await host.EventsAsync<TicketAssigned>(ticket.TicketId));
        var pending = await host.Client.GetFromJsonAsync<List<ApprovalRequestView>>("/api/v1/routing/approvals?approver=alice@example.org", TestJson.Options, Cancel);
        Assert.Equal(ticket.TicketId, Assert.Single(pending!).TicketId);

        // Only a person with the approver role who is the named approver decides; a name in the body counts for nothing.
        var channel = await DecideAsync(host, ticket.TicketId, "approve", new { approver = "alice@example.org" }, TestCallers.Channel("portal", "portal", ["routing:admin", "approvals:decide"]));
        Assert.Equal(HttpStatusCode.Forbidden, channel.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await DecideAsync(host, ticket.TicketId, "approve", new { approver = "alice@example.org" }, TestCallers.Agent("alice"))).StatusCode);
        var mallory = await DecideAsync(host, ticket.TicketId, "approve", new { approver = "alice@example.org" }, TestCallers.Approver("mallory"));
        Assert.Equal(HttpStatusCode.Forbidden, mallory.StatusCode);
        Assert.Equal("Not the approver", (await mallory.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await DecideAsync(host, Guid.NewGuid(), "approve", new { })).StatusCode);
        Assert.Empty(await host.EventsAsync<TicketApprovalDecided>(ticket.TicketId));

        var approved = await DecideAsync(host, ticket.TicketId, "approve", new { reason = "budget ok" });
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        var approval = await approved.Content.ReadFromJsonAsync<ApprovalRequestView>(TestJson.Options, Cancel);
        Assert.Equal(ApprovalStatus.Approved, approval!.Status);
        var view = await host.RoutedAsync(ticket.TicketId);
        Assert.Equal((ApprovalState.Approved, RoutedTicketState.Assigned, "fulfil"), (view.Approval, view.State, view.AgentId));
        var decided = Assert.Single(await host.EventsAsync<TicketApprovalDecided>(ticket.TicketId));
        Assert.True(decided.Approved);
        Assert.Equal(("alice@example.org", "budget ok"), (decided.DecidedBy, decided.Reason));
        Assert.Equal("fulfil", Assert.Single(await host.EventsAsync<TicketAssigned>(ticket.TicketId)).AgentId);

        Assert.Equal(HttpStatusCode.Conflict, (await DecideAsync(host, ticket.TicketId, "reject", new { })).StatusCode);
    }

    [Fact]
    public async Task Requests_matching_no_catalogue_item_go_to_the_default_approver_who_can_reject_them()
    {
        await using var host = await StartAsync();
        var ticket = await host.SubmitAsync(RoutingUnderTest.NewTicket("Espresso machine for the team", type: TicketType.ServiceRequest));
        Assert.Equal((ApprovalState.Pending, "desk-lead", null), (ticket.Approval, ticket.Approver, ticket.CatalogItem));

        // The default approver names a team: an approver outside it is refused, any approver in it (a verified group) decides.
        Assert.Equal(HttpStatusCode.Forbidden, (await DecideAsync(host, ticket.TicketId, "reject", new { }, TestCallers.Approver("bert"))).StatusCode);
        var rejected = await DecideAsync(host, ticket.TicketId, "reject", new { reason = "not a standard item" }, TestCallers.Approver("bert", "desk-lead"));
        Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
        Assert.Equal(ApprovalStatus.Rejected, (await rejected.Content.ReadFromJsonAsync<ApprovalRequestView>(TestJson.Options, Cancel))!.Status);
        var view = await host.RoutedAsync(ticket.TicketId);
        Assert.Equal((ApprovalState.Rejected, RoutedTicketState.Rejected, null, false), (view.Approval, view.State, view.AgentId, view.IsOpen));
        var decided = Assert.Single(await host.EventsAsync<TicketApprovalDecided>(ticket.TicketId));
        Assert.False(decided.Approved);
        Assert.Equal("not a standard item", decided.Reason);
        Assert.Empty(await host.EventsAsync<TicketAssigned>(ticket.TicketId));
    }
}
