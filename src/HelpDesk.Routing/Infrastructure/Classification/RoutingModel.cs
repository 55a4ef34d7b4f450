using System.IO.Compression;
using System.Text;
using System.Text.Json;

namespace HelpDesk.Routing.Infrastructure.Classification;

/// <summary>
/// A trained ticket classifier: linear weights over the sparse features and, folded into one score vector per word,
/// the weights over the mean MiniLM word vector (a linear function of a mean is the mean of the word's scores), so a
/// prediction is a few dictionary look-ups and never runs the transformer. Probabilities are softmax(logits / T),
/// with the temperature T fitted on held-out tickets. Format 2 adds <see cref="LanguageHeads"/>: other weight sets over
/// the same features for tickets identified in other languages (format 1 files, without them, still load).
/// </summary>
public sealed class RoutingModel
{
    private const string Magic = "helpdesk-routing-model";
    private const int FormatVersion = 2;

    public required string[] Categories { get; init; }

    public required FeatureMap Features { get; init; }

    /// <summary>[sparse feature × category].</summary>
    public required float[] Weights { get; init; }

    public required float[] Bias { get; init; }

    /// <summary>Each known word's contribution to the logits through the mean word vector.</summary>
    public required IReadOnlyDictionary<string, float[]> WordScores { get; init; }

    public required float Temperature { get; init; }

    public required ClassifierInfo Info { get; init; }

    /// <summary>
    /// Weight sets that read tickets identified in their languages instead of this model's own (e.g. the AdaGrad
    /// weights for Italian and French, whose glossed text a sharper English-tuned mix reads worse).
    /// </summary>
    public IReadOnlyList<LanguageHead> LanguageHeads { get; init; } = [];

    /// <summary>The weights that read a ticket identified in <paramref name="language"/>.</summary>
    public RoutingModel For(string language)
    {
        foreach (var head in LanguageHeads)
        {
            if (head.Languages.Contains(language, StringComparer.Ordinal))
            {
                return head.Model;
            }
        }
        return this;
    }

    /// <summary>Calibrated probabilities per category for an analysed ticket (by the weights of its language).</summary>
    public float[] Probabilities(AnalyzedText text)
    {
        var model = For(text.Language);
        var logits = model.OwnLogits(text);
        SoftmaxRegression.Softmax(logits, model.Temperature);
        return logits;
    }

    /// <summary>Uncalibrated scores per category (by the weights of the ticket's language).</summary>
    public float[] Logits(AnalyzedText text) => For(text.Language).OwnLogits(text);

    private float[] OwnLogits(AnalyzedText text)
    {
        var (indices, values) = Features.Sparse(text);
        var logits = new float[Categories.Length];
        SoftmaxRegression.Scores(indices, values, Weights, Bias, Categories.Length, logits);
        var known = 0;
        var mean = new float[Categories.Length];
        foreach (var term in text.Terms)
        {
            if (WordScores.TryGetValue(term, out var scores))
            {
                known++;
                for (var k = 0; k < mean.Length; k++)
                {
                    mean[k] += scores[k];
                }
            }
        }
        if (known == 0 && !indices.Any(i => i < Features.Terms.Count + Features.CueCategories.Count))
        {
            // Not one n-gram, cue or word the model knows (only the bias and the language): no evidence, so no
            // preference — rather than the class with the largest one-vs-rest bias, made confident by the temperature.
            return new float[Categories.Length];
        }
        for (var k = 0; k < logits.Length && known > 0; k++)
        {
            logits[k] += mean[k] / known;
        }
        return logits;
    }

    public ClassifierPrediction Predict(AnalyzedText text)
    {
        var probabilities = Probabilities(text);
        var ranked = probabilities.Select((p, i) => new CategoryScore(Categories[i], Math.Round(p, 4)))
            .OrderByDescending(s => s.Confidence).ThenBy(s => s.Category, StringComparer.Ordinal).ToList();
        return new ClassifierPrediction(ranked[0].Category, ranked[0].Confidence, ranked.Take(3).ToList(), text.Language);
    }

