using Lucene.Net.Analysis.Standard;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;

namespace HelpDesk.KnowledgeBase.Tests;

/// <summary>
/// The KB's BM25 gives every document the score Lucene's own BM25Similarity gives it, to the last bit, for the kinds of
/// query the search and the suggestions build (terms, boosts, phrases with slop, best-of clauses, a field without
/// norms), encodes the same norms, and explains the score it gives.
/// </summary>
public sealed class KbBm25SimilarityTests
{
    private static readonly string[] Bodies =
    [
        "The VPN disconnects every hour since this morning",
        "Printer on the third floor jams; the printer shows error 42",
        "Cannot connect to the VPN from home, the VPN client says the certificate expired",
        "Outlook asks for the password again and again",
        "New monitor for the design team, the old monitor flickers",
        "VPN",
        "Password reset for the VPN and for Outlook; the reset link expired before I could use the link",
    ];

    public static TheoryData<string> Queries => ["term", "boosted boolean", "phrase with slop", "best of", "no norms"];

    [Theory]
    [MemberData(nameof(Queries))]
    public void Scores_are_those_of_lucenes_bm25_to_the_bit(string kind)
    {
        using var directory = Index(new BM25Similarity());
        using var reader = DirectoryReader.Open(directory);
        var query = QueryOf(kind);

        var expected = new IndexSearcher(reader) { Similarity = new BM25Similarity() }.Search(query, 10).ScoreDocs;
        var searcher = new IndexSearcher(reader) { Similarity = new KbBm25Similarity() };
        var actual = searcher.Search(query, 10).ScoreDocs;

        Assert.NotEmpty(expected);
        Assert.Equal(expected.Select(d => (d.Doc, BitConverter.SingleToInt32Bits(d.Score))), actual.Select(d => (d.Doc, BitConverter.SingleToInt32Bits(d.Score))));
        Assert.All(actual, d => Assert.Equal(d.Score, searcher.Explain(query, d.Doc).Value, 5));
    }

    [Fact]
    public void Norms_are_encoded_as_lucenes_bm25_encodes_them()
    {
        using var lucene = Index(new BM25Similarity());
        using var ours = Index(new KbBm25Similarity());
        using var luceneReader = DirectoryReader.Open(lucene);
        using var ourReader = DirectoryReader.Open(ours);
        var expected = MultiDocValues.GetNormValues(luceneReader, "body");
        var actual = MultiDocValues.GetNormValues(ourReader, "body");
        Assert.Equal(Enumerable.Range(0, Bodies.Length).Select(expected.Get), Enumerable.Range(0, Bodies.Length).Select(actual.Get));
    }

    private static Query QueryOf(string kind) => kind switch
    {
        "term" => new TermQuery(new Term("body", "vpn")),
        "boosted boolean" => new BooleanQuery
        {
            { new TermQuery(new Term("body", "vpn")) { Boost = 2.5f }, Occur.SHOULD },
            { new TermQuery(new Term("body", "expired")) { Boost = 0.3f }, Occur.SHOULD },
            { new TermQuery(new Term("body", "password")), Occur.SHOULD },
        },
        "phrase with slop" => Phrase(2, "vpn", "client"),
        "best of" => new DisjunctionMaxQuery(0.1f)
        {
            new TermQuery(new Term("body", "monitor")),
            new TermQuery(new Term("title", "monitor")) { Boost = 3f },
            new TermQuery(new Term("body", "printer")),
        },
        "no norms" => new TermQuery(new Term("tag", "vpn")),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static PhraseQuery Phrase(int slop, params string[] words)
    {
        var query = new PhraseQuery { Slop = slop };
        foreach (var word in words)
        {
            query.Add(new Term("body", word));
        }
        return query;
    }

    private static RAMDirectory Index(Similarity similarity)
    {
        var directory = new RAMDirectory();
        var config = new IndexWriterConfig(LuceneVersion.LUCENE_48, new StandardAnalyzer(LuceneVersion.LUCENE_48)) { Similarity = similarity };
        using var writer = new IndexWriter(directory, config);
        var untokenisedNoNorms = new FieldType(StringField.TYPE_NOT_STORED) { OmitNorms = true };
        foreach (var body in Bodies)
        {
            var title = new TextField("title", body.Split(' ').Take(3).Aggregate((a, b) => a + " " + b), Field.Store.NO) { Boost = 1.5f };
            writer.AddDocument(new Document
            {
                title,
                new TextField("body", body, Field.Store.NO),
                new Field("tag", body.Contains("VPN", StringComparison.Ordinal) ? "vpn" : "other", untokenisedNoNorms),
            });
        }
        writer.Commit();
        return directory;
    }
}
