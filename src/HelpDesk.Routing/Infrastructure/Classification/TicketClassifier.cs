using Microsoft.Extensions.Options;

namespace HelpDesk.Routing.Infrastructure.Classification;

/// <summary>Where the classifier's files are and whether the shipped model is used (<c>Routing:Classifier</c>).</summary>
public sealed class ClassifierFileOptions
{
    /// <summary>Start with the model shipped with the service (trained on the IT-service-tickets data) until one is trained here.</summary>
    public bool UseDefaultModel { get; set; } = true;

    /// <summary>The shipped model; relative paths are under the service's base directory.</summary>
    public string DefaultModelPath { get; set; } = "Classification/Model/default-ticket-classifier.model";

    /// <summary>Glosses and category cues (seed rules); relative paths are under the service's base directory.</summary>
    public string LexiconPath { get; set; } = "Classification/Lexicon/routing-lexicon.json";

    /// <summary>The IT-service-tickets training split that train-from-tickets adds to the desk's own tickets.</summary>
    public string BaseDataPath { get; set; } = "Classification/Data/it-service-tickets-train.csv.gz";

    public static string Resolve(string path) => Path.IsPathRooted(path) ? path : Path.Combine(AppContext.BaseDirectory, path);
}

/// <summary>What happened to a trained model: activated, or kept aside because it was worse than the current one.</summary>
public sealed record TrainingOutcome(ClassifierInfo Model, bool Replaced, string Reason);

/// <summary>
/// The service's current classifier: the model trained here (data directory) if there is one, else the shipped
/// default model; replaced atomically by a training run whose validation figures are not worse (or that is forced).
/// </summary>
public sealed class TicketClassifier
{
    private readonly string _modelPath;
    private readonly IOptionsMonitor<RoutingOptions> _options;
    private readonly ILogger<TicketClassifier> _logger;
    private readonly Lazy<RoutingModel?> _loaded;
    private RoutingModel? _trained;

    public TicketClassifier(IConfiguration configuration, IOptionsMonitor<RoutingOptions> options, TicketAnalyzer analyzer, ILogger<TicketClassifier> logger)
    {
        var directory = Path.Combine(HelpDesk.Messaging.Persistence.PersistenceExtensions.GetDataDirectory(configuration), "routing");
        Directory.CreateDirectory(directory);
        _modelPath = Path.Combine(directory, "ticket-classifier.model");
        _options = options;
        _logger = logger;
        Analyzer = analyzer;
        _loaded = new Lazy<RoutingModel?>(LoadSaved, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public TicketAnalyzer Analyzer { get; }

    public RoutingModel? Current => Volatile.Read(ref _trained) ?? _loaded.Value;

    public bool IsTrained => Current is not null;

    public ClassifierInfo? Info => Current?.Info;

    public double ConfidenceThreshold => _options.CurrentValue.ModelConfidenceThreshold;

    public ClassifierPrediction? Predict(string subject, string description, string? language = null) =>
        Current?.Predict(Analyzer.Analyze($"{subject} {description}", language));

    /// <summary>Saves and activates <paramref name="model"/> unless its validation accuracy is worse than the current model's and it is not forced.</summary>
    public TrainingOutcome Offer(RoutingModel model, bool force)
    {
        var current = Current;
        var tolerance = _options.CurrentValue.Training.ReplaceTolerance;
        var before = current?.Info.Validation?.Accuracy;
        var after = model.Info.Validation?.Accuracy;
        if (!force && before is { } old && (after is null || after < old - tolerance))
        {
            var reason = $"Kept the current model: validation accuracy {Format(after)} is below the current {old:0.0000} (tolerance {tolerance:0.0000}); train with force=true to replace it anyway.";
            _logger.LogWarning("Trained model from {Source} not activated: {Reason}", model.Info.Source, reason);
            return new TrainingOutcome(model.Info, false, reason);
        }
        var temporary = _modelPath + ".tmp";
        using (var file = File.Create(temporary))
        {
            model.Save(file);
            file.Flush(flushToDisk: true);
        }
        File.Move(temporary, _modelPath, overwrite: true);
        Volatile.Write(ref _trained, model);
        var why = force ? "Forced." : before is null ? "No model was active." : $"Validation accuracy {Format(after)} ≥ current {before:0.0000} − tolerance {tolerance:0.0000}.";
        _logger.LogInformation("Ticket classifier from {Source} activated ({Examples} examples, validation accuracy {Accuracy}): {Reason}",
            model.Info.Source, model.Info.Examples, after, why);
        return new TrainingOutcome(model.Info, true, why);
    }

    private static string Format(double? accuracy) => accuracy is { } a ? a.ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture) : "(none: too few tickets to hold out)";

    private RoutingModel? LoadSaved()
    {
        var files = _options.CurrentValue.Classifier;
        foreach (var path in new[] { _modelPath, files.UseDefaultModel ? ClassifierFileOptions.Resolve(files.DefaultModelPath) : null })
        {
            if (path is null || !File.Exists(path))
            {
                continue;
            }
            try
            {
                using var file = File.OpenRead(path);
                var model = RoutingModel.Load(file);
                _logger.LogInformation("Loaded ticket classifier from {Path} ({Source}, {Categories} categories)", path, model.Info.Source, model.Categories.Length);
                return model;
            }
            catch (Exception ex) when (ex is InvalidDataException or IOException or EndOfStreamException or System.Text.Json.JsonException)
            {
                _logger.LogError(ex, "Ticket classifier at {Path} could not be loaded", path);
            }
        }
        return null;
    }
}
