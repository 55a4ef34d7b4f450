using HelpDesk.ServiceDefaults.Http;
using System.Net;
using System.Net.Http.Json;
using HelpDesk.Contracts;
using HelpDesk.Testing;
using Microsoft.Extensions.Time.Testing;

namespace HelpDesk.Intake.Tests;

public sealed class LifecycleTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<TicketResponse> MoveAsync(ServiceTestHost host, Guid id, TicketStatus to, object? extra = null)
    {
        var response = await host.TransitionAsync(id, to, extra);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<TicketResponse>(TestJson.Options, Ct))!;
    }

    private static Task<HttpResponseMessage> CommentAsync(ServiceTestHost host, Guid id, object body, Caller? caller = null) =>
        (caller is null ? host.Client : host.ClientAs(caller)).PostAsJsonAsync($"/api/v1/tickets/{id}/comments", body, TestJson.Options, Ct);

    [Fact]
    public async Task Full_lifecycle_publishes_every_change_through_the_outbox()
    {
        await using var host = await ServiceTestHost.StartAsync(IntakeUnderTest.Service);
        var ticket = await host.SubmitAsync(IntakeUnderTest.NewTicket());

        await MoveAsync(host, ticket.Id, TicketStatus.Assigned, new { assigneeId = "agent-7", assigneeName = "Sam" });
        await MoveAsync(host, ticket.Id, TicketStatus.InProgress);
        await MoveAsync(host, ticket.Id, TicketStatus.PendingCustomer, new { reason = "waiting for logs" });
        var resolved = await MoveAsync(host, ticket.Id, TicketStatus.Resolved, new { resolution = "Replaced the VPN profile." });
        var closed = await MoveAsync(host, ticket.Id, TicketStatus.Closed);

        Assert.Equal("agent-7", resolved.AssigneeId);
        Assert.Equal("Replaced the VPN profile.", resolved.Resolution);
        Assert.NotNull(resolved.ResolvedAt);
        Assert.Equal(TicketStatus.Closed, closed.Status);
        Assert.NotNull(closed.ClosedAt);

        var events = await host.OutboxFor(ticket.Id);
        Assert.Equal(
            ["TicketSubmitted", "TicketStatusChanged", "TicketStatusChanged", "TicketStatusChanged", "TicketStatusChanged", "TicketResolved", "TicketStatusChanged", "TicketClosed"],
            events.Select(e => e.Type));
        var changes = events.Where(e => e.Type == "TicketStatusChanged").Select(e => (e.Body.GetProperty("from").GetString(), e.Body.GetProperty("to").GetString())).ToList();
        Assert.Equal([("New", "Assigned"), ("Assigned", "InProgress"), ("InProgress", "PendingCustomer"), ("PendingCustomer", "Resolved"), ("Resolved", "Closed")], changes);
        // The actor is the caller, not the "actor" the body names.
        Assert.Equal("test-platform", events[1].Body.GetProperty("changedBy").GetString());
    }

    [Theory]
    [InlineData(TicketStatus.Closed)]
    [InlineData(TicketStatus.New)]
    public async Task Invalid_transitions_are_409_problems(TicketStatus to)
    {
        await using var host = await ServiceTestHost.StartAsync(IntakeUnderTest.Service);
        var ticket = await host.SubmitAsync(IntakeUnderTest.NewTicket());
        var response = await host.TransitionAsync(ticket.Id, to);
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("cannot go from New", (await response.ProblemAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Single(await host.OutboxFor(ticket.Id));
    }

    [Fact]
    public async Task Assigning_needs_an_assignee_and_an_unknown_status_is_named()
    {
        await using var host = await ServiceTestHost.StartAsync(IntakeUnderTest.Service);
        var ticket = await host.SubmitAsync(IntakeUnderTest.NewTicket());
        Assert.Equal(HttpStatusCode.Conflict, (await host.TransitionAsync(ticket.Id, TicketStatus.Assigned)).StatusCode);

        var missing = await host.Client.PostAsJsonAsync($"/api/v1/tickets/{ticket.Id}/transitions", new { actor = "x" }, Ct);
        Assert.Equal(["to"], (await missing.ProblemAsync()).ErrorFields());
        var unknown = await host.Client.PostAsync($"/api/v1/tickets/{ticket.Id}/transitions", new StringContent("{\"to\":\"Done\"}", System.Text.Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal(["to"], (await unknown.ProblemAsync()).ErrorFields());
    }

    [Fact]
    public async Task Closed_is_final()
    {
        await using var host = await ServiceTestHost.StartAsync(IntakeUnderTest.Service);
        var ticket = await host.SubmitAsync(IntakeUnderTest.NewTicket());
        await MoveAsync(host, ticket.Id, TicketStatus.Resolved);
        await MoveAsync(host, ticket.Id, TicketStatus.Closed);

        foreach (var to in Enum.GetValues<TicketStatus>())
        {
            Assert.Equal(HttpStatusCode.Conflict, (await host.TransitionAsync(ticket.Id, to)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.Conflict, (await CommentAsync(host, ticket.Id, new { body = "hello?" })).StatusCode);
    }

    [Fact]
    public async Task Reopen_is_allowed_only_within_the_window_after_resolution()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        await using var host = await ServiceTestHost.StartAsync(IntakeUnderTest.Service, new Dictionary<string, string?> { ["Intake:ReopenWindow"] = "3.00:00:00" }, time: clock);
        var ticket = await host.SubmitAsync(IntakeUnderTest.NewTicket());

        await MoveAsync(host, ticket.Id, TicketStatus.Resolved);
        clock.Advance(TimeSpan.FromDays(2));
        var reopened = await MoveAsync(host, ticket.Id, TicketStatus.InProgress, new { reason = "still broken" });
        Assert.Equal(1, reopened.ReopenCount);
        var events = await host.OutboxFor(ticket.Id);
        Assert.Equal("TicketReopened", events[^1].Type);
        Assert.Equal("still broken", events[^1].Body.GetProperty("reason").GetString());

        await MoveAsync(host, ticket.Id, TicketStatus.Resolved);
        clock.Advance(TimeSpan.FromDays(3) + TimeSpan.FromMinutes(1));
        var late = await host.TransitionAsync(ticket.Id, TicketStatus.InProgress);
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Contains("can no longer be reopened", (await late.ProblemAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task First_public_agent_reply_is_the_first_response()
    {
        await using var host = await ServiceTestHost.StartAsync(IntakeUnderTest.Service);
        var ticket = await host.SubmitAsync(IntakeUnderTest.NewTicket());

        var internalNote = await CommentAsync(host, ticket.Id, new { body = "Checking the concentrator logs", author = "agent-7", isPublic = false });
        var requester = await CommentAsync(host, ticket.Id, new { body = "It happened again", authorKind = "Agent" }, TestCallers.Requester());
        var reply = await CommentAsync(host, ticket.Id, new { body = "We are on it", author = "agent-7" });
        var second = await CommentAsync(host, ticket.Id, new { body = "Fixed?", author = "agent-8" });

        Assert.False((await internalNote.Content.ReadFromJsonAsync<CommentResponse>(TestJson.Options, Ct))!.IsFirstResponse);
        Assert.Equal("ada@example.org", (await requester.Content.ReadFromJsonAsync<CommentResponse>(TestJson.Options, Ct))!.Author);
        Assert.True((await reply.Content.ReadFromJsonAsync<CommentResponse>(TestJson.Options, Ct))!.IsFirstResponse);
        Assert.False((await second.Content.ReadFromJsonAsync<CommentResponse>(TestJson.Options, Ct))!.IsFirstResponse);

        var view = await host.Client.GetFromJsonAsync<TicketResponse>($"/api/v1/tickets/{ticket.Id}", TestJson.Options, Ct);
        Assert.NotNull(view!.FirstRespondedAt);
        var commented = (await host.OutboxFor(ticket.Id)).Where(e => e.Type == "TicketCommented").ToList();
        Assert.Equal([false, false, true, false], commented.Select(e => e.Body.GetProperty("isFirstResponse").GetBoolean()));
        Assert.False(commented[0].Body.GetProperty("isPublic").GetBoolean());

        var publicOnly = await host.Client.GetFromJsonAsync<CommentResponse[]>($"/api/v1/tickets/{ticket.Id}/comments", TestJson.Options, Ct);
        var all = await host.Client.GetFromJsonAsync<CommentResponse[]>($"/api/v1/tickets/{ticket.Id}/comments?includeInternal=true", TestJson.Options, Ct);
        Assert.Equal(3, publicOnly!.Length);
        Assert.Equal(4, all!.Length);
    }

    [Fact]
    public async Task Requester_reply_resumes_a_ticket_pending_on_the_customer()
    {
        await using var host = await ServiceTestHost.StartAsync(IntakeUnderTest.Service);
        var ticket = await host.SubmitAsync(IntakeUnderTest.NewTicket());
        await MoveAsync(host, ticket.Id, TicketStatus.PendingCustomer);
        var comment = await CommentAsync(host, ticket.Id, new { body = "Here are the logs" }, TestCallers.Requester());
        Assert.Equal(HttpStatusCode.Created, comment.StatusCode);

        var view = await host.Client.GetFromJsonAsync<TicketResponse>($"/api/v1/tickets/{ticket.Id}", TestJson.Options, Ct);
        Assert.Equal(TicketStatus.InProgress, view!.Status);
        var last = (await host.OutboxFor(ticket.Id))[^1];
        Assert.Equal("TicketStatusChanged", last.Type);
        Assert.Equal("PendingCustomer", last.Body.GetProperty("from").GetString());

        var invalid = await CommentAsync(host, ticket.Id, new { body = " " }, TestCallers.Requester());
        Assert.Equal(["body"], (await invalid.ProblemAsync()).ErrorFields());
        // A requester cannot write an internal note, whatever the body says.
        var note = await CommentAsync(host, ticket.Id, new { body = "psst", isPublic = false, authorKind = "Agent" }, TestCallers.Requester());
        Assert.Equal(HttpStatusCode.Forbidden, note.StatusCode);
    }

    [Fact]
    public async Task Satisfaction_is_rated_once_after_resolution()
    {
        await using var host = await ServiceTestHost.StartAsync(IntakeUnderTest.Service);
        var ticket = await host.SubmitAsync(IntakeUnderTest.NewTicket());
        var rate = (object body) => host.Client.PostAsJsonAsync($"/api/v1/tickets/{ticket.Id}/rating", body, TestJson.Options, Ct);

        Assert.Equal(HttpStatusCode.Conflict, (await rate(new { score = 5 })).StatusCode);
        await MoveAsync(host, ticket.Id, TicketStatus.Resolved);
        Assert.Equal(["score"], (await (await rate(new { score = 6 })).ProblemAsync()).ErrorFields());
        Assert.Equal(["score"], (await (await rate(new { comment = "no score" })).ProblemAsync()).ErrorFields());

        var rated = await rate(new { score = 4, comment = "Quick, thanks" });
        Assert.Equal(HttpStatusCode.OK, rated.StatusCode);
        Assert.Equal(4, (await rated.Content.ReadFromJsonAsync<TicketResponse>(TestJson.Options, Ct))!.SatisfactionScore);
        Assert.Equal(HttpStatusCode.Conflict, (await rate(new { score = 1 })).StatusCode);

        var evt = (await host.OutboxFor(ticket.Id))[^1];
        Assert.Equal("TicketRated", evt.Type);
        Assert.Equal(4, evt.Body.GetProperty("score").GetInt32());
        Assert.Equal("Quick, thanks", evt.Body.GetProperty("comment").GetString());
    }

    [Fact]
    public async Task A_stale_version_is_refused_so_two_agents_cannot_both_transition()
    {
        await using var host = await ServiceTestHost.StartAsync(IntakeUnderTest.Service);
        var ticket = await host.SubmitAsync(IntakeUnderTest.NewTicket());

        var first = await host.TransitionAsync(ticket.Id, TicketStatus.InProgress, new { expectedVersion = ticket.Version });
        var second = await host.TransitionAsync(ticket.Id, TicketStatus.Resolved, new { expectedVersion = ticket.Version });
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal("Version conflict", (await second.ProblemAsync()).GetProperty("title").GetString());

        using var ifMatch = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/tickets/{ticket.Id}/transitions") { Content = JsonContent.Create(new { to = "Resolved" }) };
        ifMatch.Headers.TryAddWithoutValidation("If-Match", $"\"{ticket.Version}\"");
        Assert.Equal(HttpStatusCode.Conflict, (await host.Client.SendAsync(ifMatch, Ct)).StatusCode);
    }

    [Fact]
    public async Task Concurrent_conflicting_transitions_apply_at_most_once()
    {
        await using var host = await ServiceTestHost.StartAsync(IntakeUnderTest.Service);
        var ticket = await host.SubmitAsync(IntakeUnderTest.NewTicket());
        await MoveAsync(host, ticket.Id, TicketStatus.Resolved);

        // Racing agents: close vs reopen. Exactly one wins; the loser gets a 409, never a 5xx or a double effect.
        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => host.TransitionAsync(ticket.Id, i % 2 == 0 ? TicketStatus.Closed : TicketStatus.InProgress)));
        Assert.All(results, r => Assert.True(r.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, r.StatusCode.ToString()));
        var events = await host.OutboxFor(ticket.Id);
        var after = events.SkipWhile(e => e.Type != "TicketResolved").Skip(1).Where(e => e.Type == "TicketStatusChanged").ToList();
        var view = await host.Client.GetFromJsonAsync<TicketResponse>($"/api/v1/tickets/{ticket.Id}", TestJson.Options, Ct);
        Assert.Equal(results.Count(r => r.StatusCode == HttpStatusCode.OK), after.Count);
        Assert.Equal(view!.Status.ToString(), after[^1].Body.GetProperty("to").GetString());
        // A lost update would show as two changes both starting from Resolved: each change must start where the last ended.
        var expectedFrom = "Resolved";
        foreach (var change in after)
        {
            Assert.Equal(expectedFrom, change.Body.GetProperty("from").GetString());
            expectedFrom = change.Body.GetProperty("to").GetString();
        }
    }
}
