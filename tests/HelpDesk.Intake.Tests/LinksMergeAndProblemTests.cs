using System.Net;
using System.Net.Http.Json;
using HelpDesk.Contracts;
using HelpDesk.Testing;
using Microsoft.Extensions.Time.Testing;

namespace HelpDesk.Intake.Tests;

/// <summary>Typed links, merge and its undo, problem records (issue 17, items 3–4) and the bad input they refuse.</summary>
public sealed class LinksMergeAndProblemTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<HttpResponseMessage> LinkAsync(ServiceTestHost host, Guid from, string type, string target) =>
        host.SendAsync(HttpMethod.Post, $"/api/v1/tickets/{from}/links", new { type, target });

    [Fact]
    public async Task Links_show_both_directions_and_bad_links_are_refused_naming_the_field()
    {
        await using var host = await ServiceTestHost.StartAsync(IntakeUnderTest.Service);
        var incident = await host.SubmitAsync(IntakeUnderTest.NewTicket("VPN drops"));
        var other = await host.SubmitAsync(IntakeUnderTest.NewTicket("VPN drops again", "bob@example.org"));
        var problem = await host.SubmitAsync(new { subject = "VPN concentrator leaks sessions", description = "Recurring drops.", requester = new { email = "ops@example.org" }, type = "Problem" });

        await (await LinkAsync(host, incident.Id, "CausedBy", problem.Number)).OkAsync<TicketLinkResponse>(HttpStatusCode.Created);
        await (await LinkAsync(host, other.Id, "DuplicateOf", incident.Number)).OkAsync<TicketLinkResponse>(HttpStatusCode.Created);

        var fromProblem = await host.Client.GetFromJsonAsync<TicketLinkResponse[]>($"/api/v1/tickets/{problem.Id}/links", TestJson.Options, Ct);
        Assert.Equal(("incoming", "causes", incident.Number), (fromProblem![0].Direction, fromProblem[0].Label, fromProblem[0].TicketNumber));
        var fromIncident = await host.Client.GetFromJsonAsync<TicketLinkResponse[]>($"/api/v1/tickets/{incident.Id}/links", TestJson.Options, Ct);
        Assert.Equal(["caused by problem", "has duplicate"], fromIncident!.Select(l => l.Label));

        Assert.Equal("target", (await (await LinkAsync(host, incident.Id, "Related", incident.Number)).ProblemOf(HttpStatusCode.UnprocessableEntity)).Field());
        Assert.Equal("type", (await (await LinkAsync(host, incident.Id, "BlockedBy", other.Number)).ProblemOf(HttpStatusCode.BadRequest)).Field());
        Assert.Equal("target", (await (await LinkAsync(host, incident.Id, "DuplicateOf", other.Number)).ProblemOf(HttpStatusCode.UnprocessableEntity)).Field());
        Assert.Equal("target", (await (await LinkAsync(host, incident.Id, "FixedBy", other.Number)).ProblemOf(HttpStatusCode.UnprocessableEntity)).Field());
        Assert.Equal("target", (await (await LinkAsync(host, incident.Id, "Related", "HD-999999")).ProblemOf(HttpStatusCode.BadRequest)).Field());
        Assert.Equal(HttpStatusCode.Conflict, (await LinkAsync(host, incident.Id, "CausedBy", problem.Number)).StatusCode);

        var historyOfProblem = await host.HistoryAsync(problem.Id);
        Assert.Contains(historyOfProblem.Entries, e => e.Field == "link" && e.NewValue == $"causes {incident.Number}");
        Assert.Equal(HttpStatusCode.NoContent, (await host.SendAsync(HttpMethod.Delete, $"/api/v1/tickets/{problem.Id}/links/CausedBy/{incident.Number}")).StatusCode);
        Assert.Single((await host.Client.GetFromJsonAsync<TicketLinkResponse[]>($"/api/v1/tickets/{incident.Id}/links", TestJson.Options, Ct))!);
    }

    [Fact]
    public async Task Merging_moves_comments_adds_the_requester_as_watcher_closes_quietly_and_can_be_undone_within_the_window()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await ServiceTestHost.StartAsync(IntakeUnderTest.Service, new Dictionary<string, string?> { ["Intake:MergeUndoWindow"] = "01:00:00" }, time: clock);
        var original = await host.SubmitAsync(IntakeUnderTest.NewTicket("Printer jams", "ada@example.org"));
        var duplicate = await host.SubmitAsync(IntakeUnderTest.NewTicket("Printer on floor 3 jams", "bob@example.org"));
        await host.Client.PostAsJsonAsync($"/api/v1/tickets/{duplicate.Id}/comments", new { body = "It jams on every second page.", authorKind = "Requester" }, Ct);

        var merged = await (await host.SendAsync(HttpMethod.Post, $"/api/v1/tickets/{duplicate.Id}/merge", new { into = original.Number })).OkAsync<MergeResponse>();
        Assert.Equal((TicketStatus.Closed, 1), (merged.Source.Status, merged.CommentsMoved));
        var moved = await host.Client.GetFromJsonAsync<CommentResponse[]>($"/api/v1/tickets/{original.Id}/comments", TestJson.Options, Ct);
        Assert.Equal("It jams on every second page.", Assert.Single(moved!).Body);

        var sourceEvents = await host.OutboxFor(duplicate.Id);
        Assert.Single(sourceEvents, e => e.Type == "TicketMerged");
        Assert.True(sourceEvents.Where(e => e.Type is "TicketStatusChanged" or "TicketClosed").TakeLast(2).All(e => e.Body.GetProperty("quiet").GetBoolean()));
        var watcher = Assert.Single(await host.OutboxFor(original.Id), e => e.Type == "TicketWatcherAdded");
        Assert.Equal("bob@example.org", watcher.Body.GetProperty("email").GetString());

        var cycle = await host.SendAsync(HttpMethod.Post, $"/api/v1/tickets/{original.Id}/merge", new { into = duplicate.Number });
        Assert.Equal("into", (await cycle.ProblemOf(HttpStatusCode.UnprocessableEntity)).Field());
        var self = await host.SendAsync(HttpMethod.Post, $"/api/v1/tickets/{original.Id}/merge", new { into = original.Number });
        Assert.Equal("into", (await self.ProblemOf(HttpStatusCode.UnprocessableEntity)).Field());

        var undone = await (await host.SendAsync(HttpMethod.Post, $"/api/v1/tickets/{duplicate.Id}/merge/undo")).OkAsync<MergeResponse>();
        Assert.Equal((TicketStatus.New, 1), (undone.Source.Status, undone.CommentsMoved));
        Assert.Single((await host.Client.GetFromJsonAsync<CommentResponse[]>($"/api/v1/tickets/{duplicate.Id}/comments", TestJson.Options, Ct))!);
        Assert.Empty((await host.Client.GetFromJsonAsync<CommentResponse[]>($"/api/v1/tickets/{original.Id}/comments", TestJson.Options, Ct))!);

        await (await host.SendAsync(HttpMethod.Post, $"/api/v1/tickets/{duplicate.Id}/merge", new { into = original.Number })).OkAsync<MergeResponse>();
        clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(HttpStatusCode.Conflict, (await host.SendAsync(HttpMethod.Post, $"/api/v1/tickets/{duplicate.Id}/merge/undo")).StatusCode);
        Assert.Equal(TicketStatus.Closed, (await host.GetTicketAsync(duplicate.Id)).Status);
    }

    [Fact]
    public async Task A_problem_publishes_its_known_error_and_resolves_its_incidents_telling_each_requester_once()
    {
        await using var host = await ServiceTestHost.StartAsync(IntakeUnderTest.Service);
        var problem = await host.SubmitAsync(new { subject = "Mail relay drops large messages", description = "Recurring.", requester = new { email = "ops@example.org" }, type = "Problem" });
        var incidents = new List<TicketResponse>();
        foreach (var (subject, email) in new[] { ("Mail bounced", "ada@example.org"), ("Attachment lost", "ada@example.org"), ("Mail too big?", "bob@example.org") })
        {
            var incident = await host.SubmitAsync(IntakeUnderTest.NewTicket(subject, email));
            await (await LinkAsync(host, incident.Id, "CausedBy", problem.Number)).OkAsync<TicketLinkResponse>(HttpStatusCode.Created);
            incidents.Add(incident);
        }

        var incomplete = await host.SendAsync(HttpMethod.Post, $"/api/v1/problems/{problem.Number}/known-error");
        Assert.Equal("rootCause", (await incomplete.ProblemOf(HttpStatusCode.UnprocessableEntity)).Field());
        await (await host.SendAsync(HttpMethod.Put, $"/api/v1/problems/{incidents[0].Id}/analysis", new { rootCause = "x" })).ProblemOf(HttpStatusCode.NotFound);
        await (await host.SendAsync(HttpMethod.Put, $"/api/v1/problems/{problem.Number}/analysis", new { rootCause = "Relay limit 10 MB", workaround = "Share large files by link." })).OkAsync<TicketResponse>();
        await (await host.SendAsync(HttpMethod.Post, $"/api/v1/problems/{problem.Number}/known-error")).OkAsync<TicketResponse>();
        await (await host.SendAsync(HttpMethod.Put, $"/api/v1/problems/{problem.Number}/analysis", new { workaround = "Use the file share for anything over 10 MB." })).OkAsync<TicketResponse>();
        await (await host.SendAsync(HttpMethod.Post, $"/api/v1/problems/{problem.Number}/known-error")).OkAsync<TicketResponse>();
        var published = (await host.OutboxFor(problem.Id)).Where(e => e.Type == "ProblemKnownErrorPublished").Select(e => (e.Body.GetProperty("revision").GetInt64(), e.Body.GetProperty("workaround").GetString())).ToList();
        Assert.Equal([(1L, "Share large files by link."), (2L, "Use the file share for anything over 10 MB.")], published);

        var offer = await host.Client.GetFromJsonAsync<ProblemResponse>($"/api/v1/problems/{problem.Number}", TestJson.Options, Ct);
        Assert.Equal((3, true), (offer!.OpenIncidents, offer.IsKnownError));
        Assert.Equal("resolution", (await (await host.SendAsync(HttpMethod.Post, $"/api/v1/problems/{problem.Number}/resolution", new { resolveLinkedIncidents = true })).ProblemOf(HttpStatusCode.BadRequest)).Field());
        var resolved = await (await host.SendAsync(HttpMethod.Post, $"/api/v1/problems/{problem.Number}/resolution", new { resolution = "Relay limit raised to 50 MB.", resolveLinkedIncidents = true })).OkAsync<ProblemResponse>();
        Assert.Equal((TicketStatus.Resolved, 0), (resolved.Problem.Status, resolved.OpenIncidents));
        Assert.Equal(incidents.Select(i => i.Number), resolved.ResolvedIncidents!);

        // Each requester is told once: exactly one non-quiet TicketResolved per requester, every status change quiet.
        var loud = new List<string>();
        foreach (var incident in incidents)
        {
            var events = await host.OutboxFor(incident.Id);
            Assert.True(events.Single(e => e.Type == "TicketStatusChanged").Body.GetProperty("quiet").GetBoolean());
            if (!events.Single(e => e.Type == "TicketResolved").Body.GetProperty("quiet").GetBoolean())
            {
                loud.Add(incident.RequesterEmail);
            }
        }
        Assert.Equal(["ada@example.org", "bob@example.org"], loud);
    }
}
