using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HelpDesk.Web.Tests;

/// <summary>
/// A portal choice backed by a catalogue item: the portal renders the item's form (every field type, labels in the
/// requester's language), offers the item's KB articles first, shows Intake's problem next to the field while keeping
/// what was typed, and files the answers, which the agent reads on the ticket.
/// </summary>
public sealed class CatalogueRequestTests(PlatformFixture platform)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_requester_fills_a_catalogue_form_is_told_what_is_missing_and_the_agent_reads_the_answers()
    {
        platform.RequireBrowser();
        var (item, label, article) = await OfferItemAsync();

        // ada opens the choice: the item's form and its article, offered before anything is sent.
        var page = await platform.NewPageAsync();
        await page.SignInAsync(platform, "ada");
        var choice = page.GetByRole(AriaRole.Link, new() { Name = label });
        await page.ReloadUntilAsync(choice, text => text.Length > 0, "the new portal choice (the web app caches choices for 30 s)");
        await choice.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = label })).ToBeVisibleAsync();
        foreach (var question in new[] { "Product", "Why do you need it?", "Number of seats", "Needed by", "Budget", "Your manager's e-mail", "Quote link", "Computer name" })
        {
            await Expect(page.GetByLabel(question, new() { Exact = false })).ToBeVisibleAsync();
        }
        await Expect(page.GetByRole(AriaRole.Group, new() { Name = "Extras" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Radiogroup, new() { Name = "Training needed" })).ToBeVisibleAsync();
        Assert.Equal("number", await page.GetByLabel("Number of seats").GetAttributeAsync("type"));
        Assert.Equal("date", await page.GetByLabel("Needed by").GetAttributeAsync("type"));
        Assert.Equal("true", await page.GetByLabel("Why do you need it?").GetAttributeAsync("aria-required"));
        Assert.Equal("Hostname as on the label", await page.Locator("[data-field='machine'] small").InnerTextAsync());
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = article.Title })).ToBeVisibleAsync();
        await platform.ScreenshotAsync(page, "portal-catalogue-form");

        // ada leaves the required justification out: Intake's problem shows next to it, the rest stays as typed.
        await page.GetByLabel("Subject").FillAsync($"Photoshop for the brochure {label}");
        await page.GetByLabel("Describe what happened or what you need").FillAsync("We print the new brochure next month.");
        await page.GetByLabel("Product").SelectOptionAsync("photoshop");
        await page.GetByLabel("Number of seats").FillAsync("2");
        await page.GetByLabel("Needed by").FillAsync("2027-01-15");
        await page.GetByLabel("Budget").FillAsync("399.5");
        await page.GetByLabel("Fonts").CheckAsync();
        await page.GetByRole(AriaRole.Radiogroup, new() { Name = "Training needed" }).GetByLabel("Yes").CheckAsync();
        await page.GetByLabel("Computer name").FillAsync("PC-ADA-01");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();
        var error = page.Locator("[data-field='justification'] .field-error");
        await Expect(error).ToHaveTextAsync("'Why do you need it?' is required.");
        Assert.Equal("true", await page.GetByLabel("Why do you need it?").GetAttributeAsync("aria-invalid"));
        await Expect(page.GetByLabel("Product")).ToHaveValueAsync("photoshop");
        await Expect(page.GetByLabel("Number of seats")).ToHaveValueAsync("2");
        await Expect(page.GetByLabel("Fonts")).ToBeCheckedAsync();
        await Expect(page.GetByLabel("Computer name")).ToHaveValueAsync("PC-ADA-01");
        await platform.ScreenshotAsync(page, "portal-catalogue-form-invalid");

        await page.GetByLabel("Why do you need it?").FillAsync("The print shop needs layered files.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("submitted=true", StringComparison.Ordinal));
        var number = new Uri(page.Url).AbsolutePath.Split('/')[^1];

        // Filed with typed answers against version 1 (read back from Intake, not from the page).
        var ticket = await platform.Api.GetFromJsonAsync<JsonElement>($"api/v1/tickets/{number}", Cancel);
        Assert.Equal(item, ticket.GetProperty("catalogItem").GetString());
        Assert.Equal(1, ticket.GetProperty("catalogItemVersion").GetInt32());
        var answers = ticket.GetProperty("answers");
        Assert.Equal("photoshop", answers.GetProperty("product").GetString());
        Assert.Equal("The print shop needs layered files.", answers.GetProperty("justification").GetString());
        Assert.Equal(2, answers.GetProperty("seats").GetInt32());
        Assert.Equal(399.5m, answers.GetProperty("budget").GetDecimal());
        Assert.Equal("2027-01-15", answers.GetProperty("neededBy").GetString());
        Assert.Equal(["fonts"], answers.GetProperty("extras").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(JsonValueKind.True, answers.GetProperty("training").ValueKind);
        Assert.False(answers.TryGetProperty("contact", out _));
        await Expect(page.GetByTestId("answers")).ToContainTextAsync("Photoshop");

        // grace (hardware is one of her queues) reads the answers, labelled by the item version, on the ticket.
        var agent = await platform.NewPageAsync();
        await agent.SignInAsync(platform, "grace", $"/agent/tickets/{number}");
        var shown = agent.GetByTestId("answers");
        await Expect(shown.Locator("[data-answer='product']")).ToHaveTextAsync("Photoshop");
        await Expect(shown.Locator("[data-answer='seats']")).ToHaveTextAsync("2");
        await Expect(shown.Locator("[data-answer='extras']")).ToHaveTextAsync("Fonts");
        await Expect(shown.Locator("[data-answer='training']")).ToHaveTextAsync("Yes");
        await Expect(shown).ToContainTextAsync("Why do you need it?");
        await platform.ScreenshotAsync(agent, "agent-catalogue-answers");
    }

    [Fact]
    public async Task A_french_speaking_requester_reads_the_form_in_french_and_is_deflected_by_the_item_s_article()
    {
        platform.RequireBrowser();
        var (item, label, article) = await OfferItemAsync();
        var page = await platform.NewPageAsync("fr-FR");
        await page.SignInAsync(platform, "bob");
        var choice = page.GetByRole(AriaRole.Link, new() { Name = label });
        await page.ReloadUntilAsync(choice, text => text.Length > 0, "the new portal choice (the web app caches choices for 30 s)");
        await choice.ClickAsync();
        await Expect(page.GetByLabel("Produit")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Radiogroup, new() { Name = "Formation nécessaire" })).ToBeVisibleAsync();
        await page.Locator("#subject").FillAsync($"Visio {label}");
        await page.Locator("#description").FillAsync("Pour les schémas réseau.");
        await page.GetByLabel("Produit").SelectOptionAsync("visio");
        await page.GetByLabel("Nombre de postes").FillAsync("1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Envoyer", Exact = true }).ClickAsync();
        // Intake's problem, in the requester's language, next to its field; nothing filed.
        await Expect(page.Locator("[data-field='justification'] .field-error")).ToHaveTextAsync("« Pourquoi en avez-vous besoin ? » est obligatoire.");
        await Expect(page.GetByLabel("Produit")).ToHaveValueAsync("visio");
        await platform.ScreenshotAsync(page, "portal-catalogue-form-fr");

        // The item's article, offered on the form: bob opens it and it solves his problem, no ticket needed.
        await page.GetByRole(AriaRole.Link, new() { Name = article.Title }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Oui, c'est résolu" }).ClickAsync();
        await Expect(page.GetByTestId("deflected")).ToBeVisibleAsync();
        var read = await platform.Api.GetFromJsonAsync<JsonElement>($"api/v1/kb/articles/{article.Id}", Cancel);
        Assert.Equal(1, read.GetProperty("helpfulCount").GetInt32());
        var filed = await platform.Api.GetFromJsonAsync<JsonElement>($"api/v1/tickets?q={Uri.EscapeDataString(label)}&limit=100", Cancel);
        Assert.DoesNotContain(filed.GetProperty("items").EnumerateArray(), t => t.GetProperty("subject").GetString()!.Contains(label, StringComparison.Ordinal));
    }

    /// <summary>Publishes a fresh item with its own KB article and puts it on the portal in place of the "software" choice.</summary>
    private async Task<(string Item, string Label, (Guid Id, string Title) Article)> OfferItemAsync()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var item = "software-" + tag;
        var label = $"Install software {tag}";
        var title = $"Which software can I install {tag}";
        var article = await platform.PublishArticleAsync(title,
            "The catalogue lists licensed software.\n\nFree tools such as 7-Zip can be installed from the company portal yourself.", "Software", "software");
        await PublishItemAsync(item, article);
        await platform.PutPortalChoiceAsync(
            c => c.GetProperty("key").GetString() == "software" || c.GetProperty("catalogItem").GetString()?.StartsWith("software-", StringComparison.Ordinal) == true,
            new { key = item, label, description = "Licensed applications.", type = "ServiceRequest", category = (string?)null, catalogItem = item });
        return (item, label, (article, title));
    }

    /// <summary>Every field type the form model has, labelled in three languages; pre-approved, fulfilled by the hardware queue.</summary>
    private async Task PublishItemAsync(string key, Guid article)
    {
        var definition = new
        {
            name = new { en = "Software", fr = "Logiciel", it = "Software" },
            description = new { en = "A licensed application installed on your computer.", fr = "Une application sous licence.", it = "Un'applicazione con licenza." },
            portal = "employee",
            form = new
            {
                fields = new object[]
                {
                    new { key = "product", type = "Choice", required = true, label = Text("Product", "Produit", "Prodotto"),
                        options = new[] { new { value = "visio", label = Text("Visio", "Visio", "Visio") }, new { value = "photoshop", label = Text("Photoshop", "Photoshop", "Photoshop") } } },
                    new { key = "justification", type = "Textarea", required = true, maxLength = 2000, label = Text("Why do you need it?", "Pourquoi en avez-vous besoin ?", "Perché ti serve?") },
                    new { key = "seats", type = "Integer", required = true, minimum = 1, maximum = 25, label = Text("Number of seats", "Nombre de postes", "Numero di postazioni") },
                    new { key = "neededBy", type = "Date", label = Text("Needed by", "Nécessaire avant le", "Necessario entro il") },
                    new { key = "budget", type = "Number", minimum = 0, label = Text("Budget", "Budget", "Budget") },
                    new { key = "contact", type = "Email", label = Text("Your manager's e-mail", "E-mail de votre responsable", "E-mail del tuo responsabile") },
                    new { key = "quote", type = "Url", label = Text("Quote link", "Lien du devis", "Link al preventivo") },
                    new { key = "machine", type = "Text", maxLength = 40, label = Text("Computer name", "Nom de l'ordinateur", "Nome del computer"),
                        help = Text("Hostname as on the label", "Nom d'hôte sur l'étiquette", "Nome host sull'etichetta") },
                    new { key = "extras", type = "MultiChoice", label = Text("Extras", "Suppléments", "Extra"),
                        options = new[] { new { value = "fonts", label = Text("Fonts", "Polices", "Caratteri") }, new { value = "plugins", label = Text("Plug-ins", "Modules", "Plug-in") } } },
                    new { key = "training", type = "Boolean", label = Text("Training needed", "Formation nécessaire", "Formazione necessaria") },
                },
            },
            approval = new { preApproved = true },
            fulfilment = new { tasks = Array.Empty<object>() },
            fulfilmentQueue = "hardware",
            kbArticles = new[] { article.ToString() },
            owner = "software-asset-manager",
            keywords = new[] { "software" },
        };
        var published = await platform.Api.PostAsJsonAsync($"api/v1/routing/catalog/{key}/versions", new { definition }, Cancel);
        Assert.True(published.IsSuccessStatusCode, await published.Content.ReadAsStringAsync(Cancel));
    }

    private static object Text(string en, string fr, string it) => new { en, fr, it };
}
