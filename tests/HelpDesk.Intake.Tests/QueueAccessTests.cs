using System.Net;
using System.Net.Http.Json;
using HelpDesk.Intake.Api;
using HelpDesk.ServiceDefaults.Http;
using HelpDesk.Testing;

namespace HelpDesk.Intake.Tests;

/// <summary>
/// Agents work their queues only (least privilege): a queue is theirs when a verified group claim names it. Tickets of
/// other queues do not exist for them — in lists, searches, reads and every operation — while leads and admins see all.
/// </summary>
public sealed class QueueAccessTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly Caller Grace = TestCallers.Person("grace", [HelpDeskRoles.Agent], groups: ["network"]);
    private static readonly Caller Kate = TestCallers.Person("kate", [HelpDeskRoles.Agent], groups: ["hr-support"]);

    [Fact]
    public async Task An_agent_sees_and_works_only_their_queues_assigned_and_unrouted_tickets_and_leads_and_admins_see_all()
    {
        await using var host = await ServiceTestHost.StartAsync(IntakeUnderTest.Service);
        var tag = Guid.NewGuid().ToString("N")[..8];
        var network = await RoutedAsync(host, $"VPN drops {tag}", queue: "network");
        var hr = await RoutedAsync(host, $"Salary statement {tag}", queue: "hr-support");
        var hrForGrace = await RoutedAsync(host, $"Payroll laptop {tag}", queue: "hr-support", agent: "grace");
        var unrouted = await host.SubmitAsync(IntakeUnderTest.NewTicket($"Unsorted {tag}"));
        var grace = host.ClientAs(Grace);
        var kate = host.ClientAs(Kate);

        Assert.Equal(Ids(network, hrForGrace, unrouted), await ListedAsync(grace, $"q={tag}"));
        Assert.Equal(Ids(hr, hrForGrace, unrouted), await ListedAsync(kate, $"q={tag}"));
        Assert.Empty(await ListedAsync(grace, $"queue=hr-support&q={tag}&assignee=kate"));
        Assert.Equal(4, (await ListedAsync(host.ClientAs(TestCallers.Lead()), $"q={tag}")).Count);
        Assert.Equal(4, (await ListedAsync(host.ClientAs(TestCallers.Admin()), $"q={tag}")).Count);
        Assert.Equal(HttpStatusCode.OK, (await host.ClientAs(TestCallers.Lead()).GetAsync($"/api/v1/tickets/{hr.Id}", Ct)).StatusCode);

        // Every way into another queue's ticket answers 404, and changes nothing.
        var hidden = new (string Name, Func<Task<HttpResponseMessage>> Call)[]
        {
            ("read", () => grace.GetAsync($"/api/v1/tickets/{hr.Number}", Ct)),
            ("comments", () => grace.GetAsync($"/api/v1/tickets/{hr.Id}/comments?includeInternal=true", Ct)),
            ("comment", () => grace.PostAsJsonAsync($"/api/v1/tickets/{hr.Id}/comments", new { body = "peek", isPublic = false }, TestJson.Options, Ct)),
            ("transition", () => grace.PostAsJsonAsync($"/api/v1/tickets/{hr.Id}/transitions", new { to = "InProgress" }, TestJson.Options, Ct)),
            ("reassign", () => grace.PutAsJsonAsync($"/api/v1/tickets/{hr.Id}/assignment", new { agentId = "grace" }, TestJson.Options, Ct)),
            ("history", () => grace.GetAsync($"/api/v1/tickets/{hr.Id}/history", Ct)),
            ("links", () => grace.GetAsync($"/api/v1/tickets/{hr.Id}/links", Ct)),
            ("merge", () => grace.PostAsJsonAsync($"/api/v1/tickets/{hr.Id}/merge", new { into = network.Number }, TestJson.Options, Ct)),
        };
        foreach (var (name, call) in hidden)
        {
            var status = (await call()).StatusCode;
            Assert.True(status == HttpStatusCode.NotFound, $"{name}: {(int)status}");
        }
        // Linking to it: the target does not exist for her either.
        var link = await grace.PostAsJsonAsync($"/api/v1/tickets/{network.Id}/links", new { type = "Related", target = hr.Number }, TestJson.Options, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, link.StatusCode);
        var bulk = new HttpRequestMessage(HttpMethod.Post, "/api/v1/tickets/bulk")
        {
            Content = JsonContent.Create(new { tickets = new[] { network.Number, hr.Number }, actions = new[] { new { field = "addTags", value = "seen" } } }, options: TestJson.Options),
        };
        bulk.Headers.Add("Idempotency-Key", "bulk-" + tag);
        var outcome = (await (await grace.SendAsync(bulk, Ct)).Content.ReadFromJsonAsync<BulkResponse>(TestJson.Options, Ct))!;
        Assert.Equal((1, 1), (outcome.Applied, outcome.NotFound));
        var untouched = await host.GetTicketAsync(hr.Id);
        Assert.Equal((hr.Version, hr.Status), (untouched.Version, untouched.Status));
        Assert.Empty((await kate.GetFromJsonAsync<CommentResponse[]>($"/api/v1/tickets/{hr.Id}/comments?includeInternal=true", TestJson.Options, Ct))!);

        // Her own queue's ticket she works: an internal note, then she hands it to HR and it leaves her sight.
        Assert.Equal(HttpStatusCode.Created, (await grace.PostAsJsonAsync($"/api/v1/tickets/{network.Id}/comments", new { body = "Checked the tunnel", isPublic = false }, TestJson.Options, Ct)).StatusCode);
        var handOver = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/tickets/{network.Id}/assignment") { Content = JsonContent.Create(new { queue = "hr-support" }, options: TestJson.Options) };
        Assert.Equal(HttpStatusCode.OK, (await grace.SendAsync(handOver, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await grace.GetAsync($"/api/v1/tickets/{network.Id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await kate.GetAsync($"/api/v1/tickets/{network.Id}", Ct)).StatusCode);
        // The ticket assigned to her in another queue stays hers to work.
        Assert.Equal(HttpStatusCode.OK, (await grace.PostAsJsonAsync($"/api/v1/tickets/{hrForGrace.Id}/transitions", new { to = "InProgress" }, TestJson.Options, Ct)).StatusCode);
    }

    /// <summary>A ticket put in <paramref name="queue"/> (and assigned to <paramref name="agent"/>) by the platform, as routing would.</summary>
    private static async Task<TicketResponse> RoutedAsync(ServiceTestHost host, string subject, string queue, string? agent = null)
    {
        var ticket = await host.SubmitAsync(IntakeUnderTest.NewTicket(subject));
        var routed = await host.Client.PutAsJsonAsync($"/api/v1/tickets/{ticket.Id}/assignment", new { queue, agentId = agent }, TestJson.Options, Ct);
        Assert.Equal(HttpStatusCode.OK, routed.StatusCode);
        return (await routed.Content.ReadFromJsonAsync<TicketResponse>(TestJson.Options, Ct))!;
    }

    private static List<Guid> Ids(params TicketResponse[] tickets) => [.. tickets.Select(t => t.Id).Order()];

    private static async Task<List<Guid>> ListedAsync(HttpClient client, string query) =>
        [.. (await client.GetFromJsonAsync<TicketPage>($"/api/v1/tickets?{query}&limit=50", TestJson.Options, Ct))!.Items.Select(t => t.Id).Order()];
}
