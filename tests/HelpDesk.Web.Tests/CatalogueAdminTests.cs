using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HelpDesk.Web.Tests;

/// <summary>The catalogue manager's pages: publish an item, edit it into a new version, routing's problems next to the field; nobody else gets in.</summary>
public sealed class CatalogueAdminTests(PlatformFixture platform)
{
    private const string BadForm = """{ "fields": [ { "key": "size", "type": "Colour", "required": true, "label": { "en": "Size", "fr": "Taille", "it": "Misura" } } ] }""";

    private const string GoodForm = """{ "fields": [ { "key": "size", "type": "Text", "required": true, "label": { "en": "Size", "fr": "Taille", "it": "Misura" } } ] }""";

    private const string EditedForm = """
        { "fields": [
            { "key": "size", "type": "Text", "required": true, "label": { "en": "Size", "fr": "Taille", "it": "Misura" } },
            { "key": "room", "type": "Text", "label": { "en": "Room", "fr": "Salle", "it": "Stanza" } } ] }
        """;

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
        await page.GetByLabel("Form fields (JSON)").FillAsync(BadForm);
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish version" }).ClickAsync();
        // Routing refuses the unknown field type; the problem shows next to the form's input, nothing is published.
        await Expect(page.Locator("#form-error")).ToContainTextAsync("type");
        await platform.ScreenshotAsync(page, "catalogue-item-invalid");

        await page.GetByLabel("Form fields (JSON)").FillAsync(GoodForm);
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish version" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Version 1 published.");

        await page.GetByLabel("Name (en)").FillAsync("Monitor (27 inch)");
        await page.GetByLabel("Form fields (JSON)").FillAsync(EditedForm);
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
}
