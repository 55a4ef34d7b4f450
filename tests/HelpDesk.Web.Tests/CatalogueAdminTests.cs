using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HelpDesk.Web.Tests;

/// <summary>The catalogue manager's pages: publish an item, edit it into a new version, routing's problems next to the field; nobody else gets in.</summary>
public sealed class CatalogueAdminTests(PlatformFixture platform)
{
    [Fact]
    public async Task A_catalogue_manager_publishes_an_item_and_edits_it_into_a_new_version()
    {
        platform.RequireBrowser();
        var key = "monitor-" + Guid.NewGuid().ToString("N")[..8];
        var page = await platform.NewPageAsync();
        await page.SignInAsync(platform, "root", "/admin/catalogue");
        await page.GetByLabel("Key of a new item").FillAsync(key);
        await page.GetByRole(AriaRole.Button, new() { Name = "New item" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = key })).ToBeVisibleAsync();

        foreach (var (language, name, description) in new[] { ("en", "Monitor", "A second screen."), ("fr", "Écran", "Un second écran."), ("it", "Monitor", "Un secondo schermo.") })
        {
            await page.GetByLabel($"Name ({language})").FillAsync(name);
            await page.GetByLabel($"Description ({language})").FillAsync(description);
        }
        await page.GetByLabel("Fulfilment queue").FillAsync("hardware");
        await page.GetByLabel("Owner").FillAsync("it-hardware");
        // A choice question without options: routing refuses it, the problem shows on that question, nothing is published.
        await FillQuestionAsync(page, 0, "size", "Choice", "Size", required: true);
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish version" }).ClickAsync();
        await Expect(page.Locator("[data-question='0'] .field-error")).ToContainTextAsync("options");
        await Expect(page.Locator("[data-question='0']").GetByLabel("Key", new() { Exact = true })).ToHaveValueAsync("size");
        await platform.ScreenshotAsync(page, "catalogue-item-invalid");

