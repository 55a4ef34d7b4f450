using System.Net;
using System.Net.Http.Json;
using HelpDesk.Contracts;
using HelpDesk.ServiceDefaults.Http;
using HelpDesk.Sla.Api;
using HelpDesk.Testing;
using Microsoft.Extensions.Time.Testing;
using static HelpDesk.Sla.Tests.Facts;

namespace HelpDesk.Sla.Tests;

/// <summary>
/// A ticket's SLA clocks are the desk's of its queue: agents read their queues' tickets (a verified group claim names
/// the queue), tickets assigned to them and unrouted ones; leads and admins read all; other tickets do not exist (404)
/// and drop out of the risk list.
/// </summary>
public sealed class SlaAccessTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Agents_read_the_clocks_of_their_queues_assigned_and_unrouted_tickets_and_leads_read_all()
    {
        await using var sla = await ServiceTestHost.StartAsync(SlaUnderTest.Service with { Settings = new Dictionary<string, string?>() }, time: new FakeTimeProvider(T0));
        var network = await TicketAsync(sla, "network");
        var hr = await TicketAsync(sla, "hr-support");
        var hrForGrace = await TicketAsync(sla, "hr-support", agent: "grace");
        var unrouted = await TicketAsync(sla, queue: null);

        var grace = TestCallers.Person("grace", [HelpDeskRoles.Agent], groups: ["network"]);
        var kate = TestCallers.Person("kate", [HelpDeskRoles.Agent], groups: ["hr-support"]);
        var expected = new (Caller Caller, Guid Ticket, HttpStatusCode Status)[]
        {
            (grace, network, HttpStatusCode.OK),
            (grace, hrForGrace, HttpStatusCode.OK),
            (grace, unrouted, HttpStatusCode.OK),
            (grace, hr, HttpStatusCode.NotFound),
            (kate, hr, HttpStatusCode.OK),
            (kate, network, HttpStatusCode.NotFound),
            (TestCallers.Lead(), hr, HttpStatusCode.OK),
            (TestCallers.Admin(), network, HttpStatusCode.OK),
        };
        foreach (var (caller, ticket, status) in expected)
        {
            var answer = (await sla.Client.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/api/v1/sla/tickets/{ticket}").As(caller), Ct)).StatusCode;
            Assert.True(answer == status, $"{caller.Id} reading {ticket}: {(int)answer}, expected {(int)status}");
        }

        // The risk list of a queue page keeps only what the caller may see.
        var all = $"/api/v1/sla/tickets?ids={network},{hr},{hrForGrace},{unrouted}";
        Assert.Equal(Sorted(network, hrForGrace, unrouted), await RisksAsync(sla, grace, all));
        Assert.Equal(Sorted(hr, hrForGrace, unrouted), await RisksAsync(sla, kate, all));
        Assert.Equal(Sorted(network, hr, hrForGrace, unrouted), await RisksAsync(sla, TestCallers.Lead(), all));
    }

    /// <summary>A ticket with both clocks running, routed to <paramref name="queue"/> (and assigned to <paramref name="agent"/>).</summary>
    private static async Task<Guid> TicketAsync(ServiceTestHost sla, string? queue, string? agent = null)
    {
        var id = Guid.NewGuid();
        await sla.PublishAsync(Submitted(id, T0));
        if (queue is not null)
        {
            await sla.PublishAsync(Routed(id, T0.AddMinutes(1), queue));
            await sla.WaitForTicketAsync(id, v => v.Queue == queue, $"routed to {queue}");
        }
        if (agent is not null)
        {
            await sla.PublishAsync(new TicketAssigned(id, "HD-" + id.ToString("N")[..6], queue!, agent, agent, "manual", T0.AddMinutes(2)));
            await sla.WaitForTicketAsync(id, v => v.Status == TicketStatus.Assigned, $"assigned to {agent}");
        }
        await sla.WaitForTicketAsync(id, v => v.Clocks.Count == 2, "clocks");
        return id;
    }

    private static async Task<List<Guid>> RisksAsync(ServiceTestHost sla, Caller caller, string path)
    {
        var response = await sla.Client.SendAsync(new HttpRequestMessage(HttpMethod.Get, path).As(caller), Ct);
        response.EnsureSuccessStatusCode();
        return [.. (await response.Content.ReadFromJsonAsync<List<TicketSlaRisk>>(TestJson.Options, Ct))!.Select(r => r.TicketId).Order()];
    }

    private static List<Guid> Sorted(params Guid[] ids) => [.. ids.Order()];
}