    public void Save(Stream destination)
    {
        using var gzip = new GZipStream(destination, CompressionLevel.SmallestSize, leaveOpen: true);
        using var writer = new BinaryWriter(gzip, Encoding.UTF8);
        writer.Write(Magic);
        writer.Write(FormatVersion);
        writer.Write(JsonSerializer.Serialize(Info));
        WriteStrings(writer, Categories);
        var terms = Features.Terms.OrderBy(t => t.Value).Select(t => t.Key).ToList();
        WriteStrings(writer, terms);
        WriteHalves(writer, Features.Idf);
        WriteStrings(writer, Features.CueCategories);
        WriteStrings(writer, Features.Languages);
        WriteHalves(writer, Weights);
        WriteHalves(writer, Bias);
        writer.Write(Temperature);
        WriteWords(writer, WordScores);
        writer.Write(LanguageHeads.Count);
        foreach (var head in LanguageHeads)
        {
            WriteStrings(writer, head.Languages);
            WriteHalves(writer, head.Model.Weights);
            WriteHalves(writer, head.Model.Bias);
            writer.Write(head.Model.Temperature);
            WriteWords(writer, head.Model.WordScores);
        }
    }

    public static RoutingModel Load(Stream source)
    {
        using var gzip = new GZipStream(source, CompressionMode.Decompress, leaveOpen: true);
        using var reader = new BinaryReader(gzip, Encoding.UTF8);
        var version = reader.ReadString() == Magic ? reader.ReadInt32() : 0;
        if (version is < 1 or > FormatVersion)
        {
            throw new InvalidDataException("Not a routing model of a known format.");
        }
        var info = JsonSerializer.Deserialize<ClassifierInfo>(reader.ReadString()) ?? throw new InvalidDataException("The model has no description.");
        var categories = ReadStrings(reader);
        var terms = ReadStrings(reader);
        var idf = ReadHalves(reader);
        var cues = ReadStrings(reader);
        var languages = ReadStrings(reader);
        var weights = ReadHalves(reader);
        var bias = ReadHalves(reader);
        var temperature = reader.ReadSingle();
        var wordScores = ReadWords(reader, categories.Length);
        var termIndex = new Dictionary<string, int>(terms.Length, StringComparer.Ordinal);
        for (var i = 0; i < terms.Length; i++)
        {
            termIndex[terms[i]] = i;
        }
        var features = new FeatureMap(termIndex, idf, cues, languages);
        var heads = new LanguageHead[version >= 2 ? reader.ReadInt32() : 0];
        for (var h = 0; h < heads.Length; h++)
        {
            var headLanguages = ReadStrings(reader);
            heads[h] = new LanguageHead(headLanguages, new RoutingModel
            {
                Categories = categories, Features = features, Weights = ReadHalves(reader), Bias = ReadHalves(reader),
                Temperature = reader.ReadSingle(), WordScores = ReadWords(reader, categories.Length), Info = info,
            });
        }
        return new RoutingModel
        {
            Categories = categories,
            Features = features,
            Weights = weights,
            Bias = bias,
            WordScores = wordScores,
            Temperature = temperature,
            Info = info,
            LanguageHeads = heads,
        };
    }

    /// <summary>Rounds weights to what <see cref="Save"/> stores, so a model predicts the same before and after a save.</summary>
    public static float[] ToStoredPrecision(float[] values) => values.Select(v => (float)(Half)v).ToArray();

    private static void WriteWords(BinaryWriter writer, IReadOnlyDictionary<string, float[]> wordScores)
    {
        var words = wordScores.Keys.Order(StringComparer.Ordinal).ToList();
        WriteStrings(writer, words);
        WriteHalves(writer, words.SelectMany(w => wordScores[w]).ToArray());
    }

    private static Dictionary<string, float[]> ReadWords(BinaryReader reader, int categories)
    {
        var words = ReadStrings(reader);
        var scores = ReadHalves(reader);
        var wordScores = new Dictionary<string, float[]>(words.Length, StringComparer.Ordinal);
        for (var i = 0; i < words.Length; i++)
        {
            wordScores[words[i]] = scores.AsSpan(i * categories, categories).ToArray();
        }
        return wordScores;
    }

    private static void WriteStrings(BinaryWriter writer, IReadOnlyList<string> values)
    {
        writer.Write(values.Count);
        foreach (var value in values)
        {
            writer.Write(value);
        }
    }

    private static string[] ReadStrings(BinaryReader reader)
    {
        var values = new string[reader.ReadInt32()];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = reader.ReadString();
        }
        return values;
    }

    private static void WriteHalves(BinaryWriter writer, float[] values)
    {
        writer.Write(values.Length);
        foreach (var value in values)
        {
            writer.Write((Half)value);
        }
    }

    private static float[] ReadHalves(BinaryReader reader)
    {
        var values = new float[reader.ReadInt32()];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (float)reader.ReadHalf();
        }
        return values;
    }
}
