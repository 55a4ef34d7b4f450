using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace HelpDesk.Routing.Classification;

/// <summary>
/// The same multinomial logistic regression solved by ML.NET's SDCA (stochastic dual coordinate ascent), single
/// threaded and seeded so it is deterministic; the weights are read back so prediction stays our own look-ups.
/// </summary>
public static class SdcaSoftmax
{
    public static (float[] Weights, float[] Bias) Fit(
        IReadOnlyList<SparseExample> examples, int features, int classes, ClassifierTrainingOptions options, CancellationToken cancellationToken)
    {
        var ml = new MLContext(options.Seed);
        var schema = SchemaDefinition.Create(typeof(Row));
        schema[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, features);
        schema[nameof(Row.Label)].ColumnType = new KeyDataViewType(typeof(uint), classes);
        var rows = examples.Select(e => new Row { Label = (uint)e.Label + 1, Features = new VBuffer<float>(features, e.Values.Length, e.Values, e.Indices) });
        var data = ml.Data.LoadFromEnumerable(rows, schema);
        cancellationToken.ThrowIfCancellationRequested();
        var trainer = ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(new SdcaMaximumEntropyMulticlassTrainer.Options
        {
            LabelColumnName = nameof(Row.Label),
            FeatureColumnName = nameof(Row.Features),
            L2Regularization = options.L2 > 0 ? (float)options.L2 : null,
            MaximumNumberOfIterations = options.Epochs,
            NumberOfThreads = 1,
        });
        var model = trainer.Fit(data).Model;
        var weights = default(VBuffer<float>[]);
        model.GetWeights(ref weights, out var count);
        var bias = model.GetBiases().ToArray();
        var flat = new float[features * classes];
        for (var k = 0; k < count; k++)
        {
            foreach (var (index, value) in weights[k].Items())
            {
                flat[index * classes + k] = value;
            }
        }
        return (flat, bias);
    }

    private sealed class Row
    {
        public uint Label { get; set; }

        public VBuffer<float> Features { get; set; }
    }
}
