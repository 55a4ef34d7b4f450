using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Text;

namespace HelpDesk.Routing.Infrastructure.Classification;

public enum ClassifierTrainer { SdcaMaximumEntropy, LbfgsMaximumEntropy }

/// <summary>How the text classifier is trained; the defaults were chosen on a validation split of train.csv only.</summary>
public sealed class ClassifierTrainingOptions
{
    public ClassifierTrainer Trainer { get; set; } = ClassifierTrainer.SdcaMaximumEntropy;

    /// <summary>Word n-grams up to this length (1 = unigrams).</summary>
    public int WordNgramLength { get; set; } = 1;

    /// <summary>Character n-grams of this length; 0 disables them.</summary>
    public int CharNgramLength { get; set; }

    public int MaximumIterations { get; set; } = 100;

    /// <summary>Share of the examples held out to report validation accuracy when training through the API.</summary>
    public double ValidationFraction { get; set; } = 0.1;

    public int Seed { get; set; } = 1;
}

public sealed class TicketTextInput
{
    public string Text { get; set; } = "";

    public string Label { get; set; } = "";
}

public sealed class TicketCategoryPrediction
{
    [ColumnName("PredictedLabel")]
    public string PredictedLabel { get; set; } = "";

    public float[] Score { get; set; } = [];
}

public sealed record CategoryScore(string Category, double Confidence);

public sealed record ClassifierPrediction(string Category, double Confidence, IReadOnlyList<CategoryScore> Alternatives);

public sealed record ClassifierInfo(
    DateTimeOffset TrainedAt,
    string Source,
    int Examples,
    IReadOnlyList<string> Categories,
    string Trainer,
    double TrainingSeconds,
    ClassifierMetrics? Validation);

/// <summary>A trained pipeline with a pool of prediction engines (a PredictionEngine is not thread-safe).</summary>
public sealed class TrainedClassifier
{
    private readonly MLContext _ml;
    private readonly ConcurrentBag<PredictionEngine<TicketTextInput, TicketCategoryPrediction>> _engines = [];

    public TrainedClassifier(MLContext ml, ITransformer model, DataViewSchema inputSchema)
    {
        _ml = ml;
        Model = model;
        InputSchema = inputSchema;
        using var probe = ml.Model.CreatePredictionEngine<TicketTextInput, TicketCategoryPrediction>(model, inputSchema);
        var names = default(VBuffer<ReadOnlyMemory<char>>);
        probe.OutputSchema["Score"].GetSlotNames(ref names);
        Categories = names.DenseValues().Select(n => n.ToString()).ToArray();
    }

    public ITransformer Model { get; }

    public DataViewSchema InputSchema { get; }

    /// <summary>Categories in the order of the model's scores.</summary>
    public IReadOnlyList<string> Categories { get; }

    public ClassifierPrediction Predict(string text)
    {
        if (!_engines.TryTake(out var engine))
        {
            engine = _ml.Model.CreatePredictionEngine<TicketTextInput, TicketCategoryPrediction>(Model, InputSchema);
        }
        try
        {
            var output = engine.Predict(new TicketTextInput { Text = text });
            var ranked = output.Score
                .Select((score, index) => new CategoryScore(index < Categories.Count ? Categories[index] : output.PredictedLabel, Math.Round(score, 4)))
                .OrderByDescending(s => s.Confidence)
                .ToList();
            var best = ranked.Count > 0 ? ranked[0] : new CategoryScore(output.PredictedLabel, 0);
            return new ClassifierPrediction(best.Category, best.Confidence, ranked.Take(3).ToList());
        }
        finally
        {
            _engines.Add(engine);
        }
    }

    public void Save(string path)
    {
        var temporary = path + ".tmp";
        _ml.Model.Save(Model, InputSchema, temporary);
        File.Move(temporary, path, overwrite: true);
    }

    public static TrainedClassifier Load(string path)
    {
        var ml = new MLContext();
        var model = ml.Model.Load(path, out var schema);
        return new TrainedClassifier(ml, model, schema);
    }

    public static TrainedClassifier Train(IReadOnlyCollection<LabelledTicket> examples, ClassifierTrainingOptions options, CancellationToken cancellationToken = default)
    {
        var categories = examples.Select(e => e.Category).Distinct(StringComparer.Ordinal).Count();
        if (categories < 2)
        {
            throw new InvalidDataException("Training needs examples of at least two categories.");
        }
        var ml = new MLContext(options.Seed);
        cancellationToken.ThrowIfCancellationRequested();
        var data = ml.Data.LoadFromEnumerable(examples.Select(e => new TicketTextInput { Text = e.Text, Label = e.Category }));
        var featurizer = new TextFeaturizingEstimator.Options
        {
            CaseMode = TextNormalizingEstimator.CaseMode.Lower,
            KeepDiacritics = false,
            KeepPunctuations = false,
            WordFeatureExtractor = new WordBagEstimator.Options { NgramLength = Math.Max(1, options.WordNgramLength), UseAllLengths = true },
            CharFeatureExtractor = options.CharNgramLength > 0
                ? new WordBagEstimator.Options { NgramLength = options.CharNgramLength, UseAllLengths = false }
                : null,
            Norm = TextFeaturizingEstimator.NormFunction.L2,
        };
        var features = ml.Transforms.Conversion.MapValueToKey("Label", "Label")
            .Append(ml.Transforms.Text.FeaturizeText("Features", featurizer, nameof(TicketTextInput.Text)));
        var pipeline = options.Trainer switch
        {
            ClassifierTrainer.LbfgsMaximumEntropy => features
                .Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy("Label", "Features"))
                .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel")),
            _ => features
                .Append(ml.MulticlassClassification.Trainers.SdcaMaximumEntropy("Label", "Features", maximumNumberOfIterations: options.MaximumIterations))
                .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel")),
        };
        var model = pipeline.Fit(data);
        return new TrainedClassifier(ml, model, data.Schema);
    }
}

