using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HelpDesk.Intake.Domain;
using HelpDesk.Testing;
using HelpDesk.Testing.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Catalogue.Tests;

/// <summary>Every field type with wrong, missing, oversized and injected answers: a 400 naming the field in the requester's language, nothing written.</summary>
public sealed class BadFormTests(PostgresFixture postgres, RabbitMqFixture rabbit)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static readonly object[] Fields =
    [
        new { key = "name", type = "Text", label = Items.Text("Name", "Nom", "Nome"), required = true, maxLength = 50, pattern = "^[A-Za-zÀ-ÿ' -]+$" },
        new { key = "notes", type = "Textarea", label = Items.Text("Notes", "Remarques", "Note"), maxLength = 500 },
        new { key = "budget", type = "Number", label = Items.Text("Budget", "Budget", "Budget"), minimum = 0, maximum = 5000 },
        new { key = "seats", type = "Integer", label = Items.Text("Seats", "Places", "Posti"), required = true, minimum = 1, maximum = 50 },
        new { key = "urgent", type = "Boolean", label = Items.Text("Urgent", "Urgent", "Urgente") },
        new { key = "start", type = "Date", label = Items.Text("Start date", "Date de début", "Data di inizio"), required = true },
        new { key = "contact", type = "Email", label = Items.Text("Contact", "Contact", "Contatto") },
        new { key = "link", type = "Url", label = Items.Text("Link", "Lien", "Collegamento") },
        new { key = "site", type = "Choice", label = Items.Text("Site", "Site", "Sede"), required = true,
            options = new[] { new { value = "rome", label = Items.Text("Rome", "Rome", "Roma") }, new { value = "geneva", label = Items.Text("Geneva", "Genève", "Ginevra") } } },
        new { key = "modules", type = "MultiChoice", label = Items.Text("Modules", "Modules", "Moduli"), maxItems = 2,
            options = new[] { new { value = "hr", label = Items.Text("HR", "RH", "RU") }, new { value = "fin", label = Items.Text("Finance", "Finance", "Finanza") }, new { value = "ops", label = Items.Text("Ops", "Ops", "Ops") } } },
    ];

    private static Dictionary<string, object?> Good() => new()
    {
        ["name"] = "Ada Lovelace", ["notes"] = "Line one\nline two", ["budget"] = 1200.50, ["seats"] = 3, ["urgent"] = false,
        ["start"] = "2026-12-01", ["contact"] = "ada@example.org", ["link"] = "https://wiki.example.org/x", ["site"] = "rome", ["modules"] = new[] { "hr", "fin" },
    };

    private static readonly object?[][] BadAnswers =
    [
        ["name", null, "required"],
        ["name", 42, "text"],
        ["name", new string('a', 51), "tooLong"],
        ["name", "Robert'); DROP TABLE tickets;--", "pattern"],
        ["name", "Ada\u0000Lovelace", "control"],
        ["notes", new string('x', 501), "tooLong"],
        ["notes", new[] { "not", "text" }, "text"],
        ["budget", "1200", "number"],
        ["budget", -1, "min"],
        ["budget", 1e6, "max"],
        ["seats", 2.5, "integer"],
        ["seats", null, "required"],
        ["seats", 51, "max"],
        ["urgent", "yes", "boolean"],
        ["start", "01/12/2026", "date"],
        ["start", "2026-02-30", "date"],
        ["start", "2026-12-01' OR '1'='1", "date"],
        ["contact", "not-an-address", "email"],
        ["contact", "<script>alert(1)</script>@x", "email"],
        ["link", "javascript:alert(1)", "url"],
        ["link", "https://" + new string('a', 2001), "url"],
        ["site", "paris", "option"],
        ["site", "<img src=x onerror=alert(1)>", "option"],
        ["site", 1, "option"],
        ["modules", new[] { "hr", "fin", "ops" }, "tooMany"],
        ["modules", new[] { "hr", "hr" }, "duplicate"],
        ["modules", "hr", "list"],
        ["modules", new[] { "hr", "{{7*7}}" }, "option"],
    ];

    private static async Task<CatalogueHost> StartAsync(PostgresFixture postgres, RabbitMqFixture rabbit)
    {
        var host = await CatalogueHost.StartAsync(Stack.SqliteInMemory, postgres, rabbit);
        await host.PublishItemAsync("training", Items.PreApproved("training", Fields));
        await host.WaitForFormAsync("training", 1);
        return host;
    }

    [Fact]
    public async Task Every_bad_answer_is_a_400_naming_its_field_in_the_requesters_language_and_nothing_is_written()
    {
        await using var host = await StartAsync(postgres, rabbit);
        foreach (var row in BadAnswers)
        {
            var (field, value, kind) = ((string)row[0]!, row[1], (string)row[2]!);
            var answers = Good();
            answers[field] = value;
            var response = await host.SubmitAsync("training", answers, language: "fr-CH");

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var errors = (await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("errors");
            Assert.Equal([$"answers.{field}"], errors.EnumerateObject().Select(e => e.Name));
            // The French message of the expected kind (its text up to the first argument after the label).
            var expected = AnswerMessages.Get(kind, "fr", Label(field), "§").Split('§')[0];
            var message = errors.GetProperty($"answers.{field}")[0].GetString()!;
            Assert.True(message.StartsWith(expected, StringComparison.Ordinal), $"{field}={value}: '{message}' should start with '{expected}'");
        }
        Assert.Equal(0, await host.IntakeAsync(db => db.Tickets.CountAsync(Cancel)));
        Assert.Equal(0, await host.IntakeAsync(db => db.OutboxMessages.CountAsync(m => m.MessageType.StartsWith("HelpDesk.Contracts.TicketSubmitted"), Cancel)));
    }

    [Fact]
    public async Task Good_answers_are_stored_with_the_ticket_injected_text_stays_inert_text()
    {
        await using var host = await StartAsync(postgres, rabbit);
        var answers = Good();
        answers["notes"] = "<script>alert(1)</script> '; DROP TABLE tickets; -- {{ 7*7 }}";
        var ticket = await host.SubmitOkAsync("training", answers);
        var stored = (await host.TicketAsync(ticket.GetProperty("id").GetGuid())).GetProperty("answers");
        Assert.Equal("<script>alert(1)</script> '; DROP TABLE tickets; -- {{ 7*7 }}", stored.GetProperty("notes").GetString());
        Assert.Equal(3, stored.GetProperty("seats").GetInt32());
        Assert.Equal(["hr", "fin"], stored.GetProperty("modules").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(1, await host.IntakeAsync(db => db.Tickets.CountAsync(Cancel)));
    }

    [Fact]
    public async Task Missing_required_answers_unknown_questions_and_unknown_items_are_named()
    {
        await using var host = await StartAsync(postgres, rabbit);
        var response = await host.SubmitAsync("training", new Dictionary<string, object?> { ["seats"] = 2, ["shoeSize"] = 44 }, language: "it");
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("errors");
        Assert.Equal(["answers.name", "answers.shoeSize", "answers.site", "answers.start"], errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Equal("« Nome » è obbligatorio.", errors.GetProperty("answers.name")[0].GetString());

        var unknown = await host.SubmitAsync("no-such-item", new { a = 1 });
        Assert.True((await unknown.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("errors").TryGetProperty("catalogItem", out _));
        Assert.Equal(0, await host.IntakeAsync(db => db.Tickets.CountAsync(Cancel)));
    }

    [Fact]
    public async Task Bad_item_definitions_are_refused_field_by_field()
    {
        await using var host = await StartAsync(postgres, rabbit);
        var response = await host.Client.PostAsJsonAsync("/api/v1/routing/catalog/broken/versions", new
        {
            definition = new
            {
                name = new { fr = "Sans anglais" },
                description = Items.Text("d", "d", "d"),
                form = new { fields = new object[] { new { key = "1bad", type = "Choice", label = Items.Text("x", "x", "x") }, new { key = "ok", type = "Text", label = Items.Text("x", "x", "x"), pattern = "([" } } },
                approval = new { preApproved = false, stages = new[] { new { name = "s", approvers = new[] { new { kind = "Person" } }, remindAfter = "02:00:00", timeout = "01:00:00" } } },
                fulfilment = new { tasks = new[] { new { name = "t" } }, automation = new { url = "ftp://x" } },
                owner = "",
                kbArticles = Array.Empty<string>(),
                keywords = Array.Empty<string>(),
            },
        }, TestJson.Options, Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("errors").EnumerateObject().Select(e => e.Name).ToHashSet();
        Assert.Superset(new HashSet<string>
        {
            "name.en", "form.fields[0].key", "form.fields[0].options", "form.fields[1].pattern", "approval.stages[0].approvers[0].id",
            "approval.stages[0].remindAfter", "fulfilment.tasks[0].queue", "fulfilment.automation.url", "fulfilmentQueue", "owner",
        }, errors);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Client.GetAsync("/api/v1/routing/catalog/broken", Cancel)).StatusCode);
    }

    private static string Label(string field) => field switch
    {
        "name" => "Nom", "notes" => "Remarques", "budget" => "Budget", "seats" => "Places", "urgent" => "Urgent", "start" => "Date de début",
        "contact" => "Contact", "link" => "Lien", "site" => "Site", _ => "Modules",
    };
}
