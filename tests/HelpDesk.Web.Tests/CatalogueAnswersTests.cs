using System.Text.Json;
using HelpDesk.Web.Components.Pages.Portal;
using HelpDesk.Web.Components.Shared;
using HelpDesk.Web.Gateway;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace HelpDesk.Web.Tests;

/// <summary>How the portal turns posted inputs into Intake's typed answers, and how a ticket's answers read back.</summary>
public sealed class CatalogueAnswersTests
{
    private static readonly CatalogFormField[] Fields =
    [
        Field("product", "Choice"), Field("seats", "Integer"), Field("budget", "Number"), Field("training", "Boolean"),
        Field("extras", "MultiChoice"), Field("neededBy", "Date"), Field("note", "Textarea"), Field("room", "Text"),
    ];

    [Fact]
    public void Posted_inputs_become_typed_answers_and_empty_ones_are_left_out()
    {
        var posted = new FormCollection(new Dictionary<string, StringValues>
        {
            ["answer.product"] = "visio",
            ["answer.seats"] = "3",
            ["answer.budget"] = "12.50",
            ["answer.training"] = "false",
            ["answer.extras"] = new StringValues(["fonts", "plugins"]),
            ["answer.neededBy"] = "2027-01-15",
            ["answer.note"] = "  ",
            ["answer.room"] = "",
            ["answer.shoeSize"] = "44",
        });

        var json = JsonSerializer.SerializeToElement(CatalogueAnswers.From(Fields, posted));

        Assert.Equal(["product", "seats", "budget", "training", "extras", "neededBy"], json.EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.Number, json.GetProperty("seats").ValueKind);
        Assert.Equal(3, json.GetProperty("seats").GetInt32());
        Assert.Equal(12.50m, json.GetProperty("budget").GetDecimal());
        Assert.Equal(JsonValueKind.False, json.GetProperty("training").ValueKind);
        Assert.Equal(["fonts", "plugins"], json.GetProperty("extras").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void A_number_that_does_not_parse_is_sent_as_typed_for_intake_to_refuse()
    {
        var posted = new FormCollection(new Dictionary<string, StringValues> { ["answer.seats"] = "three", ["answer.training"] = "maybe" });

        var json = JsonSerializer.SerializeToElement(CatalogueAnswers.From(Fields, posted));

        Assert.Equal("three", json.GetProperty("seats").GetString());
        Assert.Equal("maybe", json.GetProperty("training").GetString());
        Assert.Empty(CatalogueAnswers.From(Fields, null));
    }

    [Fact]
    public void Answers_read_back_in_the_form_s_order_with_labels_and_option_labels_in_the_reader_s_language()
    {
        var definition = JsonSerializer.SerializeToElement(new
        {
            form = new
            {
                fields = new object[]
                {
                    new { key = "product", type = "Choice", label = new { en = "Product", fr = "Produit" },
                        options = new[] { new { value = "visio", label = new { en = "Visio (diagrams)", fr = "Visio (schémas)" } } } },
                    new { key = "seats", type = "Integer", label = new { en = "Seats" } },
                    new { key = "training", type = "Boolean", label = new { en = "Training", it = "Formazione" } },
                },
            },
        });
        var answers = JsonSerializer.SerializeToElement(new { training = true, removed = "kept", seats = 2, product = "visio" });

        var french = AnswerLines.Of(answers, definition, "fr", "Oui", "Non");
        var unknownVersion = AnswerLines.Of(answers, null, "en", "Yes", "No");

        Assert.Equal(
            [new AnswerLine("product", "Produit", "Visio (schémas)"), new AnswerLine("seats", "Seats", "2"), new AnswerLine("training", "Training", "Oui"), new AnswerLine("removed", "removed", "kept")],
            french);
        Assert.Equal(["training", "removed", "seats", "product"], unknownVersion.Select(l => l.Label));
        Assert.Empty(AnswerLines.Of(null, definition, "en", "Yes", "No"));
    }

    private static CatalogFormField Field(string key, string type) => new(key, type, key, false, null, null, null, null, null, null, null, null);
}
