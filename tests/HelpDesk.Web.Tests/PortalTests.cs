using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HelpDesk.Web.Tests;

/// <summary>The self-service portal in the browser: knowledge first, then a short form per choice.</summary>
public sealed class PortalTests(PlatformFixture platform)
{
    [Fact]
    public async Task A_requester_who_searches_is_deflected_by_an_article_and_the_knowledge_base_counts_it()
    {
        platform.RequireBrowser();
        var id = await platform.PublishArticleAsync("VPN drops every few minutes",
            "Open the VPN client settings and switch the protocol to IKEv2.\n\nThen reconnect; the connection stays up.", "Network", "vpn");
        var page = await platform.NewPageAsync();
        await page.SignInAsync(platform, "ada");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "How can we help?" })).ToBeVisibleAsync();
        await platform.ScreenshotAsync(page, "portal-home");

        var clicksBefore = await ClicksAsync();
        await page.GetByLabel("Search the knowledge base").FillAsync("vpn drops");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();
        var result = page.GetByRole(AriaRole.Link, new() { Name = "VPN drops every few minutes" });
        await Expect(result).ToBeVisibleAsync();
        await platform.ScreenshotAsync(page, "portal-search");

        // The link carries the search's id, so the knowledge base records the click on that search.
        Assert.Matches("[?&]search=[0-9a-f-]{36}", await result.GetAttributeAsync("href"));
        await result.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "VPN drops every few minutes" })).ToBeVisibleAsync();
        await HelpDesk.Testing.Eventually.TrueAsync(async () => await ClicksAsync() > clicksBefore, what: "the click recorded by KB analytics");
        await platform.ScreenshotAsync(page, "portal-article");
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, this solved it" }).ClickAsync();
        await Expect(page.GetByTestId("deflected")).ToBeVisibleAsync();

        // The article's own counters, read back from the knowledge base: one helpful vote, from this visit.
        var article = await platform.Api.GetFromJsonAsync<JsonElement>($"api/v1/kb/articles/{id}", TestContext.Current.CancellationToken);
        Assert.Equal(1, article.GetProperty("helpfulCount").GetInt32());
        Assert.Equal(0, article.GetProperty("notHelpfulCount").GetInt32());
    }

    private async Task<int> ClicksAsync() =>
        (await platform.Api.GetFromJsonAsync<JsonElement>("api/v1/kb/analytics/searches", TestContext.Current.CancellationToken)).GetProperty("clicked").GetInt32();

    [Fact]
    public async Task The_language_choice_changes_the_interface_and_is_remembered()
    {
        platform.RequireBrowser();
        var page = await platform.NewPageAsync();
        await page.SignInAsync(platform, "bob");
        await page.GetByRole(AriaRole.Link, new() { Name = "Français" }).ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "fr");
        var french = await page.Locator("h1").InnerTextAsync();
        Assert.NotEqual("How can we help?", french);
        await platform.ScreenshotAsync(page, "portal-home-fr");

        // Another page, then a new tab of the same browser profile: still French.
        await page.GotoAsync("/portal/tickets");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "fr");
        var again = await page.Context.NewPageAsync();
        await again.GotoAsync("/");
        await Expect(again.Locator("h1")).ToHaveTextAsync(french);

        await again.GetByRole(AriaRole.Link, new() { Name = "Italiano" }).ClickAsync();
        await Expect(again.Locator("html")).ToHaveAttributeAsync("lang", "it");
        Assert.NotEqual(french, await again.Locator("h1").InnerTextAsync());
    }

    [Fact]
    public async Task Every_input_of_the_portal_form_is_labelled_and_it_can_be_filed_with_the_keyboard_alone()
    {
        platform.RequireBrowser();
        var page = await platform.NewPageAsync();
        await page.SignInAsync(platform, "bob", "/portal/new/question");

        var unlabelled = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
                .filter(e => e.labels.length === 0 && !e.getAttribute('aria-label') && !e.getAttribute('aria-labelledby'))
                .map(e => e.outerHTML)
            """);
        Assert.Empty(unlabelled);
        Assert.True(await page.Locator("input:not([type=hidden]), select, textarea").CountAsync() >= 5);

        // From the top of the page: Tab to the subject, type, Tab onwards, Enter on the submit button.
        var subject = "Keyboard only " + Guid.NewGuid().ToString("N")[..8];
        await TabToAsync(page, "subject");
        await page.Keyboard.TypeAsync(subject);
        await TabToAsync(page, "description");
        await page.Keyboard.TypeAsync("Filed without a mouse.");
        await TabToAsync(page, "submit");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => url.Contains("submitted=true", StringComparison.Ordinal));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = subject })).ToBeVisibleAsync();
    }

    /// <summary>Presses Tab until the focused element is the one wanted (by id, or "submit" for the form's button).</summary>
    private static async Task TabToAsync(IPage page, string target)
    {
        for (var i = 0; i < 40; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var focused = await page.EvaluateAsync<string>("() => document.activeElement?.type === 'submit' && document.activeElement.closest('form.ticket-form') ? 'submit' : (document.activeElement?.id ?? '')");
            if (focused == target)
            {
                return;
            }
        }
        throw new InvalidOperationException($"Tab never reached #{target}");
    }
}
