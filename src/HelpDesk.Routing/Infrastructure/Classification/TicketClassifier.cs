using Microsoft.EntityFrameworkCore;
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

    /// <summary>How often a replica checks routing's database for a model another replica activated.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(10);

    public static string Resolve(string path) => Path.IsPathRooted(path) ? path : Path.Combine(AppContext.BaseDirectory, path);
}

/// <summary>What happened to a trained model: activated, or kept aside because it was worse than the current one.</summary>
public sealed record TrainingOutcome(ClassifierInfo Model, bool Replaced, string Reason);

/// <summary>
/// The service's current classifier: the latest model activated on this desk (kept in routing's database, so every
/// replica uses it and it survives restarts and empty data volumes), else the shipped default model. A training run
/// replaces it only if its validation figures are not worse (or it is forced); other replicas pick the new model up
/// within <see cref="ClassifierFileOptions.RefreshInterval"/> (<see cref="ClassifierRefresher"/>).
/// </summary>
public sealed class TicketClassifier
{
    /// <summary>Activations kept in the database (the active one and the ones before it, for an operator to go back to).</summary>
    public const int KeptModels = 5;

    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _time;
    private readonly string _legacyPath;
    private readonly IOptionsMonitor<RoutingOptions> _options;
    private readonly ILogger<TicketClassifier> _logger;
    private readonly Lazy<ActiveModel> _initial;
    private ActiveModel? _active;

    public TicketClassifier(
        IConfiguration configuration, IOptionsMonitor<RoutingOptions> options, TicketAnalyzer analyzer, IServiceScopeFactory scopes, TimeProvider time,
        ILogger<TicketClassifier> logger)
    {
        // Where models were saved before they lived in the database: imported once.
        _legacyPath = Path.Combine(HelpDesk.Messaging.Persistence.PersistenceExtensions.GetDataDirectory(configuration), "routing", "ticket-classifier.model");
        _scopes = scopes;
        _time = time;
        _options = options;
        _logger = logger;
        Analyzer = analyzer;
        _initial = new Lazy<ActiveModel>(LoadInitial, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public TicketAnalyzer Analyzer { get; }

    public RoutingModel? Current => Loaded.Model;

    public bool IsTrained => Current is not null;

    public ClassifierInfo? Info => Current?.Info;

    public double ConfidenceThreshold => _options.CurrentValue.ModelConfidenceThreshold;

    private ActiveModel Loaded => Volatile.Read(ref _active) ?? _initial.Value;

    public ClassifierPrediction? Predict(string subject, string description, string? language = null) =>
        Current?.Predict(Analyzer.Analyze($"{subject} {description}", language));

    /// <summary>
    /// Stores and activates <paramref name="model"/> unless its validation accuracy is worse than the active model's
    /// (the newest any replica activated) and it is not forced.
    /// </summary>
    public async Task<TrainingOutcome> OfferAsync(RoutingModel model, bool force, CancellationToken cancellationToken)
    {
        await RefreshAsync(cancellationToken);
        var tolerance = _options.CurrentValue.Training.ReplaceTolerance;
        var before = Current?.Info.Validation?.Accuracy;
        var after = model.Info.Validation?.Accuracy;
        if (!force && before is { } old && (after is null || after < old - tolerance))
        {
            var reason = $"Kept the current model: validation accuracy {Format(after)} is below the current {old:0.0000} (tolerance {tolerance:0.0000}); train with force=true to replace it anyway.";
            _logger.LogWarning("Trained model from {Source} not activated: {Reason}", model.Info.Source, reason);
            return new TrainingOutcome(model.Info, false, reason);
        }
        var id = await StoreAsync(model, cancellationToken);
        Volatile.Write(ref _active, new ActiveModel(id, model));
        var why = force ? "Forced." : before is null ? "No model was active." : $"Validation accuracy {Format(after)} ≥ current {before:0.0000} − tolerance {tolerance:0.0000}.";
        _logger.LogInformation("Ticket classifier {Id} from {Source} activated ({Examples} examples, validation accuracy {Accuracy}): {Reason}",
            id, model.Info.Source, model.Info.Examples, after, why);
        return new TrainingOutcome(model.Info, true, why);
    }

    /// <summary>Makes a model from the history the newest activation again and uses it; false when it is not kept.</summary>
    public async Task<bool> ActivateStoredAsync(Guid id, CancellationToken cancellationToken)
    {
        await using (var scope = _scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RoutingDbContext>();
            var now = _time.GetUtcNow();
            if (await db.ClassifierModels.Where(m => m.Id == id).ExecuteUpdateAsync(m => m.SetProperty(x => x.ActivatedAt, now), cancellationToken) == 0)
            {
                return false;
            }
        }
        await RefreshAsync(cancellationToken);
        _logger.LogInformation("Ticket classifier {Id} activated again from the history", id);
        return true;
    }

    /// <summary>Loads the newest activation from the database when it is not the one in use (another replica trained it).</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RoutingDbContext>();
        var newest = await Newest(db).Select(m => (Guid?)m.Id).FirstOrDefaultAsync(cancellationToken);
        if (newest is null || newest == Loaded.Id)
        {
            return;
        }
        var content = await db.ClassifierModels.AsNoTracking().Where(m => m.Id == newest).Select(m => m.Content).FirstAsync(cancellationToken);
        var model = Read(content);
        Volatile.Write(ref _active, new ActiveModel(newest, model));
        _logger.LogInformation("Ticket classifier {Id} from {Source} activated on another replica: now in use here", newest, model.Info.Source);
    }

    private async Task<Guid> StoreAsync(RoutingModel model, CancellationToken cancellationToken)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RoutingDbContext>();
        var row = NewRow(model);
        db.ClassifierModels.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        var older = await Newest(db).Skip(KeptModels).Select(m => m.Id).ToListAsync(cancellationToken);
        await db.ClassifierModels.Where(m => older.Contains(m.Id)).ExecuteDeleteAsync(cancellationToken);
        return row.Id;
    }

