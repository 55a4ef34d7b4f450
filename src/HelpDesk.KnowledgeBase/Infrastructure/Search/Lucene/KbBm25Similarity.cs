using System.Collections.Concurrent;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Util;

namespace HelpDesk.KnowledgeBase.Infrastructure.Search.Lucene;

/// <summary>
/// BM25 with Lucene's defaults (k1 1.2, b 0.75), scoring exactly as <see cref="BM25Similarity"/> does — same norms,
/// same idf, same float arithmetic, so rankings and scores do not move — with cheaper query weights: Lucene's builds a
/// 256-entry length-normalisation table and an idf explanation (two formatted strings) for every term of every query,
/// and a ticket's suggestion query has hundreds of term clauses (languages, fields, typo candidates) over an index of a
/// few dozen articles, so building the weights cost more than scoring (1.7 % of the embedded process's CPU). Here the
/// table is built once per field for the searcher this instance belongs to (its statistics do not change), and an
/// explanation only when one is asked for. One instance per searcher: a reopened index gets a new one.
/// </summary>
public sealed class KbBm25Similarity : Similarity
{
    private const float K1 = 1.2f;
    private const float B = 0.75f;

    /// <summary>Field length by encoded norm byte: 1 / f² of the small float.</summary>
    private static readonly float[] LengthByNorm = BuildLengthTable();

    private readonly ConcurrentDictionary<string, FieldLengths> _fields = new(StringComparer.Ordinal);

    public override long ComputeNorm(FieldInvertState state) =>
        SmallSingle.SingleToByte315(state.Boost / (float)Math.Sqrt(state.Length - state.NumOverlap));

    public override SimWeight ComputeWeight(float queryBoost, CollectionStatistics collectionStats, params TermStatistics[] termStats)
    {
        var idf = 0f;
        foreach (var term in termStats)
        {
            idf += Idf(term.DocFreq, collectionStats.MaxDoc);
        }
        return new TermWeight(LengthsOf(collectionStats), idf, queryBoost, collectionStats, termStats);
    }

    public override SimScorer GetSimScorer(SimWeight weight, AtomicReaderContext context)
    {
        var term = (TermWeight)weight;
        return new TermScorer(term, context.AtomicReader.GetNormValues(term.Lengths.Field));
    }

    public override string ToString() => "BM25(k1=1.2,b=0.75)";

    private static float Idf(long docFreq, long maxDoc) => (float)Math.Log(1 + (maxDoc - docFreq + 0.5D) / (docFreq + 0.5D));

    private static float AverageLength(CollectionStatistics stats) =>
        stats.SumTotalTermFreq <= 0 ? 1f : (float)(stats.SumTotalTermFreq / (double)stats.MaxDoc);

    /// <summary>The field's normalisation table, built on first use (and again should its average length differ).</summary>
    private FieldLengths LengthsOf(CollectionStatistics stats)
    {
        var average = AverageLength(stats);
        if (_fields.TryGetValue(stats.Field, out var known) && known.Average.Equals(average))
        {
            return known;
        }
        var table = new float[256];
        for (var i = 0; i < table.Length; i++)
        {
            table[i] = K1 * ((1 - B) + B * LengthByNorm[i] / average);
        }
        return _fields[stats.Field] = new FieldLengths(stats.Field, average, table);
    }

    private static float[] BuildLengthTable()
    {
        var table = new float[256];
        for (var i = 0; i < table.Length; i++)
        {
            var f = SmallSingle.SByte315ToSingle((sbyte)i);
            table[i] = 1.0f / (f * f);
        }
        return table;
    }

    /// <summary>A field's average length and k1 · (1 − b + b · length / average) for every norm byte.</summary>
    private sealed record FieldLengths(string Field, float Average, float[] Table);

    /// <summary>One term's (or phrase's) weight in one query: idf × boosts, normalised by the query as Lucene's BM25 does (not at all).</summary>
    private sealed class TermWeight(FieldLengths lengths, float idf, float queryBoost, CollectionStatistics collection, TermStatistics[] terms) : SimWeight
    {
        public FieldLengths Lengths { get; } = lengths;

        public float Idf { get; } = idf;

        public float QueryBoost { get; } = queryBoost;

        public float TopLevelBoost { get; private set; }

        public float Value { get; private set; }

        public override float GetValueForNormalization()
        {
            var queryWeight = Idf * QueryBoost;
            return queryWeight * queryWeight;
        }

        public override void Normalize(float queryNorm, float topLevelBoost)
        {
            TopLevelBoost = topLevelBoost;
            Value = Idf * QueryBoost * topLevelBoost;
        }

        public Explanation ExplainIdf()
        {
            var explanation = new Explanation(Idf, "idf(), sum of:");
            foreach (var term in terms)
            {
                explanation.AddDetail(new Explanation(KbBm25Similarity.Idf(term.DocFreq, collection.MaxDoc), $"idf(docFreq={term.DocFreq}, maxDocs={collection.MaxDoc})"));
            }
            return explanation;
        }
    }

    private sealed class TermScorer(TermWeight weight, NumericDocValues? norms) : SimScorer
    {
        private readonly float _weight = weight.Value * (K1 + 1);

        public override float Score(int doc, float freq)
        {
            // Without norms the field scores as if b were 0.
            var norm = norms is null ? K1 : weight.Lengths.Table[(sbyte)norms.Get(doc) & 0xFF];
            return _weight * freq / (freq + norm);
        }

        public override float ComputeSlopFactor(int distance) => 1.0f / (distance + 1);

        public override float ComputePayloadFactor(int doc, int start, int end, BytesRef payload) => 1;

        public override Explanation Explain(int doc, Explanation freq)
        {
            var boost = weight.QueryBoost * weight.TopLevelBoost;
            var tf = new Explanation { Description = "tfNorm, computed from:" };
            tf.AddDetail(freq);
            tf.AddDetail(new Explanation(K1, "parameter k1"));
            if (norms is null)
            {
                tf.AddDetail(new Explanation(0, "parameter b (norms omitted for field)"));
                tf.Value = freq.Value * (K1 + 1) / (freq.Value + K1);
            }
            else
            {
                var length = LengthByNorm[(byte)norms.Get(doc)];
                tf.AddDetail(new Explanation(B, "parameter b"));
                tf.AddDetail(new Explanation(weight.Lengths.Average, "avgFieldLength"));
                tf.AddDetail(new Explanation(length, "fieldLength"));
                tf.Value = freq.Value * (K1 + 1) / (freq.Value + K1 * (1 - B + B * length / weight.Lengths.Average));
            }
            var result = new Explanation { Description = $"score(doc={doc},freq={freq}), product of:" };
            if (boost != 1.0f)
            {
                result.AddDetail(new Explanation(boost, "boost"));
            }
            result.AddDetail(weight.ExplainIdf());
            result.AddDetail(tf);
            result.Value = boost * weight.Idf * tf.Value;
            return result;
        }
    }
}
