namespace HelpDesk.Routing.Infrastructure.Classification;

/// <summary>How the classifier is trained (<c>Routing:Training</c>); the defaults were chosen on a validation split of train.csv only.</summary>
public sealed class ClassifierTrainingOptions
{

    public int Epochs { get; set; } = 12;

    public double LearningRate { get; set; } = 0.1;

    public double L2 { get; set; } = 1e-5;

    /// <summary>An n-gram becomes a feature when at least this many training tickets contain it.</summary>
    public int MinimumDocuments { get; set; } = 2;

    /// <summary>Weight of the mean word vector against the unit-length TF-IDF vector.</summary>
    public double WordVectorScale { get; set; } = 2;

    /// <summary>
    /// Seed-rule strength: each category cue (lexicon) found adds this much to its category's logit per log(1 + matches),
    /// on top of whatever weight the cue features learned from the data. It is what lets the cues of a desk speak
    /// before the desk has labelled tickets of its own.
    /// </summary>
    public double CueBoost { get; set; }

    /// <summary>Share of the tickets held out to fit the temperature and report validation figures.</summary>
    public double ValidationFraction { get; set; } = 0.15;

    /// <summary>After validation, train again on every ticket (validation figures stay those of the held-out run).</summary>
    public bool RefitOnAll { get; set; } = true;

    public int Seed { get; set; } = 1;

    /// <summary>A new model replaces the current one only if its validation accuracy is at most this much lower (unless forced).</summary>
    public double ReplaceTolerance { get; set; }

    /// <summary>Largest CSV accepted by the training endpoint (streamed to disk, never held in memory).</summary>
    public long MaxUploadBytes { get; set; } = 256L * 1024 * 1024;

    public SoftmaxRegressionOptions Regression => new() { Epochs = Epochs, LearningRate = LearningRate, L2 = L2, Seed = Seed };

    public string Describe() =>
        $"epochs={Epochs} rate={LearningRate} l2={L2} minDocs={MinimumDocuments} vectorScale={WordVectorScale} cueBoost={CueBoost} validation={ValidationFraction} refit={RefitOnAll} seed={Seed}";
}
