using System.Net;
using System.Net.Http.Json;
using HelpDesk.Contracts;
using HelpDesk.Notifications.Api;
using HelpDesk.ServiceDefaults.Http;
using HelpDesk.Testing;

namespace HelpDesk.Notifications.Tests;

/// <summary>
/// A ticket's notification log (who was told what, at which address) and its watchers are the desk's of its queue:
/// agents read their queues' tickets (a verified group claim names the queue, learnt from TicketRouted/TicketAssigned),
/// tickets assigned to them and unrouted ones; leads and admins read all; anything else does not exist for them.
/// </summary>
public sealed class NotificationLogAccessTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly Caller Grace = TestCallers.Person("grace", [HelpDeskRoles.Agent], groups: ["network"]);
    private static readonly Caller Kate = TestCallers.Person("kate", [HelpDeskRoles.Agent], groups: ["hr-support"]);

    [Fact]
    public async Task Agents_read_the_log_of_their_queues_assigned_and_unrouted_tickets_and_leads_read_all()
    {
        // No SMTP server: every e-mail delivery stays pending, so each ticket keeps its deliveries in the log.
        await using var host = await NotificationsHost.StartAsync(extra: new Dictionary<string, string?>
        {
            ["Notifications:Delivery:BaseDelay"] = "00:01:00",
            ["Notifications:Delivery:MaxDelay"] = "00:02:00",
        });
        var network = await TicketAsync(host, "HD-100001", "network");
        var hr = await TicketAsync(host, "HD-100002", "hr-support");
        var hrForGrace = await TicketAsync(host, "HD-100003", "hr-support", agent: "grace");
        var unrouted = await TicketAsync(host, "HD-100004", queue: null);

        Assert.Equal(Sorted(network, hrForGrace, unrouted), await LoggedTicketsAsync(host, Grace, ""));
        Assert.Equal(Sorted(hr, hrForGrace, unrouted), await LoggedTicketsAsync(host, Kate, ""));
        Assert.Equal(Sorted(network, hr, hrForGrace, unrouted), await LoggedTicketsAsync(host, TestCallers.Lead(), ""));
        Assert.Equal(Sorted(network, hr, hrForGrace, unrouted), await LoggedTicketsAsync(host, TestCallers.Admin(), ""));
        Assert.Empty(await LoggedTicketsAsync(host, Grace, "?ticketId=" + hr));
        Assert.Empty(await LoggedTicketsAsync(host, Grace, "?ticketId=HD-100002"));
        Assert.Equal(Sorted(hr), await LoggedTicketsAsync(host, Kate, "?ticketId=HD-100002"));

        // One delivery, and the ticket's watcher record, by id: another queue's answer 404.
        var hrDelivery = (await host.DeliveriesAsync($"?ticketId={hr}"))[0].Id;
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(host, Grace, $"/api/v1/notifications/deliveries/{hrDelivery}"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(host, Kate, $"/api/v1/notifications/deliveries/{hrDelivery}"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(host, TestCallers.Lead(), $"/api/v1/notifications/deliveries/{hrDelivery}"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(host, Grace, $"/api/v1/notifications/tickets/{hr}"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(host, Grace, "/api/v1/notifications/tickets/HD-100002"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(host, Grace, $"/api/v1/notifications/tickets/{hrForGrace}"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(host, Kate, $"/api/v1/notifications/tickets/{hr}"));
    }

    [Fact]
    public async Task Held_requester_notifications_are_for_operators_only()
    {
        await using var host = await NotificationsHost.StartAsync();
        var unknown = Guid.NewGuid();
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(host, Grace, "/api/v1/notifications/held"));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(host, TestCallers.Lead(), "/api/v1/notifications/held"));
        var discard = await host.Client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/notifications/held/{unknown}").As(Grace), Ct);
        Assert.Equal(HttpStatusCode.Forbidden, discard.StatusCode);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(host, TestCallers.Admin(), "/api/v1/notifications/held"));
    }

    /// <summary>A submitted ticket (its requester's e-mail is logged), routed to <paramref name="queue"/> and assigned to <paramref name="agent"/>.</summary>
    private static async Task<Guid> TicketAsync(ServiceTestHost host, string number, string? queue, string? agent = null)
    {
        var id = Guid.NewGuid();
        await host.PublishAsync(NotificationsHost.Submitted(id, number));
        if (queue is not null)
        {
            await host.PublishAsync(new TicketRouted(id, number, queue, "General", "rule:test", DateTimeOffset.UtcNow));
        }
        if (agent is not null)
        {
            await host.PublishAsync(new TicketAssigned(id, number, queue!, agent, agent, "manual", DateTimeOffset.UtcNow));
        }
        // 404 until Notifications has heard of the ticket.
        await Eventually.TrueAsync(async () =>
            await host.Client.GetAsync($"/api/v1/notifications/tickets/{id}", Ct) is { IsSuccessStatusCode: true } known
            && await known.Content.ReadFromJsonAsync<TicketResponse>(TestJson.Options, Ct) is { } t
            && t.Queue == queue && t.AssigneeName == agent && (await host.DeliveriesAsync($"?ticketId={id}")).Count > 0, what: $"{number} known with its queue and a delivery");
        return id;
    }

    private static async Task<List<Guid>> LoggedTicketsAsync(ServiceTestHost host, Caller caller, string query)
    {
        var response = await host.Client.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/api/v1/notifications/deliveries{query}").As(caller), Ct);
        response.EnsureSuccessStatusCode();
        var deliveries = await response.Content.ReadFromJsonAsync<List<DeliveryResponse>>(TestJson.Options, Ct);
        return [.. deliveries!.Select(d => d.TicketId!.Value).Distinct().Order()];
    }

    private static async Task<HttpStatusCode> StatusAsync(ServiceTestHost host, Caller caller, string path) =>
        (await host.Client.SendAsync(new HttpRequestMessage(HttpMethod.Get, path).As(caller), Ct)).StatusCode;

    private static List<Guid> Sorted(params Guid[] ids) => [.. ids.Order()];
}
