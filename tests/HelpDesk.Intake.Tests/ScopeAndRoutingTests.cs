using System.Net;
using System.Net.Http.Json;
using HelpDesk.Contracts;
using HelpDesk.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Intake.Tests;

public sealed class ScopeAndRoutingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static HttpRequestMessage AsGatewayClient(HttpMethod method, string path, string scopes, object? body = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body, options: TestJson.Options) };
        return request.As(TestCallers.Channel("key-123", "api", scopes.Split(' ')));
    }

    [Fact]
    public async Task Gateway_clients_need_the_tickets_scope_for_the_operation()
    {
        await using var host = await ServiceTestHost.StartAsync(IntakeUnderTest.Service);
        var readOnly = await host.Anonymous.SendAsync(AsGatewayClient(HttpMethod.Post, "/api/v1/tickets", "tickets:read kb:read", IntakeUnderTest.NewTicket()), Ct);
        Assert.Equal(HttpStatusCode.Forbidden, readOnly.StatusCode);
        Assert.Contains("tickets:write", (await readOnly.ProblemAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);

        var writer = await host.Anonymous.SendAsync(AsGatewayClient(HttpMethod.Post, "/api/v1/tickets", "tickets:write", IntakeUnderTest.NewTicket()), Ct);
        Assert.Equal(HttpStatusCode.Created, writer.StatusCode);
        var ticket = await writer.Content.ReadFromJsonAsync<TicketResponse>(TestJson.Options, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, (await host.Anonymous.SendAsync(AsGatewayClient(HttpMethod.Get, $"/api/v1/tickets/{ticket!.Id}", "tickets:write"), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.Anonymous.SendAsync(AsGatewayClient(HttpMethod.Get, $"/api/v1/tickets/{ticket.Id}", "tickets:read"), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await host.Anonymous.SendAsync(AsGatewayClient(HttpMethod.Post, $"/api/v1/tickets/{ticket.Id}/transitions", "tickets:read", new { to = "InProgress" }), Ct)).StatusCode);

        // A verified client without any scope gets nothing; no identity at all is 401.
        using var noScopes = new HttpRequestMessage(HttpMethod.Get, "/api/v1/tickets").As(TestCallers.Channel("key-123", "api", []));
        Assert.Equal(HttpStatusCode.Forbidden, (await host.Anonymous.SendAsync(noScopes, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Anonymous.GetAsync("/api/v1/tickets", Ct)).StatusCode);
    }

    [Fact]
    public async Task Routing_decisions_are_recorded_and_assignment_moves_a_new_ticket_to_assigned()
    {
        await using var host = await ServiceTestHost.StartAsync(IntakeUnderTest.Service);
        var ticket = await host.SubmitAsync(IntakeUnderTest.NewTicket());
        var bus = host.Services.GetRequiredService<IBus>();
        var now = DateTimeOffset.UtcNow;

        await bus.Publish(new TicketRouted(ticket.Id, ticket.Number, "network", "Network", "rule:vpn", now, PriorityOverride: TicketPriority.High), Ct);
        await bus.Publish(new TicketAssigned(ticket.Id, ticket.Number, "network", "agent-9", "Nina", "least-loaded", now), Ct);

        var view = await Eventually.GetAsync(async () =>
        {
            var t = await host.Client.GetFromJsonAsync<TicketResponse>($"/api/v1/tickets/{ticket.Id}", TestJson.Options, Ct);
            return t is { Status: TicketStatus.Assigned, Category: not null } ? t : null;
        }, what: "routing and assignment to be recorded");
        Assert.Equal("network", view.Queue);
        Assert.Equal("Network", view.Category);
        Assert.Equal(TicketPriority.High, view.Priority);
        Assert.Equal("agent-9", view.AssigneeId);
        var change = (await host.OutboxFor(ticket.Id)).Single(e => e.Type == "TicketStatusChanged");
        Assert.Equal("Assigned", change.Body.GetProperty("to").GetString());
        Assert.Equal("routing", change.Body.GetProperty("changedBy").GetString());
    }
}
