using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HelpDesk.Web.Tests;

/// <summary>
/// One ticket from the portal to a rating: a requester files it through a choice (a KB suggestion shows while the
/// subject is typed), sees it routed with its SLA target; an agent picks it from the queue, adds an internal note,
/// replies and resolves it; the requester sees the reply but never the note, and rates it; the lead's dashboard counts it.
/// </summary>
public sealed class TicketLifecycleTests(PlatformFixture platform)
{
    [Fact]
    public async Task Requester_files_through_a_choice_agent_works_it_from_the_queue_requester_sees_the_reply_and_rates()
    {
        platform.RequireBrowser();
        await platform.PublishArticleAsync("Laptop battery does not charge",
            "Check the charger's LED, then try another wall socket.\n\nIf it still does not charge, file a ticket.", "Hardware", "laptop", "battery");
        var tag = Guid.NewGuid().ToString("N")[..8];
        var subject = $"Laptop battery does not charge {tag}";

        var requester = await platform.NewPageAsync();
        await requester.SignInAsync(platform, "bob");
        await requester.GetByRole(AriaRole.Link, new() { Name = "Something is broken" }).ClickAsync();
        await requester.GetByLabel("Subject").PressSequentiallyAsync("Laptop battery does not charge");
        await Expect(requester.Locator("#suggestions").GetByRole(AriaRole.Link, new() { Name = "Laptop battery does not charge" })).ToBeVisibleAsync();
        await requester.GetByLabel("Subject").FillAsync(subject);
        await requester.GetByLabel("Describe what happened or what you need").FillAsync("Since this morning the battery stays at 3 %.");
        await requester.GetByLabel("My team or several people").CheckAsync();
        await requester.GetByLabel("I cannot work").CheckAsync();
        await platform.ScreenshotAsync(requester, "portal-new-ticket");
        // A double click files one ticket (the button disables itself; the Idempotency-Key covers the rest).
        await requester.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).DblClickAsync();
        await requester.WaitForURLAsync(url => url.Contains("submitted=true", StringComparison.Ordinal));
        var number = new Uri(requester.Url).AbsolutePath.Split('/')[^1];

        var team = await requester.ReloadUntilAsync(requester.GetByTestId("queue"), t => !t.Contains("being assigned", StringComparison.Ordinal), "routing");
        Assert.False(string.IsNullOrWhiteSpace(team));
        await requester.ReloadUntilAsync(requester.GetByTestId("sla-target"), t => !t.Contains("being calculated", StringComparison.Ordinal), "the SLA target");
        await platform.ScreenshotAsync(requester, "portal-ticket");
        var filed = await platform.Api.GetFromJsonAsync<JsonElement>($"api/v1/tickets?q={tag}", TestContext.Current.CancellationToken);
        Assert.Equal(1, filed.GetProperty("items").GetArrayLength());

        var agent = await platform.NewPageAsync();
        await agent.SignInAsync(platform, "grace", "/agent");
        var row = agent.GetByRole(AriaRole.Link, new() { Name = number, Exact = true });
        await Expect(row).ToBeVisibleAsync();
        await platform.ScreenshotAsync(agent, "agent-queue");
        await row.ClickAsync();
        await agent.GetByRole(AriaRole.Button, new() { Name = "Assign to me" }).ClickAsync();
        await Expect(agent.GetByTestId("assignee")).Not.ToHaveTextAsync("unassigned");

        var note = $"Battery cycle count is 1,200; replace it ({tag}).";
        await agent.GetByLabel("Internal note").FillAsync(note);
        await agent.GetByRole(AriaRole.Button, new() { Name = "Add internal note" }).ClickAsync();
        await Expect(agent.Locator("li.message.internal").GetByText(note)).ToBeVisibleAsync();
        var reply = $"A new battery is on its way to you ({tag}).";
        await agent.GetByLabel("Reply to the requester").FillAsync(reply);
        await agent.GetByRole(AriaRole.Button, new() { Name = "Send reply" }).ClickAsync();
        await Expect(agent.GetByText(reply)).ToBeVisibleAsync();
        await agent.GetByLabel("Status", new() { Exact = true }).SelectOptionAsync("Resolved");
        await agent.GetByLabel("Resolution (when resolving)").FillAsync("Battery replaced.");
        await agent.Locator("form:has(#status)").GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await Expect(agent.Locator("dl.facts")).ToContainTextAsync("Resolved");
        await platform.ScreenshotAsync(agent, "agent-ticket");

        await requester.ReloadAsync();
        await Expect(requester.GetByText(reply)).ToBeVisibleAsync();
        Assert.Equal(0, await requester.GetByText(note).CountAsync());
        Assert.DoesNotContain(note, await requester.ContentAsync(), StringComparison.Ordinal);
        await requester.GetByLabel("5 – very satisfied").CheckAsync();
        await requester.GetByRole(AriaRole.Button, new() { Name = "Send rating" }).ClickAsync();
        await Expect(requester.GetByTestId("rated")).ToContainTextAsync("5/5");
        await platform.ScreenshotAsync(requester, "portal-ticket-rated");

        var rated = await platform.Api.GetFromJsonAsync<JsonElement>($"api/v1/tickets/{number}", TestContext.Current.CancellationToken);
        Assert.Equal(5, rated.GetProperty("satisfactionScore").GetInt32());

        // The lead's dashboard counts it: this is the only rated ticket of the run, so satisfaction is exactly its 5.
        var lead = await platform.NewPageAsync();
        await lead.SignInAsync(platform, "margaret", "/lead");
        await Expect(lead.Locator(".kpi").Filter(new() { HasText = "Satisfaction" })).ToContainTextAsync("5.0 / 5");
        await Expect(lead.GetByTestId("sla-table")).ToContainTextAsync(team);
        await platform.ScreenshotAsync(lead, "lead-dashboard");
        var export = await lead.Context.APIRequest.GetAsync("/lead/export/queues.csv?days=7");
        Assert.Equal(200, export.Status);
        var line = (await export.TextAsync()).Split("\r\n").Single(l => l.StartsWith(team + ",", StringComparison.Ordinal)).Split(',');
        Assert.Equal(["1", "5"], line[^2..]);
    }
}
