namespace HelpDesk.Routing.Infrastructure.Classification;

public sealed record CategoryScore(string Category, double Confidence);

/// <summary>The model's answer: best category, its calibrated probability, the top three, and the language it read the ticket in.</summary>
public sealed record ClassifierPrediction(string Category, double Confidence, IReadOnlyList<CategoryScore> Alternatives, string? Language = null);

/// <summary>What a trained model is: where it came from, how it was trained and how well it did on held-out tickets.</summary>
public sealed record ClassifierInfo(
    DateTimeOffset TrainedAt,
    string Source,
    int Examples,
    IReadOnlyList<string> Categories,
    string Trainer,
    double TrainingSeconds,
    ClassifierMetrics? Validation,
    CalibrationReport? Calibration = null,
    int ValidationExamples = 0,
    IReadOnlyDictionary<string, int>? Languages = null,
    string? Settings = null);

/// <summary>A labelled ticket for training; <paramref name="Language"/> is a hint (the text decides when it is clear).</summary>
public sealed record LabelledTicket(string Text, string Category, string? Language = null);
