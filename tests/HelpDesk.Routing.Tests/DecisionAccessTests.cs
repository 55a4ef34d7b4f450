using System.Net;
using HelpDesk.Contracts;
using HelpDesk.ServiceDefaults.Http;
using HelpDesk.Testing;
using HelpDesk.Routing.Domain;

namespace HelpDesk.Routing.Tests;

/// <summary>
/// A ticket's routing explanation is readable by the agents of its queue (a verified group claim names it), the agent
/// it is assigned to, its approver, and leads and admins; for any other agent it does not exist (404).
/// </summary>
public sealed class DecisionAccessTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Agents_read_the_decisions_of_their_queues_and_assigned_tickets_approvers_theirs_and_leads_all()
    {
        await using var host = await ServiceTestHost.StartAsync(RoutingUnderTest.Service, new Dictionary<string, string?>
        {
            ["Routing:DefaultQueue"] = "requests",
            ["Routing:Rules:0:Name"] = "mail-to-hr",
            ["Routing:Rules:0:Priority"] = "1",
            ["Routing:Rules:0:Channels:0"] = "Email",
            ["Routing:Rules:0:Queue"] = "hr-support",
            ["Routing:Rules:1:Name"] = "portal-to-network",
            ["Routing:Rules:1:Priority"] = "2",
            ["Routing:Rules:1:Channels:0"] = "Portal",
            ["Routing:Rules:1:Queue"] = "network",
            ["Routing:Catalog:0:Key"] = "laptop-upgrade",
            ["Routing:Catalog:0:Name"] = "Laptop upgrade",
            ["Routing:Catalog:0:PreApproved"] = "false",
            ["Routing:Catalog:0:Approver"] = "alice@example.org",
            ["Routing:Catalog:0:Keywords:0"] = "laptop upgrade",
        });
        // grace is staffed on hr-support with room for one ticket: the first HR ticket is hers, the second waits in the queue.
        await host.PutAgentAsync("grace", ["hr-support"], capacity: 1);
        var network = await host.SubmitAsync(RoutingUnderTest.NewTicket("VPN drops", channel: TicketChannel.Portal));
        var hrForGrace = await host.SubmitAsync(RoutingUnderTest.NewTicket("Payroll laptop", channel: TicketChannel.Email));
        var hr = await host.SubmitAsync(RoutingUnderTest.NewTicket("Salary statement", channel: TicketChannel.Email));
        var approval = await host.SubmitAsync(RoutingUnderTest.NewTicket("laptop upgrade please", type: TicketType.ServiceRequest, channel: TicketChannel.Api));
        Assert.Equal(("network", "hr-support", "grace", "hr-support", null), (network.Queue, hrForGrace.Queue, hrForGrace.AgentId, hr.Queue, hr.AgentId));
        Assert.Equal((ApprovalState.Pending, "alice@example.org", "requests"), (approval.Approval, approval.Approver, approval.Queue));

        var grace = TestCallers.Person("grace", [HelpDeskRoles.Agent], groups: ["network"]);
        var kate = TestCallers.Person("kate", [HelpDeskRoles.Agent], groups: ["hr-support"]);
        var expected = new (Caller Caller, RoutedTicket Ticket, HttpStatusCode Status)[]
        {
            (grace, network, HttpStatusCode.OK),
            (grace, hrForGrace, HttpStatusCode.OK),
            (grace, hr, HttpStatusCode.NotFound),
            (grace, approval, HttpStatusCode.NotFound),
            (kate, hr, HttpStatusCode.OK),
            (kate, hrForGrace, HttpStatusCode.OK),
            (kate, network, HttpStatusCode.NotFound),
            (TestCallers.Approver("alice"), approval, HttpStatusCode.OK),
            (TestCallers.Approver("alice"), network, HttpStatusCode.NotFound),
            (TestCallers.Approver("mallory"), approval, HttpStatusCode.NotFound),
            (TestCallers.Lead(), hr, HttpStatusCode.OK),
            (TestCallers.Lead(), approval, HttpStatusCode.OK),
            (TestCallers.Admin(), network, HttpStatusCode.OK),
        };
        foreach (var (caller, ticket, status) in expected)
        {
            // By id and by number: both ways in answer the same.
            foreach (var reference in new[] { ticket.TicketId.ToString(), ticket.TicketNumber })
            {
                var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/routing/tickets/{reference}").As(caller);
                var answer = (await host.Client.SendAsync(request, Cancel)).StatusCode;
                Assert.True(answer == status, $"{caller.Id} reading {ticket.Subject} ({reference}): {(int)answer}, expected {(int)status}");
            }
        }
    }
}
