namespace HelpDesk.Routing.Infrastructure.Classification;

/// <summary>Which loss <see cref="DualCoordinateDescent"/> minimises for each one-vs-rest problem.</summary>
public enum DualLoss
{
    SquaredHinge,
    Logistic,
}

public sealed class DualCoordinateDescentOptions
{
    public DualLoss Loss { get; init; }

    /// <summary>C: weight of the summed loss against the penalty ½‖w‖² (larger = less regularised).</summary>
    public double Cost { get; init; } = 1;

    /// <summary>Stopping tolerance on the projected gradient (LIBLINEAR's default for its dual solvers: 0.1).</summary>
    public double Tolerance { get; init; } = 0.1;

    public int MaxIterations { get; init; } = 1000;

    /// <summary>Value of the constant feature that carries the bias; its weight is regularised like the others, as in LIBLINEAR.</summary>
    public double BiasFeature { get; init; } = 1;

    /// <summary>
    /// The first this-many features are scaled, per class, by their naive Bayes log-count ratio (NBSVM, Wang and
    /// Manning 2012); the returned weights include the scale, so the model stays plain linear. 0: no scaling.
    /// </summary>
    public int NaiveBayesScaled { get; init; }

    public int Seed { get; init; } = 1;
}
