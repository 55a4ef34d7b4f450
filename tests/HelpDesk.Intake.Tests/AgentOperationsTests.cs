using System.Net;
using System.Net.Http.Json;
using HelpDesk.Contracts;
using HelpDesk.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Intake.Tests;

/// <summary>Reassignment, edits with If-Match, macros and history (issue 17, items 1–2).</summary>
public sealed class AgentOperationsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Reassigning_publishes_one_event_per_hand_over_and_allows_assigned_to_assigned()
    {
        await using var host = await ServiceTestHost.StartAsync(IntakeUnderTest.Service);
        var ticket = await host.SubmitAsync(IntakeUnderTest.NewTicket());

        var first = await (await host.SendAsync(HttpMethod.Put, $"/api/v1/tickets/{ticket.Id}/assignment", new { agentId = "ana", agentName = "Ana" })).OkAsync<TicketResponse>();
        Assert.Equal((TicketStatus.Assigned, "ana"), (first.Status, first.AssigneeId));
        var second = await (await host.SendAsync(HttpMethod.Put, $"/api/v1/tickets/{ticket.Id}/assignment", new { agentId = "bo", queue = "network", reason = "needs a network engineer" }, ifMatch: $"\"{first.Version}\"")).OkAsync<TicketResponse>();
        Assert.Equal((TicketStatus.Assigned, "bo", "network"), (second.Status, second.AssigneeId, second.Queue));
        var byTransition = await host.TransitionAsync(ticket.Id, TicketStatus.Assigned, new { assigneeId = "cy" });
        Assert.Equal(HttpStatusCode.OK, byTransition.StatusCode);

        var stale = await host.SendAsync(HttpMethod.Put, $"/api/v1/tickets/{ticket.Id}/assignment", new { agentId = "dee" }, ifMatch: $"\"{first.Version}\"");
        Assert.Equal("If-Match", (await stale.ProblemOf(HttpStatusCode.PreconditionFailed)).Field());
        var nobody = await host.SendAsync(HttpMethod.Put, $"/api/v1/tickets/{ticket.Id}/assignment", new { reason = "x" });
        Assert.Equal("agentId", (await nobody.ProblemOf(HttpStatusCode.BadRequest)).Field());

        var events = await host.OutboxFor(ticket.Id);
        var reassigned = events.Where(e => e.Type == "TicketReassigned").Select(e => (e.Body.GetProperty("sequence").GetInt64(), e.Body.GetProperty("toAgentId").GetString())).ToList();
        Assert.Equal([(1L, "ana"), (2L, "bo"), (3L, "cy")], reassigned);
        Assert.Single(events, e => e.Type == "TicketStatusChanged");

        var history = await host.HistoryAsync(ticket.Id);
        Assert.Equal(["created", "assignee", "status", "assignee", "queue", "assignee"], history.Entries.Select(e => e.Field));
        var queueChange = history.Entries.Single(e => e.Field == "queue");
        Assert.Equal((null, "network", "needs a network engineer"), (queueChange.OldValue, queueChange.NewValue, queueChange.Detail));
    }

    [Fact]
    public async Task An_older_routing_assignment_never_overwrites_a_newer_hand_over()
    {
        await using var host = await ServiceTestHost.StartAsync(IntakeUnderTest.Service);
        var ticket = await host.SubmitAsync(IntakeUnderTest.NewTicket());
        await (await host.SendAsync(HttpMethod.Put, $"/api/v1/tickets/{ticket.Id}/assignment", new { agentId = "bo" })).OkAsync<TicketResponse>();
        var bus = host.Services.GetRequiredService<MassTransit.IBus>();
        await bus.Publish(new TicketAssigned(ticket.Id, ticket.Number, "service-desk", "ana", "Ana", "least-loaded", DateTimeOffset.UtcNow), Ct);
        await bus.Publish(new TicketRouted(ticket.Id, ticket.Number, "service-desk", "General", "marker", DateTimeOffset.UtcNow), Ct);
        await Eventually.TrueAsync(async () => (await host.GetTicketAsync(ticket.Id)).Category == "General", what: "the marker");
        await Eventually.TrueAsync(async () => await host.InboxCountAsync() >= 2, what: "both messages consumed");
        Assert.Equal("bo", (await host.GetTicketAsync(ticket.Id)).AssigneeId);
    }

    [Fact]
    public async Task Editing_needs_the_current_etag_and_records_old_and_new_values()
    {
        await using var host = await ServiceTestHost.StartAsync(IntakeUnderTest.Service);
        var ticket = await host.SubmitAsync(IntakeUnderTest.NewTicket(extra: new
        {
            subject = "VPN down", description = "Nobody can connect.", requester = new { email = "ada@example.org" }, tags = new List<string> { "vpn" },
        }));
        var get = await host.Client.GetAsync($"/api/v1/tickets/{ticket.Id}", Ct);
        var etag = get.Headers.ETag!.Tag;
        Assert.Equal($"\"{ticket.Version}\"", etag);

        var missing = await host.SendAsync(HttpMethod.Patch, $"/api/v1/tickets/{ticket.Id}", new { impact = "High" });
        Assert.Equal("If-Match", (await missing.ProblemOf(HttpStatusCode.PreconditionRequired)).Field());
        var badEnum = await host.SendAsync(HttpMethod.Patch, $"/api/v1/tickets/{ticket.Id}", new { priority = "Urgentest" }, ifMatch: etag);
        Assert.Equal("priority", (await badEnum.ProblemOf(HttpStatusCode.BadRequest)).Field());
        var badTag = await host.SendAsync(HttpMethod.Patch, $"/api/v1/tickets/{ticket.Id}", new { addTags = new List<string> { "ok", "not ok!" } }, ifMatch: etag);
        Assert.Equal("addTags[1]", (await badTag.ProblemOf(HttpStatusCode.BadRequest)).Field());

        var edited = await host.SendAsync(HttpMethod.Patch, $"/api/v1/tickets/{ticket.Id}", new { impact = "High", urgency = "High", addTags = new List<string> { "outage" }, category = "Network" }, ifMatch: etag);
        var after = await edited.OkAsync<TicketResponse>();
        Assert.Equal((TicketPriority.Critical, ImpactLevel.High), (after.Priority, after.Impact));
        Assert.Equal(["vpn", "outage"], after.Tags);
        Assert.Equal($"\"{after.Version}\"", edited.Headers.ETag!.Tag);

        var stale = await host.SendAsync(HttpMethod.Patch, $"/api/v1/tickets/{ticket.Id}", new { priority = "Low" }, ifMatch: etag);
        Assert.Equal("If-Match", (await stale.ProblemOf(HttpStatusCode.PreconditionFailed)).Field());
        Assert.Equal(TicketPriority.Critical, (await host.GetTicketAsync(ticket.Id)).Priority);

        var updated = (await host.OutboxFor(ticket.Id)).Single(e => e.Type == "TicketUpdated").Body;
        var changes = updated.GetProperty("changes").EnumerateArray().Select(c => (c.GetProperty("field").GetString(), c.GetProperty("oldValue").GetString(), c.GetProperty("newValue").GetString())).ToList();
        Assert.Equal([("impact", "Medium", "High"), ("urgency", "Medium", "High"), ("priority", "Medium", "Critical"), ("category", null, "Network"), ("tags", "vpn", "vpn,outage")], changes);
        Assert.Equal(5, (await host.HistoryAsync(ticket.Id)).Entries.Count(e => e.Field is "impact" or "urgency" or "priority" or "category" or "tags"));
    }

    [Fact]
    public async Task A_macro_applies_reply_tags_and_status_in_one_transaction_or_not_at_all()
    {
        await using var host = await ServiceTestHost.StartAsync(IntakeUnderTest.Service);
        var unknownField = await host.SendAsync(HttpMethod.Put, "/api/v1/macros/bad", new { actions = new[] { new { field = "colour", value = "red" } } });
        Assert.Equal("actions[0].field", (await unknownField.ProblemOf(HttpStatusCode.BadRequest)).Field());
        var unknownPlaceholder = await host.SendAsync(HttpMethod.Put, "/api/v1/macros/bad", new { actions = new[] { new { field = "reply", value = "Hi {{requester.shoe_size}}" } } });
        Assert.Equal("actions[0].value", (await unknownPlaceholder.ProblemOf(HttpStatusCode.BadRequest)).Field());
        Assert.Equal(HttpStatusCode.NotFound, (await host.Client.GetAsync("/api/v1/macros/bad", Ct)).StatusCode);

        await (await host.SendAsync(HttpMethod.Put, "/api/v1/macros/vpn-fixed", new
        {
            description = "VPN profile replaced",
            actions = new[]
            {
                new { field = "reply", value = "Hello {{requester.name}}, {{ticket.number}} is fixed: we replaced your VPN profile." },
                new { field = "addTags", value = "vpn-profile" },
                new { field = "status", value = "Resolved" },
                new { field = "resolution", value = "Replaced the VPN profile." },
            },
        })).OkAsync<MacroResponse>();

        var ticket = await host.SubmitAsync(IntakeUnderTest.NewTicket());
        var applied = await (await host.SendAsync(HttpMethod.Post, $"/api/v1/tickets/{ticket.Id}/macro-runs", new { macro = "vpn-fixed" })).OkAsync<TicketResponse>();
        Assert.Equal((TicketStatus.Resolved, "Replaced the VPN profile."), (applied.Status, applied.Resolution));
        Assert.Contains("vpn-profile", applied.Tags);
        var comment = Assert.Single(await host.Client.GetFromJsonAsync<CommentResponse[]>($"/api/v1/tickets/{ticket.Id}/comments", TestJson.Options, Ct) ?? []);
        Assert.Equal($"Hello Ada Lovelace, {ticket.Number} is fixed: we replaced your VPN profile.", comment.Body);

        // On a closed ticket the first action is refused, so nothing of the macro is applied.
        await host.TransitionAsync(ticket.Id, TicketStatus.Closed);
        var before = await host.OutboxFor(ticket.Id);
        var refused = await host.SendAsync(HttpMethod.Post, $"/api/v1/tickets/{ticket.Id}/macro-runs", new { macro = "vpn-fixed" });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal(before.Count, (await host.OutboxFor(ticket.Id)).Count);
        Assert.Single(await host.Client.GetFromJsonAsync<CommentResponse[]>($"/api/v1/tickets/{ticket.Id}/comments", TestJson.Options, Ct) ?? []);
        var unknownMacro = await host.SendAsync(HttpMethod.Post, $"/api/v1/tickets/{ticket.Id}/macro-runs", new { macro = "nope" });
        Assert.Equal("macro", (await unknownMacro.ProblemOf(HttpStatusCode.BadRequest)).Field());
    }
}
