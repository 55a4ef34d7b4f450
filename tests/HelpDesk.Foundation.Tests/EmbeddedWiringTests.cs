using System.Net;
using System.Net.Http.Json;
using HelpDesk.Embedded;
using HelpDesk.Contracts;
using HelpDesk.Testing;

namespace HelpDesk.Foundation.Tests;

/// <summary>The embedded composition: every service in one process, the gateway in front, one event flowing to all.</summary>
public sealed class EmbeddedWiringTests
{
    [Fact]
    public async Task A_ticket_submitted_through_the_gateway_reaches_every_service_and_routing_comes_back()
    {
        using var data = new TempDirectory("helpdesk-embedded");
        await using var platform = await EmbeddedPlatform.StartAsync(data.Path, [], TestContext.Current.CancellationToken);
        using var client = new HttpClient { BaseAddress = platform.GatewayAddress };
        // No keys configured: the gateway keeps the data directory's local key, so it is never open.
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/tickets", TestContext.Current.CancellationToken)).StatusCode);
        client.DefaultRequestHeaders.Add("X-Api-Key", File.ReadAllText(EmbeddedPlatform.LocalKeyFile(data.Path)).Trim());

        var health = await client.GetAsync("/health", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);

        var created = await client.PostAsJsonAsync("/api/v1/tickets", new
        {
            subject = "VPN drops every hour",
            description = "Since this morning the VPN disconnects.",
            requesterEmail = "ada@example.org",
        }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var ticket = await created.Content.ReadFromJsonAsync<TicketView>(TestJson.Options, TestContext.Current.CancellationToken);
        Assert.NotNull(ticket);

        foreach (var prefix in new[] { "routing", "kb", "sla", "notifications" })
        {
            await Eventually.TrueAsync(
                async () => (await client.GetAsync($"/api/v1/{prefix}/tickets/{ticket.Id}")).StatusCode == HttpStatusCode.OK,
                what: $"{prefix} to receive TicketSubmitted");
        }

        var routed = await Eventually.GetAsync(async () =>
        {
            var view = await client.GetFromJsonAsync<TicketView>($"/api/v1/tickets/{ticket.Id}", TestJson.Options);
            return view?.Queue is null ? null : view;
        }, what: "TicketRouted to be recorded on the ticket");
        Assert.False(string.IsNullOrEmpty(routed.Queue));
    }

    private sealed record TicketView(Guid Id, string Number, string? Queue, TicketStatus Status);
}