        await page.Locator("[data-question='0']").GetByLabel("Options", new() { Exact = false }).FillAsync("small | Small | Petit | Piccolo\nlarge | Large");
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish version" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Version 1 published.");

        // Version 2: a new name and a second question, typed into the empty block the editor offers.
        await page.GetByLabel("Name (en)").FillAsync("Monitor (27 inch)");
        await Expect(page.Locator("[data-question='0']").GetByLabel("Key", new() { Exact = true })).ToHaveValueAsync("size");
        await FillQuestionAsync(page, 1, "room", "Text", "Room");
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish version" }).ClickAsync();
        await page.WaitForLoadStateAsync();
        Assert.True(await page.Locator("#form-errors").CountAsync() == 0, await page.Locator("#form-errors").CountAsync() > 0 ? await page.Locator("#form-errors").InnerTextAsync() : "");
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Version 2 published.");
        await Expect(page.GetByTestId("catalogue-version")).ToContainTextAsync("Current version 2");
        await platform.ScreenshotAsync(page, "catalogue-item");

        await page.GotoAsync("/admin/catalogue");
        await Expect(page.Locator($"tr[data-item='{key}']")).ToContainTextAsync("Monitor (27 inch)");

        // What a portal is served for the item now: the edited form (routing's catalogue-forms API, tickets:read).
        var form = await platform.Api.GetFromJsonAsync<JsonElement>($"api/v1/routing/catalog-forms/{key}?language=en", TestContext.Current.CancellationToken);
        Assert.Equal(2, form.GetProperty("version").GetInt32());
        Assert.Equal(["size", "room"], form.GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("key").GetString()));
        var size = form.GetProperty("fields")[0];
        Assert.True(size.GetProperty("required").GetBoolean());
        Assert.Equal(["small:Small", "large:Large"], size.GetProperty("options").EnumerateArray().Select(o => o.GetProperty("value").GetString() + ":" + o.GetProperty("label").GetString()));
        var french = await platform.Api.GetFromJsonAsync<JsonElement>($"api/v1/routing/catalog-forms/{key}?language=fr", TestContext.Current.CancellationToken);
        Assert.Equal("Petit", french.GetProperty("fields")[0].GetProperty("options")[0].GetProperty("label").GetString());

        // The version history: both versions, newest first; an earlier one can be opened as the start of a new version.
        await page.GotoAsync($"/admin/catalogue/item?key={key}");
        var history = page.GetByTestId("catalogue-history");
        await Expect(history.Locator("tbody tr")).ToHaveCountAsync(2);
        await Expect(history.Locator("tbody tr").First).ToContainTextAsync("2 (current)");
        await Expect(history.Locator("tr[data-version='1']")).ToHaveCountAsync(1);
        await history.GetByRole(AriaRole.Link, new() { Name = "Start from version 1" }).ClickAsync();
        await Expect(page.GetByTestId("catalogue-editing-version")).ToContainTextAsync("version 1");
        await Expect(page.GetByLabel("Name (en)")).ToHaveValueAsync("Monitor");

        // Retiring: the portal's form for it is gone (routing answers 404), the list says retired, the versions stay.
        await page.GetByRole(AriaRole.Button, new() { Name = "Retire item" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Item retired.");
        await Expect(page.GetByTestId("catalogue-retired")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Retire item" })).ToHaveCountAsync(0);
        await platform.ScreenshotAsync(page, "catalogue-item-retired");
        var retired = await platform.Api.GetAsync($"api/v1/routing/catalog-forms/{key}?language=en", TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, retired.StatusCode);
        var versions = await platform.Api.GetFromJsonAsync<JsonElement>($"api/v1/routing/catalog/{key}/versions", TestContext.Current.CancellationToken);
        Assert.Equal(2, versions.GetArrayLength());
        await page.GotoAsync("/admin/catalogue");
        await Expect(page.Locator($"tr[data-item='{key}']")).ToContainTextAsync("retired");
    }

    [Fact]
    public async Task A_catalogue_manager_publishes_and_retires_an_item()
    {
        platform.RequireBrowser();
        var key = "headset-" + Guid.NewGuid().ToString("N")[..8];
        var page = await platform.NewPageAsync();
        // frances holds the catalogue-manager role (routing:read, catalog:write), not admin.
        await page.SignInAsync(platform, "frances", "/admin/catalogue");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Catalogue" })).ToBeVisibleAsync();
        await page.GetByLabel("Key of a new item").FillAsync(key);
        await page.GetByRole(AriaRole.Button, new() { Name = "New item" }).ClickAsync();
        await page.GetByLabel("Name (en)").FillAsync("Headset");
        await page.GetByLabel("Description (en)").FillAsync("A headset for calls.");
        await page.GetByLabel("Fulfilment queue").FillAsync("hardware");
        await page.GetByLabel("Owner").FillAsync("frances");
        await FillQuestionAsync(page, 0, "size", "Text", "Size", required: true);
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish version" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Version 1 published.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Retire item" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Item retired.");

        var versions = await platform.Api.GetFromJsonAsync<JsonElement>($"api/v1/routing/catalog/{key}/versions", TestContext.Current.CancellationToken);
        Assert.Contains("Frances", versions[0].GetProperty("publishedBy").GetString(), StringComparison.Ordinal);
        var item = await platform.Api.GetFromJsonAsync<JsonElement>($"api/v1/routing/catalog/{key}", TestContext.Current.CancellationToken);
        Assert.True(item.GetProperty("retired").GetBoolean());
    }

    [Theory]
    [InlineData("ada")]
    [InlineData("grace")]
    public async Task Requesters_and_agents_neither_see_nor_reach_the_catalogue_pages(string person)
    {
        platform.RequireBrowser();
        var page = await platform.NewPageAsync();
        await page.SignInAsync(platform, person);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Catalogue" })).ToHaveCountAsync(0);
        foreach (var path in new[] { "/admin/catalogue", "/admin/catalogue/item?key=software" })
        {
            await page.GotoAsync(path);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Not allowed" })).ToBeVisibleAsync();
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Publish version" })).ToHaveCountAsync(0);
        }
    }

    /// <summary>Types a question into its block of the editor (the last block is the empty one for a new question).</summary>
    private static async Task FillQuestionAsync(IPage page, int index, string key, string type, string label, bool required = false)
    {
        var question = page.Locator($"[data-question='{index}']");
        await question.GetByLabel("Key", new() { Exact = true }).FillAsync(key);
        await question.GetByLabel("Type", new() { Exact = true }).SelectOptionAsync(type);
        await question.GetByLabel("Label (en)").FillAsync(label);
        if (required)
        {
            await question.GetByLabel("Required", new() { Exact = true }).CheckAsync();
        }
    }
}
