using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using HelpDesk.Contracts;
using HelpDesk.Intake.Api;
using HelpDesk.ServiceDefaults.Http;
using HelpDesk.Testing;

namespace HelpDesk.Intake.Tests;

/// <summary>Who sees and does what with which ticket, by role and ownership, with real service tokens.</summary>
public sealed class TicketAccessTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly Caller Ada = TestCallers.Requester("ada", "acme");
    private static readonly Caller Bob = TestCallers.Requester("bob", "acme");

    [Fact]
    public async Task Requester_A_cannot_read_comment_rate_or_reopen_requester_Bs_ticket()
    {
        await using var host = await ServiceTestHost.StartAsync(IntakeUnderTest.Service);
        var ada = host.ClientAs(Ada);
        var bob = host.ClientAs(Bob);
        var created = await ada.PostAsJsonAsync("/api/v1/tickets", IntakeUnderTest.NewTicket("Printer jams", "mallory@evil.example"), TestJson.Options, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var ticket = (await created.Content.ReadFromJsonAsync<TicketResponse>(TestJson.Options, Ct))!;
        // The requester comes from the identity, not from the body.
        Assert.Equal("ada@example.org", ticket.RequesterEmail);

        await host.TransitionAsync(ticket.Id, TicketStatus.Resolved);
        Assert.Equal(HttpStatusCode.NotFound, (await bob.GetAsync($"/api/v1/tickets/{ticket.Id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bob.GetAsync($"/api/v1/tickets/{ticket.Number}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bob.GetAsync($"/api/v1/tickets/{ticket.Id}/comments", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bob.PostAsJsonAsync($"/api/v1/tickets/{ticket.Id}/comments", new { body = "mine now" }, TestJson.Options, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bob.PostAsJsonAsync($"/api/v1/tickets/{ticket.Id}/rating", new { score = 1 }, TestJson.Options, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bob.PostAsJsonAsync($"/api/v1/tickets/{ticket.Id}/transitions", new { to = "InProgress" }, TestJson.Options, Ct)).StatusCode);
        var bobsList = await bob.GetFromJsonAsync<TicketPage>("/api/v1/tickets", TestJson.Options, Ct);
        Assert.DoesNotContain(bobsList!.Items, t => t.Id == ticket.Id);
        var bobsSearch = await bob.GetFromJsonAsync<TicketPage>("/api/v1/tickets?requester=ada@example.org", TestJson.Options, Ct);
        Assert.Empty(bobsSearch!.Items);

        // Nothing Bob tried left a trace.
        var after = await ada.GetFromJsonAsync<TicketResponse>($"/api/v1/tickets/{ticket.Id}", TestJson.Options, Ct);
        Assert.Equal((TicketStatus.Resolved, (int?)null, 0), (after!.Status, after.SatisfactionScore, after.ReopenCount));
        Assert.Empty((await ada.GetFromJsonAsync<CommentResponse[]>($"/api/v1/tickets/{ticket.Id}/comments", TestJson.Options, Ct))!);

        // Ada can do all of it on her own ticket.
        Assert.Equal(HttpStatusCode.Created, (await ada.PostAsJsonAsync($"/api/v1/tickets/{ticket.Id}/comments", new { body = "thanks" }, TestJson.Options, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ada.PostAsJsonAsync($"/api/v1/tickets/{ticket.Id}/rating", new { score = 5 }, TestJson.Options, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ada.PostAsJsonAsync($"/api/v1/tickets/{ticket.Id}/transitions", new { to = "InProgress", reason = "again" }, TestJson.Options, Ct)).StatusCode);
        Assert.Contains((await ada.GetFromJsonAsync<TicketPage>("/api/v1/tickets", TestJson.Options, Ct))!.Items, t => t.Id == ticket.Id);
    }

    [Fact]
    public async Task Requesters_never_see_internal_notes_and_cannot_write_them_and_authors_come_from_the_identity()
    {
        await using var host = await ServiceTestHost.StartAsync(IntakeUnderTest.Service);
        var ada = host.ClientAs(Ada);
        var grace = host.ClientAs(TestCallers.Agent("grace"));
        var ticket = (await (await ada.PostAsJsonAsync("/api/v1/tickets", IntakeUnderTest.NewTicket(), TestJson.Options, Ct)).Content.ReadFromJsonAsync<TicketResponse>(TestJson.Options, Ct))!;

        var note = await grace.PostAsJsonAsync($"/api/v1/tickets/{ticket.Id}/comments", new { body = "VIP, handle with care", isPublic = false, author = "someone-else" }, TestJson.Options, Ct);
        var noteView = (await note.Content.ReadFromJsonAsync<CommentResponse>(TestJson.Options, Ct))!;
        Assert.Equal(("grace@example.org", CommentAuthorKind.Agent, false), (noteView.Author, noteView.AuthorKind, noteView.IsPublic));

        // Claiming to be an agent in the body changes nothing: the comment is the requester's and stops no SLA clock.
        var forged = await ada.PostAsJsonAsync($"/api/v1/tickets/{ticket.Id}/comments", new { body = "I am the agent", authorKind = "Agent", author = "grace@example.org" }, TestJson.Options, Ct);
        var forgedView = (await forged.Content.ReadFromJsonAsync<CommentResponse>(TestJson.Options, Ct))!;
        Assert.Equal(("ada@example.org", CommentAuthorKind.Requester, false), (forgedView.Author, forgedView.AuthorKind, forgedView.IsFirstResponse));
        Assert.Equal(HttpStatusCode.Forbidden, (await ada.PostAsJsonAsync($"/api/v1/tickets/{ticket.Id}/comments", new { body = "secret", isPublic = false }, TestJson.Options, Ct)).StatusCode);

        var adaSees = await ada.GetFromJsonAsync<CommentResponse[]>($"/api/v1/tickets/{ticket.Id}/comments?includeInternal=true", TestJson.Options, Ct);
        Assert.Equal([forgedView.Id], adaSees!.Select(c => c.Id));
        var graceSees = await grace.GetFromJsonAsync<CommentResponse[]>($"/api/v1/tickets/{ticket.Id}/comments?includeInternal=true", TestJson.Options, Ct);
        Assert.Equal(2, graceSees!.Length);

        // The actor of a status change is the caller.
        await grace.PostAsJsonAsync($"/api/v1/tickets/{ticket.Id}/transitions", new { to = "InProgress", actor = "nobody" }, TestJson.Options, Ct);
        var changed = (await host.OutboxFor(ticket.Id)).Last(e => e.Type == "TicketStatusChanged");
        Assert.Equal("grace@example.org", changed.Body.GetProperty("changedBy").GetString());
    }

    [Fact]
    public async Task Leads_read_everything_and_change_nothing()
    {
        await using var host = await ServiceTestHost.StartAsync(IntakeUnderTest.Service);
        var ticket = await host.SubmitAsync(IntakeUnderTest.NewTicket());
        await host.Client.PostAsJsonAsync($"/api/v1/tickets/{ticket.Id}/comments", new { body = "note", isPublic = false }, TestJson.Options, Ct);
        var lead = host.ClientAs(TestCallers.Lead());

        Assert.Equal(HttpStatusCode.OK, (await lead.GetAsync($"/api/v1/tickets/{ticket.Id}", Ct)).StatusCode);
        Assert.Single((await lead.GetFromJsonAsync<CommentResponse[]>($"/api/v1/tickets/{ticket.Id}/comments?includeInternal=true", TestJson.Options, Ct))!);
        Assert.Equal(HttpStatusCode.Forbidden, (await lead.PostAsJsonAsync($"/api/v1/tickets/{ticket.Id}/comments", new { body = "x" }, TestJson.Options, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await lead.PostAsJsonAsync($"/api/v1/tickets/{ticket.Id}/transitions", new { to = "Closed" }, TestJson.Options, Ct)).StatusCode);
    }

    [Fact]
    public async Task An_organisation_that_shares_tickets_lets_its_requesters_see_each_others()
    {
        await using var host = await ServiceTestHost.StartAsync(IntakeUnderTest.Service);
        var carol = host.ClientAs(TestCallers.Requester("carol", "globex", sharesOrganisationTickets: true));
        var dave = host.ClientAs(TestCallers.Requester("dave", "globex", sharesOrganisationTickets: true));
        var erin = host.ClientAs(TestCallers.Requester("erin", "initech", sharesOrganisationTickets: true));
        var ticket = (await (await carol.PostAsJsonAsync("/api/v1/tickets", IntakeUnderTest.NewTicket(), TestJson.Options, Ct)).Content.ReadFromJsonAsync<TicketResponse>(TestJson.Options, Ct))!;

        Assert.Equal(HttpStatusCode.OK, (await dave.GetAsync($"/api/v1/tickets/{ticket.Id}", Ct)).StatusCode);
        Assert.Contains((await dave.GetFromJsonAsync<TicketPage>("/api/v1/tickets", TestJson.Options, Ct))!.Items, t => t.Id == ticket.Id);
        Assert.Equal(HttpStatusCode.NotFound, (await erin.GetAsync($"/api/v1/tickets/{ticket.Id}", Ct)).StatusCode);
        // Seeing is not owning: only the requester rates.
        await host.TransitionAsync(ticket.Id, TicketStatus.Resolved);
        Assert.Equal(HttpStatusCode.Forbidden, (await dave.PostAsJsonAsync($"/api/v1/tickets/{ticket.Id}/rating", new { score = 1 }, TestJson.Options, Ct)).StatusCode);
    }

    [Fact]
    public async Task A_call_without_a_valid_gateway_token_gets_nothing()
    {
        await using var host = await ServiceTestHost.StartAsync(IntakeUnderTest.Service);
        var ticket = await host.SubmitAsync(IntakeUnderTest.NewTicket());

        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Anonymous.GetAsync($"/api/v1/tickets/{ticket.Id}", Ct)).StatusCode);
        var forgedHeaders = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/tickets/{ticket.Id}");
        forgedHeaders.Headers.Add(HelpDeskHeaders.ClientId, "admin");
        forgedHeaders.Headers.Add(HelpDeskHeaders.Scopes, "tickets:read tickets:write");
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Anonymous.SendAsync(forgedHeaders, Ct)).StatusCode);

        var (otherKey, _) = ServiceTokens.NewKeyPair();
        var foreign = ServiceTokens.Create(ServiceTokens.LoadKey(otherKey), ServiceTokens.ClaimsOf(TestCallers.Platform), TimeSpan.FromMinutes(5));
        var expired = ServiceTokens.Create(ServiceTokens.LoadKey(TestCallers.SigningKeyPem), ServiceTokens.ClaimsOf(TestCallers.Platform), TimeSpan.FromMinutes(5),
            new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(-1)));
        var valid = TestCallers.TokenFor(TestCallers.Platform);
        var tampered = valid[..^4] + (valid[^4] == 'A' ? "BBBB" : "AAAA");
        foreach (var token in new[] { foreign, expired, tampered, "not-a-jwt" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/tickets/{ticket.Id}");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var response = await host.Anonymous.SendAsync(request, Ct);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        // Probes and the API description stay open, without exception text.
        Assert.Equal(HttpStatusCode.OK, (await host.Anonymous.GetAsync("/health", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.Anonymous.GetAsync("/alive", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.Anonymous.GetAsync("/openapi/v1.json", Ct)).StatusCode);
    }
}
