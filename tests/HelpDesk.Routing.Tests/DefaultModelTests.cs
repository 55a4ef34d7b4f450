using System.Net.Http.Json;
using HelpDesk.Contracts;
using HelpDesk.Routing.Api;
using HelpDesk.Routing.Domain;
using HelpDesk.Routing.Infrastructure;
using HelpDesk.Routing.Infrastructure.Classification;
using HelpDesk.Testing;

namespace HelpDesk.Routing.Tests;

public sealed class DefaultModelTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_fresh_service_routes_a_broken_monitor_to_hardware_in_english_italian_and_french()
    {
        await using var host = await ServiceTestHost.StartAsync(RoutingUnderTest.Service, new Dictionary<string, string?>
        {
            ["Routing:Classifier:UseDefaultModel"] = "true",
            ["Routing:CategoryQueues:Hardware"] = "hardware",
        });
        var model = await host.Client.GetFromJsonAsync<ModelView>("/api/v1/routing/model", TestJson.Options, Cancel);
        Assert.True(model!.Trained);
        Assert.Equal("it-service-tickets/train.csv", model.Model!.Source);

        // Channels declare "en" by default (intake's default), whatever the language: identification decides.
        var tickets = new[]
        {
            RoutingUnderTest.NewTicket("Monitor broken", "My monitor does not turn on anymore, the screen stays black."),
            RoutingUnderTest.NewTicket("Monitor rotto", "Il mio monitor non si accende più, lo schermo resta nero."),
            RoutingUnderTest.NewTicket("Écran cassé", "Mon écran ne s'allume plus, il reste complètement noir."),
        };
        foreach (var ticket in tickets)
        {
            var routed = await host.SubmitAsync(ticket);
            Assert.Equal(("hardware", "Hardware", "model"), (routed.Queue, routed.Category, routed.DecidedBy));
        }
        var explained = await (await host.Client.PostAsJsonAsync("/api/v1/routing/explain",
            new { subject = "Imprimante en panne", description = "L'imprimante du deuxième étage ne fonctionne plus." }, TestJson.Options, Cancel))
            .Content.ReadFromJsonAsync<ExplainResponse>(TestJson.Options, Cancel);
        Assert.Equal(("Hardware", "fr"), (explained!.Model!.Category, explained.Model.Language));
    }

    [Fact]
    public void Shipped_model_was_trained_on_train_csv_with_the_default_settings_and_reports_calibration()
    {
        var model = Shipped.Model();
        Assert.Equal(("it-service-tickets/train.csv", 38280), (model.Info.Source, model.Info.Examples));
        Assert.Equal(new ClassifierTrainingOptions().Describe(), model.Info.Settings);
        Assert.Equal(["Access", "Administrative rights", "HR Support", "Hardware", "Internal Project", "Miscellaneous", "Purchase", "Storage"], model.Categories);
        Assert.NotNull(model.Info.Validation);
        Assert.Equal(5742, model.Info.ValidationExamples);
        Assert.InRange(model.Info.Calibration!.ExpectedCalibrationError, 0, 0.05);
        // English tickets are read by the NBSVM + logistic mix, Italian and French ones by the AdaGrad weights.
        Assert.Equal(["it", "fr"], Assert.Single(model.LanguageHeads).Languages);
        Assert.NotEqual(model.Weights, model.For("it").Weights);
    }

    [Fact]
    public void On_the_it_fr_en_evaluation_set_the_shipped_model_keeps_its_measured_per_language_figures()
    {
        var tickets = BaseData.ReadCsv(Shipped.EvaluationCsv);
        Assert.Equal(144, tickets.Count);
        foreach (var language in new[] { "en", "it", "fr" })
        {
            var categories = tickets.Where(t => t.Language == language).GroupBy(t => t.Category).ToDictionary(g => g.Key, g => g.Count());
            Assert.Equal(8, categories.Count);
            Assert.All(categories.Values, count => Assert.Equal(6, count));
        }

        var evaluation = ModelEvaluation.Run(Shipped.Model(), new TicketAnalyzer(Shipped.Lexicon()), tickets, 0.6);
        // Measured (docs/routing.md): en 0.5625 (the NBSVM + logistic mix), fr 0.5833 and it 0.4792 (the AdaGrad weights).
        // French is within the 5-point goal, Italian is not yet; these bounds guard the figures against regressions
        // rather than claim the goal.
        var english = evaluation.AccuracyByLanguage["en"];
        Assert.True(english >= 0.54, $"English accuracy {english}");
        Assert.True(evaluation.AccuracyByLanguage["fr"] >= english - 0.05, $"French {evaluation.AccuracyByLanguage["fr"]} vs English {english}");
        Assert.True(evaluation.AccuracyByLanguage["it"] >= english - 0.15, $"Italian {evaluation.AccuracyByLanguage["it"]} vs English {english}");
    }
}
