namespace HelpDesk.Routing.Infrastructure.Classification;

/// <summary>How the classifier is trained (<c>Routing:Training</c>); the defaults were chosen on a validation split of train.csv only.</summary>
public sealed class ClassifierTrainingOptions
{
    /// <summary>The model for English tickets (and every language <see cref="OtherLanguagesSolver"/> does not take).</summary>
    public ClassifierSolver Solver { get; set; } = ClassifierSolver.SvmAndLogistic;

    /// <summary>
    /// A second weight set, over the same features, for tickets identified as Italian or French (model format 2);
    /// null or the same as <see cref="Solver"/>: one weight set for all. The parts both need are fitted once.
    /// </summary>
    public ClassifierSolver? OtherLanguagesSolver { get; set; } = ClassifierSolver.AdaGrad;

    /// <summary>The languages <see cref="OtherLanguagesSolver"/> reads: every supported language but English.</summary>
    public static IReadOnlyList<string> OtherLanguages { get; } = LanguageIdentifier.Supported.Where(l => l != "en").ToArray();

    /// <summary>The solver of the second weight set, if there is one.</summary>
    public ClassifierSolver? SecondSolver => OtherLanguagesSolver is { } other && other != Solver ? other : null;

    /// <summary>C of the linear SVM (<see cref="ClassifierSolver.Svm"/>, <see cref="ClassifierSolver.SvmAndLogistic"/>).</summary>
    public double SvmCost { get; set; } = 0.3;

    /// <summary>C of the one-vs-rest logistic regression (<see cref="ClassifierSolver.Logistic"/>, <see cref="ClassifierSolver.SvmAndLogistic"/>).</summary>
    public double LogisticCost { get; set; } = 10;

    /// <summary>Share of the SVM in <see cref="ClassifierSolver.SvmAndLogistic"/> (each part's scores first divided by its own fitted temperature).</summary>
    public double SvmShare { get; set; } = 0.5;

    /// <summary>
    /// The SVM sees n-gram, cue and language features scaled by their naive Bayes log-count ratio per class (NBSVM);
    /// in the mix the logistic part keeps the plain features, so the two parts look at the tickets differently.
    /// </summary>
    public bool NaiveBayes { get; set; } = true;

    /// <summary>Share of the AdaGrad softmax regression in <see cref="ClassifierSolver.SvmLogisticAndAdaGrad"/> (the rest is split by <see cref="SvmShare"/>).</summary>
    public double AdaGradShare { get; set; } = 1.0 / 3;

    /// <summary>Stopping tolerance of the dual coordinate descent solvers.</summary>
    public double Tolerance { get; set; } = 0.1;

    /// <summary>AdaGrad passes over the tickets.</summary>
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

    /// <summary>Settings of one dual solver; <paramref name="sparseFeatures"/> are the features naive Bayes scaling may touch.</summary>
    public DualCoordinateDescentOptions Dual(DualLoss loss, int sparseFeatures) => new()
    {
        Loss = loss, Cost = loss == DualLoss.SquaredHinge ? SvmCost : LogisticCost, Tolerance = Tolerance, Seed = Seed,
        NaiveBayesScaled = NaiveBayes && loss == DualLoss.SquaredHinge ? sparseFeatures : 0,
    };

    /// <summary>The settings that shaped a model, stored with it (only those of the chosen solver).</summary>
    public string Describe() => $"{Describe(Solver)} {Common()}" + (SecondSolver is { } other ? $" | {string.Join('/', OtherLanguages)}: {Describe(other)}" : "");

    private string Describe(ClassifierSolver solver) => solver switch
    {
        ClassifierSolver.AdaGrad => $"epochs={Epochs} rate={LearningRate} l2={L2}",
        ClassifierSolver.Svm => $"solver=svm C={SvmCost} tolerance={Tolerance}{NaiveBayesSetting(solver)}",
        ClassifierSolver.Logistic => $"solver=logistic C={LogisticCost} tolerance={Tolerance}",
        ClassifierSolver.SvmAndLogistic => $"solver=svm+logistic C={SvmCost}/{LogisticCost} svmShare={SvmShare} tolerance={Tolerance}{NaiveBayesSetting(solver)}",
        _ => $"solver=svm+logistic+adagrad C={SvmCost}/{LogisticCost} svmShare={SvmShare} adaGradShare={AdaGradShare:0.###} tolerance={Tolerance} epochs={Epochs} rate={LearningRate} l2={L2}{NaiveBayesSetting(solver)}",
    };

    private string NaiveBayesSetting(ClassifierSolver solver) => NaiveBayes && solver is not (ClassifierSolver.AdaGrad or ClassifierSolver.Logistic) ? " naiveBayes=True" : "";

    private string Common() =>
        $"minDocs={MinimumDocuments} vectorScale={WordVectorScale} cueBoost={CueBoost} validation={ValidationFraction} refit={RefitOnAll} seed={Seed}";
}
