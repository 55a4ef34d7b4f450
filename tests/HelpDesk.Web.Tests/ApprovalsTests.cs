using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HelpDesk.Web.Tests;

/// <summary>
/// A catalogue request that needs the requester's manager: the requester files it through a portal choice, the
/// manager (from the identity's directory, not configuration) finds it in the approvals inbox and approves, and the
/// requester sees it move on to the team that fulfils it.
/// </summary>
public sealed class ApprovalsTests(PlatformFixture platform)
{
    private static readonly string[] Hardware = ["hardware"];

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_manager_approves_a_catalogue_request_in_the_inbox_and_the_requester_sees_it_move_on()
    {
        platform.RequireBrowser();
        var tag = Guid.NewGuid().ToString("N")[..8];
        var item = "laptop-" + tag;
        var label = $"New laptop {tag}";
        await PublishItemAsync(item);
        await AddChoiceAsync(item, label);
        // A fulfilment agent on shift in the item's queue, so an approved request is assigned at once.
        (await platform.Api.PutAsJsonAsync("api/v1/routing/agents/hardware-desk",
            new { name = "Hardware desk", email = "hardware-desk@example.org", queues = Hardware, skills = Array.Empty<string>(), capacity = 50, onShift = true }, Cancel)).EnsureSuccessStatusCode();

        // ada (manager: alan) files the request from the portal's new choice.
        var requester = await platform.NewPageAsync();
        await requester.SignInAsync(platform, "ada");
        var choice = requester.GetByRole(AriaRole.Link, new() { Name = label });
        await requester.ReloadUntilAsync(choice, text => text.Length > 0, "the new portal choice (the web app caches choices for 30 s)");
        await choice.ClickAsync();
        await requester.GetByLabel("Subject").FillAsync($"A lighter laptop {tag}");
        await requester.GetByLabel("Describe what happened or what you need").FillAsync("I travel to customers every week.");
        await requester.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();
        await requester.WaitForURLAsync(url => url.Contains("submitted=true", StringComparison.Ordinal));
        var number = new Uri(requester.Url).AbsolutePath.Split('/')[^1];
        await Expect(requester.Locator("dl.facts")).ToContainTextAsync("New");

        // alan signs in and finds it waiting for him; edith (another approver) does not.
        var approver = await platform.NewPageAsync();
        await approver.SignInAsync(platform, "alan", "/approvals");
        var request = approver.Locator($"li[data-ticket='{number}']");
        await approver.ReloadUntilAsync(request, text => text.Contains(tag, StringComparison.Ordinal), "the request in alan's approvals inbox");
        await Expect(request).ToContainTextAsync(item);
        await platform.ScreenshotAsync(approver, "approvals-inbox");
        await request.GetByLabel("Comment (optional)").FillAsync("Travel needs it.");
        await request.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
        await Expect(approver.GetByRole(AriaRole.Status)).ToContainTextAsync(number);
        await Expect(approver.Locator($"li[data-ticket='{number}']")).ToHaveCountAsync(0);

        // The requester's ticket moves on: assigned to the fulfilment team's agent.
        var status = await requester.ReloadUntilAsync(requester.Locator("dl.facts .badge"), text => text.Length > 0 && !text.Contains("New", StringComparison.Ordinal), "the request moving on after approval");
        Assert.Contains("Assigned", status, StringComparison.Ordinal);
        await Expect(requester.GetByTestId("queue")).ToHaveTextAsync("hardware");
        await platform.ScreenshotAsync(requester, "portal-request-approved");

        // The same, read from the services: routing recorded alan's decision with his reason, intake moved the ticket on.
        var ticket = await platform.Api.GetFromJsonAsync<JsonElement>($"api/v1/tickets/{number}", Cancel);
        Assert.Equal("Assigned", ticket.GetProperty("status").GetString());
        var approval = await platform.Api.GetFromJsonAsync<JsonElement>($"api/v1/routing/approvals/{ticket.GetProperty("id").GetGuid()}", Cancel);
        Assert.Equal("Approved", approval.GetProperty("status").GetString());
        var vote = Assert.Single(approval.GetProperty("stages")[0].GetProperty("approvers").EnumerateArray(), v => v.GetProperty("decision").ValueKind != JsonValueKind.Null);
        Assert.Equal("Approved", vote.GetProperty("decision").GetString());
        Assert.Equal("Travel needs it.", vote.GetProperty("reason").GetString());
        Assert.Equal("api", vote.GetProperty("via").GetString());
    }

    private async Task PublishItemAsync(string key)
    {
        var definition = new
        {
            name = new { en = "Laptop", fr = "Portable", it = "Portatile" },
            description = new { en = "A laptop for your work.", fr = "Un portable.", it = "Un portatile." },
            portal = "employee",
            form = new { fields = Array.Empty<object>() },
            approval = new { preApproved = false, stages = new[] { new { name = "manager", mode = "AnyOf", approvers = new[] { new { kind = "RequesterManager" } } } } },
            fulfilment = new { tasks = Array.Empty<object>() },
            fulfilmentQueue = "hardware",
            kbArticles = Array.Empty<string>(),
            owner = "it-hardware-lead",
            keywords = new[] { "laptop" },
        };
        var published = await platform.Api.PostAsJsonAsync($"api/v1/routing/catalog/{key}/versions", new { definition }, Cancel);
        Assert.True(published.IsSuccessStatusCode, await published.Content.ReadAsStringAsync(Cancel));
    }

    /// <summary>Adds a choice for the item to the employee portal, in place of an earlier run's (the portal holds at most six).</summary>
    private Task AddChoiceAsync(string item, string label) =>
        platform.PutPortalChoiceAsync(
            c => c.GetProperty("catalogItem").GetString()?.StartsWith("laptop-", StringComparison.Ordinal) == true,
            new { key = item, label, description = "A laptop for your work.", type = "ServiceRequest", category = (string?)null, catalogItem = item });
}
