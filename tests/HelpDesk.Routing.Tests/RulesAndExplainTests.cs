using MassTransit;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HelpDesk.Contracts;
using HelpDesk.Routing.Api;
using HelpDesk.Testing;

namespace HelpDesk.Routing.Tests;

public sealed class RulesAndExplainTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Submitted_ticket_is_routed_by_the_first_matching_rule_and_the_decision_is_published()
    {
        await using var host = await ServiceTestHost.StartAsync(RoutingUnderTest.Service);
        (await host.PostRuleAsync(new { name = "vip", priority = 5, organisations = TestValues.Of("Contoso"), queue = "vip-desk", category = "VIP", priorityOverride = "High", addTags = TestValues.Of("vip") })).EnsureSuccessStatusCode();
        (await host.PostRuleAsync(new { name = "network", priority = 10, keywords = TestValues.Of("vpn", "wifi"), channels = TestValues.Of("Email", "Portal"), queue = "network", category = "Network" })).EnsureSuccessStatusCode();

        var network = await host.SubmitAsync(RoutingUnderTest.NewTicket("VPN drops every hour", organisation: "Fabrikam", tags: ["remote"]));
        var vip = await host.SubmitAsync(RoutingUnderTest.NewTicket("VPN drops every hour", organisation: "contoso"));
        var other = await host.SubmitAsync(RoutingUnderTest.NewTicket("Coffee machine broken", channel: TicketChannel.Phone));

        Assert.Equal(("network", "Network", "rule:network"), (network.Queue, network.Category, network.DecidedBy));
        Assert.Equal(("vip-desk", "VIP", "rule:vip"), (vip.Queue, vip.Category, vip.DecidedBy));
        Assert.Equal(("service-desk", "General", "default"), (other.Queue, other.Category, other.DecidedBy));
        Assert.Contains("no classifier is trained", other.Explanation, StringComparison.Ordinal);

        var routed = Assert.Single(await host.EventsAsync<TicketRouted>(vip.TicketId));
        Assert.Equal("rule:vip", routed.DecidedBy);
        Assert.Equal(TicketPriority.High, routed.PriorityOverride);
        Assert.Contains("vip", routed.Tags!);
        Assert.Contains("Rule 'vip' (priority 5) matched organisation 'contoso'", routed.Explanation, StringComparison.Ordinal);
        Assert.Equal(ApprovalState.NotRequired, routed.Approval);
    }

    [Fact]
    public async Task Rules_api_creates_lists_in_priority_order_updates_and_deletes()
    {
        await using var host = await ServiceTestHost.StartAsync(RoutingUnderTest.Service);
        var late = await (await host.PostRuleAsync(new { name = "late", priority = 50, queue = "a" })).Content.ReadFromJsonAsync<RuleView>(TestJson.Options, Cancel);
        var created = await host.PostRuleAsync(new { name = "early", priority = 1, keywords = TestValues.Of("printer"), queue = "b" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var early = await created.Content.ReadFromJsonAsync<RuleView>(TestJson.Options, Cancel);

        var listed = await host.Client.GetFromJsonAsync<List<RuleView>>("/api/v1/routing/rules", TestJson.Options, Cancel);
        Assert.Equal(["early", "late"], listed!.Select(r => r.Name));

        var updated = await host.Client.PutAsJsonAsync($"/api/v1/routing/rules/{late!.Id}", new { name = "late", priority = 0, queue = "c", enabled = false }, TestJson.Options, Cancel);
        updated.EnsureSuccessStatusCode();
        listed = await host.Client.GetFromJsonAsync<List<RuleView>>("/api/v1/routing/rules", TestJson.Options, Cancel);
        Assert.Equal(["late", "early"], listed!.Select(r => r.Name));
        Assert.False(listed![0].Enabled);

        Assert.Equal(HttpStatusCode.NoContent, (await host.Client.DeleteAsync($"/api/v1/routing/rules/{early!.Id}", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Client.GetAsync($"/api/v1/routing/rules/{early.Id}", Cancel)).StatusCode);
    }

    [Fact]
    public async Task Invalid_rules_get_a_validation_problem_naming_the_field()
    {
        await using var host = await ServiceTestHost.StartAsync(RoutingUnderTest.Service);
        (await host.PostRuleAsync(new { name = "taken", queue = "a" })).EnsureSuccessStatusCode();

        var missing = await host.PostRuleAsync(new { name = "", keywords = TestValues.Of(" ") });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        var problem = await missing.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("name", out _));
        Assert.True(errors.TryGetProperty("queue", out _));
        Assert.True(errors.TryGetProperty("keywords", out _));

        var duplicate = await host.PostRuleAsync(new { name = "taken", queue = "b" });
        Assert.Equal(HttpStatusCode.BadRequest, duplicate.StatusCode);
        Assert.Contains("already exists", (await duplicate.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("errors").GetProperty("name")[0].GetString(), StringComparison.Ordinal);
        Assert.Single(await host.Client.GetFromJsonAsync<List<RuleView>>("/api/v1/routing/rules", TestJson.Options, Cancel) ?? []);
    }

    [Fact]
    public async Task Rules_seeded_from_configuration_route_tickets_and_explain_dry_runs_without_side_effects()
    {
        await using var host = await ServiceTestHost.StartAsync(RoutingUnderTest.Service, new Dictionary<string, string?>
        {
            ["Routing:Rules:0:Name"] = "monitoring-alerts",
            ["Routing:Rules:0:Priority"] = "1",
            ["Routing:Rules:0:Channels:0"] = "Monitoring",
            ["Routing:Rules:0:Queue"] = "operations",
            ["Routing:Rules:0:Category"] = "Infrastructure",
            ["Routing:Rules:0:PriorityOverride"] = "Critical",
        });

        var response = await host.Client.PostAsJsonAsync("/api/v1/routing/explain",
            new { type = "Incident", channel = "Monitoring", subject = "disk full on db-01" }, TestJson.Options, Cancel);
        response.EnsureSuccessStatusCode();
        var explained = await response.Content.ReadFromJsonAsync<ExplainResponse>(TestJson.Options, Cancel);
        Assert.Equal(("operations", "Infrastructure", "rule:monitoring-alerts", TicketPriority.Critical),
            (explained!.Queue, explained.Category, explained.DecidedBy, explained.PriorityOverride));
        Assert.True(Assert.Single(explained.Rules).Matched);
        Assert.Equal(0, await host.QueryAsync(db => Task.FromResult(db.RoutedTickets.Count())));

        var invalid = await host.Client.PostAsJsonAsync("/api/v1/routing/explain", new { channel = "Email" }, TestJson.Options, Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.True((await invalid.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("errors").TryGetProperty("subject", out _));
    }

    [Fact]
    public async Task A_redelivered_submission_routes_the_ticket_once()
    {
        await using var host = await ServiceTestHost.StartAsync(RoutingUnderTest.Service);
        var ticket = RoutingUnderTest.NewTicket("Keyboard missing keys");
        var messageId = Guid.NewGuid();
        var bus = host.GetRequiredService<IBus>();
        await bus.Publish(ticket, c => c.MessageId = messageId, Cancel);
        await bus.Publish(ticket, c => c.MessageId = messageId, Cancel);
        await bus.Publish(ticket, Cancel); // a different message about the same ticket
        await host.RoutedAsync(ticket.TicketId);
        await Eventually.TrueAsync(async () => await host.QueryAsync(db => Task.FromResult(db.InboxMessages.Count())) >= 2);
        Assert.Single(await host.EventsAsync<TicketRouted>(ticket.TicketId));
    }
}
