namespace HelpDesk.Routing.Infrastructure.Classification;

/// <summary>How the linear classifier's weights are fitted (<c>Routing:Training:Solver</c>).</summary>
public enum ClassifierSolver
{
    /// <summary>Multinomial logistic regression by AdaGrad (<see cref="SoftmaxRegression"/>).</summary>
    AdaGrad,

    /// <summary>One-vs-rest L2-regularised squared-hinge linear SVM by dual coordinate descent (LIBLINEAR's solver 1).</summary>
    Svm,

    /// <summary>One-vs-rest L2-regularised logistic regression by dual coordinate descent (LIBLINEAR's solver 7).</summary>
    Logistic,

    /// <summary>Both of the above; their temperature-scaled scores are averaged (weights mixed, so still one linear model).</summary>
    SvmAndLogistic,

    /// <summary>All three: the SVM + logistic mix and the AdaGrad softmax regression, averaged the same way.</summary>
    SvmLogisticAndAdaGrad,
}
