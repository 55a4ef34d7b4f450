namespace HelpDesk.Routing.Infrastructure.Classification;

/// <summary>
/// The sparse features of an analysed ticket: TF-IDF of word 1–2-grams (sublinear term frequency, L2-normalised), one
/// feature per cue category (log of 1 + matches) and one per language. Dense word-vector features follow at
/// <see cref="Count"/> during training only.
/// </summary>
public sealed class FeatureMap(IReadOnlyDictionary<string, int> terms, float[] idf, IReadOnlyList<string> cueCategories, IReadOnlyList<string> languages)
{
    public IReadOnlyDictionary<string, int> Terms { get; } = terms;

    public float[] Idf { get; } = idf;

    public IReadOnlyList<string> CueCategories { get; } = cueCategories;

    public IReadOnlyList<string> Languages { get; } = languages;

    public int Count => Terms.Count + CueCategories.Count + Languages.Count;

    /// <summary>Builds the n-gram vocabulary from training texts: every n-gram in at least <paramref name="minimumDocuments"/> of them.</summary>
    public static FeatureMap Build(IReadOnlyList<AnalyzedText> texts, IReadOnlyList<string> cueCategories, int minimumDocuments)
    {
        var frequency = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var text in texts)
        {
            foreach (var gram in NGrams(text.Terms).Distinct(StringComparer.Ordinal))
            {
                frequency[gram] = frequency.GetValueOrDefault(gram) + 1;
            }
        }
        var kept = frequency.Where(f => f.Value >= minimumDocuments).Select(f => f.Key).Order(StringComparer.Ordinal).ToList();
        var terms = new Dictionary<string, int>(kept.Count, StringComparer.Ordinal);
        var idf = new float[kept.Count];
        for (var i = 0; i < kept.Count; i++)
        {
            terms[kept[i]] = i;
            idf[i] = (float)(Math.Log((1.0 + texts.Count) / (1.0 + frequency[kept[i]])) + 1.0);
        }
        return new FeatureMap(terms, idf, cueCategories, LanguageIdentifier.Supported);
    }

    public static IEnumerable<string> NGrams(IReadOnlyList<string> terms)
    {
        for (var i = 0; i < terms.Count; i++)
        {
            yield return terms[i];
            if (i + 1 < terms.Count)
            {
                yield return terms[i] + " " + terms[i + 1];
            }
        }
    }

    public (int[] Indices, float[] Values) Sparse(AnalyzedText text)
    {
        var counts = new Dictionary<int, int>();
        foreach (var gram in NGrams(text.Terms))
        {
            if (Terms.TryGetValue(gram, out var index))
            {
                counts[index] = counts.GetValueOrDefault(index) + 1;
            }
        }
        var indices = new List<int>(counts.Count + 4);
        var values = new List<float>(counts.Count + 4);
        var norm = 0.0;
        foreach (var (index, count) in counts.OrderBy(c => c.Key))
        {
            var weight = (float)((1 + Math.Log(count)) * Idf[index]);
            indices.Add(index);
            values.Add(weight);
            norm += weight * weight;
        }
        for (var i = 0; i < values.Count; i++)
        {
            values[i] /= (float)Math.Sqrt(norm);
        }
        foreach (var cue in text.Cues.GroupBy(c => c, StringComparer.Ordinal))
        {
            var position = IndexOf(CueCategories, cue.Key);
            if (position >= 0)
            {
                indices.Add(Terms.Count + position);
                values.Add((float)Math.Log(1 + cue.Count()));
            }
        }
        var language = IndexOf(Languages, text.Language);
        if (language >= 0)
        {
            indices.Add(Terms.Count + CueCategories.Count + language);
            values.Add(1f);
        }
        return (indices.ToArray(), values.ToArray());
    }

    private static int IndexOf(IReadOnlyList<string> list, string value)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (string.Equals(list[i], value, StringComparison.Ordinal))
            {
                return i;
            }
        }
        return -1;
    }
}
