namespace HelpDesk.Routing.Infrastructure.Classification;

/// <summary>A model's figures on a labelled set: accuracy and F1, calibration, and per-language accuracy.</summary>
public sealed record ModelEvaluation(ClassifierMetrics Metrics, CalibrationReport Calibration, IReadOnlyDictionary<string, double> AccuracyByLanguage)
{
    public static ModelEvaluation Run(RoutingModel model, TicketAnalyzer analyzer, IReadOnlyList<LabelledTicket> tickets, double threshold)
    {
        var outcomes = tickets.Select(t =>
        {
            // No language hint: channels often declare none (intake then says "en"), so identification must do the work.
            var prediction = model.Predict(analyzer.Analyze(t.Text));
            return (Ticket: t, Prediction: prediction);
        }).ToList();
        var metrics = ClassifierMetrics.Compute(outcomes.Select(o => (o.Ticket.Category, o.Prediction.Category)));
        var calibration = CalibrationReport.Compute(outcomes.Select(o => (o.Prediction.Confidence, o.Prediction.Category == o.Ticket.Category)).ToList(), model.Temperature, threshold);
        // Per language as the ticket was labelled (the language column), else as identified.
        var byLanguage = outcomes.GroupBy(o => o.Ticket.Language ?? o.Prediction.Language ?? "en")
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => Math.Round(g.Average(o => o.Prediction.Category == o.Ticket.Category ? 1.0 : 0.0), 4));
        return new ModelEvaluation(metrics, calibration, byLanguage);
    }
}