/// <summary>
/// The service's current classifier: loaded from the data directory if a saved model exists (never trained at
/// start-up), replaced atomically by an explicit retrain.
/// </summary>
public sealed class TicketClassifier : IDisposable
{
    private readonly string _modelPath;
    private readonly string _infoPath;
    private readonly IOptionsMonitor<RoutingOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger<TicketClassifier> _logger;
    private readonly SemaphoreSlim _training = new(1, 1);
    private readonly Lazy<TrainedClassifier?> _saved;
    private TrainedClassifier? _trained;
    private ClassifierInfo? _info;

    public TicketClassifier(IConfiguration configuration, IOptionsMonitor<RoutingOptions> options, TimeProvider time, ILogger<TicketClassifier> logger)
    {
        var directory = Path.Combine(HelpDesk.Messaging.Persistence.PersistenceExtensions.GetDataDirectory(configuration), "routing");
        Directory.CreateDirectory(directory);
        _modelPath = Path.Combine(directory, "ticket-classifier.zip");
        _infoPath = Path.Combine(directory, "ticket-classifier.json");
        _options = options;
        _time = time;
        _logger = logger;
        _saved = new Lazy<TrainedClassifier?>(LoadSaved, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    private TrainedClassifier? Current => Volatile.Read(ref _trained) ?? _saved.Value;

    public bool IsTrained => Current is not null;

    public ClassifierInfo? Info
    {
        get
        {
            _ = Current; // loads the saved model (and its description) on first use
            return Volatile.Read(ref _info);
        }
    }

    public double ConfidenceThreshold => _options.CurrentValue.ModelConfidenceThreshold;

    public ClassifierPrediction? Predict(string subject, string description)
    {
        var model = Current;
        return model?.Predict($"{subject} {description}");
    }

    /// <summary>Trains on <paramref name="examples"/>, reports accuracy on a held-out share, then saves and activates the model.</summary>
    public async Task<ClassifierInfo> TrainAsync(IReadOnlyList<LabelledTicket> examples, string source, CancellationToken cancellationToken)
    {
        await _training.WaitAsync(cancellationToken);
        try
        {
            var options = _options.CurrentValue.Training;
            var (training, validation) = Split(examples, options.ValidationFraction, options.Seed);
            var stopwatch = Stopwatch.StartNew();
            var trained = await Task.Run(() => TrainedClassifier.Train(training, options, cancellationToken), cancellationToken);
            stopwatch.Stop();
            var metrics = validation.Count > 0
                ? ClassifierMetrics.Compute(validation.Select(v => (v.Category, trained.Predict(v.Text).Category)))
                : null;
            var info = new ClassifierInfo(_time.GetUtcNow(), source, training.Count, trained.Categories, options.Trainer.ToString(),
                Math.Round(stopwatch.Elapsed.TotalSeconds, 2), metrics);
            trained.Save(_modelPath);
            await File.WriteAllTextAsync(_infoPath, JsonSerializer.Serialize(info), cancellationToken);
            Volatile.Write(ref _info, info);
            Volatile.Write(ref _trained, trained);
            _logger.LogInformation("Ticket classifier trained from {Source} on {Examples} examples in {Seconds}s (validation accuracy {Accuracy})",
                source, training.Count, info.TrainingSeconds, metrics?.Accuracy);
            return info;
        }
        finally
        {
            _training.Release();
        }
    }

    public static (List<LabelledTicket> Training, List<LabelledTicket> Validation) Split(IReadOnlyList<LabelledTicket> examples, double fraction, int seed)
    {
        if (fraction <= 0 || examples.Count < 50)
        {
            return (examples.ToList(), []);
        }
        var random = new Random(seed);
        var shuffled = examples.OrderBy(_ => random.Next()).ToList();
        var validationCount = (int)Math.Round(shuffled.Count * Math.Min(fraction, 0.5));
        return (shuffled.Skip(validationCount).ToList(), shuffled.Take(validationCount).ToList());
    }

    public void Dispose() => _training.Dispose();

    private TrainedClassifier? LoadSaved()
    {
        if (!File.Exists(_modelPath))
        {
            return null;
        }
        try
        {
            var model = TrainedClassifier.Load(_modelPath);
            if (File.Exists(_infoPath))
            {
                _info = JsonSerializer.Deserialize<ClassifierInfo>(File.ReadAllText(_infoPath));
            }
            _logger.LogInformation("Loaded ticket classifier from {Path}", _modelPath);
            return model;
        }
        catch (Exception ex) when (ex is InvalidOperationException or InvalidDataException or IOException or FormatException)
        {
            _logger.LogError(ex, "Saved ticket classifier at {Path} could not be loaded; routing falls back to rules and defaults", _modelPath);
            return null;
        }
    }
}
