using System.Net.Http.Json;
using System.Text.Json;
using HelpDesk.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HelpDesk.Web.Tests;

/// <summary>
/// The ITIL work an agent does in the workspace (issue 17): run a macro, link two tickets (both sides show the link),
/// merge a duplicate into the ticket that stays, and read every change in the ticket's history — all in the browser,
/// each effect checked through the API as well.
/// </summary>
public sealed class AgentItilTests(PlatformFixture platform)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Agent_runs_a_macro_links_and_merges_a_duplicate_and_reads_the_history()
    {
        platform.RequireBrowser();
        var tag = Guid.NewGuid().ToString("N")[..8];
        var first = await FileInHardwareAsync($"Monitor flickers on desk 12 ({tag})");
        var duplicate = await FileInHardwareAsync($"Screen flickering, desk 12 ({tag})");
        var macro = $"ask-cable-{tag}";
        (await platform.Api.PutAsJsonAsync($"api/v1/macros/{macro}", new
        {
            description = "Ask for the cable",
            actions = new object[] { new { field = "reply", value = "Hello {{requester.name}}, which cable connects the screen?" }, new { field = "status", value = "PendingCustomer" } },
        }, Cancel)).EnsureSuccessStatusCode();

        var agent = await platform.NewPageAsync();
        await agent.SignInAsync(platform, "grace", $"/agent/tickets/{first}");
        await agent.GetByLabel("Macro").SelectOptionAsync(macro);
        await agent.GetByRole(AriaRole.Button, new() { Name = "Run macro" }).ClickAsync();
        await Expect(agent.GetByText("which cable connects the screen?")).ToBeVisibleAsync();
        await Expect(agent.Locator("dl.facts")).ToContainTextAsync("Waiting for you");

        await agent.GetByLabel("Link this ticket as").SelectOptionAsync("Related");
        await agent.GetByLabel("to ticket number", new() { Exact = true }).FillAsync(duplicate);
        await agent.GetByRole(AriaRole.Button, new() { Name = "Link", Exact = true }).ClickAsync();
        await Expect(agent.GetByTestId("links")).ToContainTextAsync($"related to {duplicate}");

        await agent.GotoAsync($"/agent/tickets/{duplicate}");
        await Expect(agent.GetByTestId("links")).ToContainTextAsync($"related to {first}");
        await agent.GetByLabel("Merge into ticket number").FillAsync(first);
        await agent.GetByRole(AriaRole.Button, new() { Name = "Merge", Exact = true }).ClickAsync();
        await Expect(agent.Locator("dl.facts")).ToContainTextAsync("Closed");
        await Expect(agent.GetByTestId("links")).ToContainTextAsync($"duplicate of {first}");
        await platform.ScreenshotAsync(agent, "agent-merged-duplicate");

        await agent.GotoAsync($"/agent/tickets/{first}");
        await Expect(agent.GetByTestId("links")).ToContainTextAsync($"has duplicate {duplicate}");
        var history = agent.GetByTestId("history");
        await Expect(history).ToContainTextAsync("Grace Hopper");
        await Expect(history).ToContainTextAsync("PendingCustomer");

        var merged = await platform.Api.GetFromJsonAsync<JsonElement>($"api/v1/tickets/{duplicate}", Cancel);
        Assert.Equal("Closed", merged.GetProperty("status").GetString());
        var changes = await platform.Api.GetFromJsonAsync<JsonElement>($"api/v1/tickets/{first}/history", Cancel);
        var entries = changes.GetProperty("entries").EnumerateArray().ToList();
        Assert.Contains(entries, e => e.GetProperty("newValue").ValueKind == JsonValueKind.String && e.GetProperty("newValue").GetString() == "PendingCustomer");
        // Each history entry the page shows is one the API holds: no line invented, none dropped.
        Assert.Equal(entries.Count, await history.Locator("li").CountAsync());
    }

    /// <summary>Files a ticket and hands it to the hardware queue (one of grace's), answering its number.</summary>
    private async Task<string> FileInHardwareAsync(string subject)
    {
        using var filed = await platform.Api.PostAsJsonAsync("api/v1/tickets", new
        {
            subject,
            description = "It started after the docking station was replaced.",
            requester = new { email = "dora@example.org", name = "Dora" },
        }, Cancel);
        filed.EnsureSuccessStatusCode();
        var number = (await filed.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("number").GetString()!;
        // Routing may still be placing the ticket: the hand-over to a queue is what the agent workspace then shows.
        await Eventually.TrueAsync(async () =>
        {
            using var moved = await platform.Api.PutAsJsonAsync($"api/v1/tickets/{number}/assignment", new { queue = "hardware" }, Cancel);
            return moved.IsSuccessStatusCode;
        }, TimeSpan.FromSeconds(60), $"{number} handed to the hardware queue");
        return number;
    }
}
