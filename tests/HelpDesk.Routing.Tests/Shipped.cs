using HelpDesk.Routing.Domain;
using HelpDesk.Routing.Infrastructure;
using HelpDesk.Routing.Infrastructure.Classification;

namespace HelpDesk.Routing.Tests;

/// <summary>The classifier files the service ships (copied next to the tests) and the it/fr/en evaluation set.</summary>
internal static class Shipped
{
    public static string TrainCsv => Path.Combine(AppContext.BaseDirectory, "Classification/Data/it-service-tickets-train.csv.gz");

    public static string ModelPath => Path.Combine(AppContext.BaseDirectory, "Classification/Model/default-ticket-classifier.model");

    public static string EvaluationCsv => Path.Combine(AppContext.BaseDirectory, "Evaluation/multilingual-tickets.csv");

    public static ClassifierLexicon Lexicon() => ClassifierLexicon.Load(Path.Combine(AppContext.BaseDirectory, "Classification/Lexicon/routing-lexicon.json"));

    public static RoutingModel Model()
    {
        using var file = File.OpenRead(ModelPath);
        return RoutingModel.Load(file);
    }
}