    private StoredClassifierModel NewRow(RoutingModel model)
    {
        using var buffer = new MemoryStream();
        model.Save(buffer);
        var source = model.Info.Source;
        return new StoredClassifierModel
        {
            Id = Guid.CreateVersion7(), ActivatedAt = _time.GetUtcNow(), Source = source.Length > 200 ? source[..200] : source,
            ValidationAccuracy = model.Info.Validation?.Accuracy, Content = buffer.ToArray(),
        };
    }

    private static IQueryable<StoredClassifierModel> Newest(RoutingDbContext db) =>
        StoredClassifierModel.NewestFirst(db.ClassifierModels.AsNoTracking());

    private static RoutingModel Read(byte[] content)
    {
        using var stream = new MemoryStream(content, writable: false);
        return RoutingModel.Load(stream);
    }

    private static string Format(double? accuracy) => accuracy is { } a ? a.ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture) : "(none: too few tickets to hold out)";

    /// <summary>
    /// The first model in use: the newest activation in the database; else a model saved by an earlier version in the
    /// data directory (imported into the database); else the shipped default. If the database cannot be read yet, the
    /// shipped model serves until <see cref="RefreshAsync"/> finds the stored one.
    /// </summary>
    private ActiveModel LoadInitial()
    {
        try
        {
            using var scope = _scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<RoutingDbContext>();
            if (Newest(db).FirstOrDefault() is { } stored)
            {
                _logger.LogInformation("Loaded ticket classifier {Id} from routing's database ({Source})", stored.Id, stored.Source);
                return new ActiveModel(stored.Id, Read(stored.Content));
            }
            if (LoadFile(_legacyPath) is { } legacy)
            {
                var row = NewRow(legacy);
                db.ClassifierModels.Add(row);
                db.SaveChanges();
                _logger.LogInformation("Imported the ticket classifier saved at {Path} into routing's database as {Id}", _legacyPath, row.Id);
                return new ActiveModel(row.Id, legacy);
            }
        }
        catch (Exception ex)
        {
            // Whatever went wrong (the database away: EF's RetryLimitExceededException is no DbException), the lazy
            // value must not become that exception for good: the shipped model serves and the refresher catches up.
            _logger.LogError(ex, "Stored ticket classifier could not be loaded; the shipped model serves until it can");
        }
        var files = _options.CurrentValue.Classifier;
        return new ActiveModel(null, files.UseDefaultModel ? LoadFile(ClassifierFileOptions.Resolve(files.DefaultModelPath)) : null);
    }

    private RoutingModel? LoadFile(string path)
    {
        if (!File.Exists(path))
        {
            return null;
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
            return null;
        }
    }

    /// <summary>The model in use and its row in the database (null: the shipped model, or none).</summary>
    private sealed record ActiveModel(Guid? Id, RoutingModel? Model);
}
