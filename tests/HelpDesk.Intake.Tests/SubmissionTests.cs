using System.Net;
using System.Net.Http.Json;
using HelpDesk.Contracts;
using HelpDesk.Testing;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Intake.Tests;

public sealed class SubmissionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Submission_creates_a_numbered_ticket_with_its_event_in_the_outbox()
    {
        await using var host = await ServiceTestHost.StartAsync(IntakeUnderTest.Service);
        var ticket = await host.SubmitAsync(new
        {
            subject = "  Laptop will not boot  ",
            description = "Black screen after the update.",
            requester = new { email = "Grace@Example.org", name = "Grace Hopper", organisation = "Navy" },
            type = "ServiceRequest",
            channel = "Portal",
            impact = "High",
            urgency = "High",
            language = "en-GB",
            tags = new List<string> { "Hardware", "laptop", "hardware" },
            attachments = new[] { new { name = "screen.png", contentType = "image/png", sizeBytes = 2048, url = "https://files.example.org/screen.png" } },
            catalogItem = "laptop-repair",
            portal = "self-service",
        });

        Assert.Matches("^HD-\\d{6}$", ticket.Number);
        Assert.Equal("Laptop will not boot", ticket.Subject);
        Assert.Equal("grace@example.org", ticket.RequesterEmail);
        Assert.Equal(TicketPriority.Critical, ticket.Priority);
        Assert.Equal(TicketType.ServiceRequest, ticket.Type);
        Assert.Equal(TicketChannel.Portal, ticket.Channel);
        Assert.Equal(TicketStatus.New, ticket.Status);
        Assert.Equal(["hardware", "laptop"], ticket.Tags);
        Assert.Equal("screen.png", Assert.Single(ticket.Attachments).Name);

        var fetched = await host.Client.GetFromJsonAsync<TicketResponse>($"/api/v1/tickets/{ticket.Number.ToLowerInvariant()}", TestJson.Options, Ct);
        Assert.Equal(ticket.Id, fetched!.Id);
        Assert.Equal("Navy", fetched.RequesterOrganisation);

        var (type, body) = Assert.Single(await host.OutboxFor(ticket.Id));
        Assert.Equal(nameof(TicketSubmitted), type);
        Assert.Equal(ticket.Number, body.GetProperty("ticketNumber").GetString());
        Assert.Equal("High", body.GetProperty("impact").GetString());
        Assert.Equal("High", body.GetProperty("urgency").GetString());
        Assert.Equal("laptop-repair", body.GetProperty("catalogItem").GetString());
        Assert.Equal("self-service", body.GetProperty("portal").GetString());
        Assert.Equal(2, body.GetProperty("tags").GetArrayLength());
        Assert.Equal("grace@example.org", body.GetProperty("requester").GetProperty("email").GetString());
    }

    [Theory]
    [InlineData("High", "High", TicketPriority.Critical)]
    [InlineData("High", "Low", TicketPriority.Medium)]
    [InlineData("Medium", "Medium", TicketPriority.Medium)]
    [InlineData("Medium", "High", TicketPriority.High)]
    [InlineData("Low", "Low", TicketPriority.Low)]
    public async Task Priority_follows_the_default_impact_urgency_matrix(string impact, string urgency, TicketPriority expected)
    {
        await using var host = await ServiceTestHost.StartAsync(IntakeUnderTest.Service);
        var ticket = await host.SubmitAsync(new { subject = "Printer", description = "Jammed", requesterEmail = "a@example.org", impact, urgency });
        Assert.Equal(expected, ticket.Priority);
    }

    [Fact]
    public async Task Priority_matrix_cells_are_configurable()
    {
        await using var host = await ServiceTestHost.StartAsync(IntakeUnderTest.Service, new Dictionary<string, string?> { ["Intake:PriorityMatrix:Low:High"] = "Critical" });
        var overridden = await host.SubmitAsync(new { subject = "Printer", description = "Jammed", requesterEmail = "a@example.org", impact = "Low", urgency = "High" });
        var untouched = await host.SubmitAsync(new { subject = "Printer", description = "Jammed", requesterEmail = "a@example.org", impact = "High", urgency = "High" });
        Assert.Equal(TicketPriority.Critical, overridden.Priority);
        Assert.Equal(TicketPriority.Critical, untouched.Priority);
        var defaults = await host.SubmitAsync(new { subject = "Printer", description = "Jammed", requesterEmail = "a@example.org", impact = "Low", urgency = "Low" });
        Assert.Equal(TicketPriority.Low, defaults.Priority);
    }

    [Fact]
    public async Task Ticket_numbers_are_unique_and_increasing_under_concurrent_submissions()
    {
        await using var host = await ServiceTestHost.StartAsync(IntakeUnderTest.Service, new Dictionary<string, string?> { ["Intake:NumberPrefix"] = "IT" });
        var tickets = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => host.SubmitAsync(IntakeUnderTest.NewTicket($"Concurrent {i}"))));
        var numbers = tickets.Select(t => t.Number).ToList();
        Assert.Equal(40, numbers.Distinct().Count());
        Assert.All(numbers, n => Assert.Matches("^IT-\\d{6}$", n));
        var sequences = await host.InDbAsync(db => db.Tickets.Select(t => t.Sequence).ToListAsync());
        Assert.Equal(40, sequences.Distinct().Count());
    }

    [Fact]
    public async Task Gateway_identity_sets_the_default_channel_and_the_submitting_client()
    {
        await using var host = await ServiceTestHost.StartAsync(IntakeUnderTest.Service);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/tickets") { Content = JsonContent.Create(IntakeUnderTest.NewTicket(), options: TestJson.Options) };
        request.As(TestCallers.Channel("chat-bot", "chat", ["tickets:write", "tickets:read"]));
        var response = await host.Anonymous.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var ticket = await response.Content.ReadFromJsonAsync<TicketResponse>(TestJson.Options, Ct);
        Assert.Equal(TicketChannel.Chat, ticket!.Channel);
        Assert.Equal("chat-bot", ticket.SubmittedBy);

        var direct = await host.SubmitAsync(IntakeUnderTest.NewTicket());
        Assert.Equal(TicketChannel.Api, direct.Channel);
        Assert.Equal("test-platform", direct.SubmittedBy);
    }

    [Fact]
    public async Task Unknown_ticket_is_a_404_problem()
    {
        await using var host = await ServiceTestHost.StartAsync(IntakeUnderTest.Service);
        var response = await host.Client.GetAsync("/api/v1/tickets/HD-999999", Ct);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Ticket not found", (await response.ProblemAsync()).GetProperty("title").GetString());
    }
}
