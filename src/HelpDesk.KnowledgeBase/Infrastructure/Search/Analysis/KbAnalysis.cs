using Lucene.Net.Analysis;

namespace HelpDesk.KnowledgeBase.Infrastructure.Search.Analysis;

/// <summary>
/// The analyzers of this process, built once: Lucene analyzers reuse their token streams per thread, so sharing
/// one instance means no analyzer or filter chain is allocated per query.
/// </summary>
public sealed class KbAnalysis
{
    private readonly Dictionary<string, Analyzer> _index;
    private readonly Dictionary<string, Analyzer> _query;

    public KbAnalysis()
    {
        _index = KbLanguages.Supported.ToDictionary(l => l, l => KbAnalyzers.ForLanguage(l, KbAnalysisMode.Index));
        _query = KbLanguages.Supported.ToDictionary(l => l, l => KbAnalyzers.ForLanguage(l, KbAnalysisMode.Query));
    }

    /// <summary>For one process-wide instance where DI is not in play (tests, benchmarks).</summary>
    public static KbAnalysis Shared { get; } = new();

    public Analyzer Index(string language) => _index[language];

    public Analyzer Query(string language) => _query[language];

    public Analyzer SpellingIndex { get; } = KbAnalyzers.Spelling(KbAnalysisMode.Index);

    public Analyzer SpellingQuery { get; } = KbAnalyzers.Spelling(KbAnalysisMode.Query);

    public Analyzer TitlePrefixes { get; } = KbAnalyzers.EdgeNGrams();

    public Analyzer PrefixQuery { get; } = KbAnalyzers.PrefixQuery();

    /// <summary>The one term a typed word becomes in <paramref name="language"/>, or null for a stop word or punctuation.</summary>
    public string? QueryTerm(string language, string word) => SingleTerm(_query[language], word);

    /// <summary>The unstemmed, folded form of a typed word (the "did you mean" vocabulary), or null.</summary>
    public string? SpellingTerm(string word) => SingleTerm(SpellingQuery, word);

    private static string? SingleTerm(Analyzer analyzer, string word)
    {
        // Query-mode word delimiting joins a word's parts, so one whitespace-free word gives at most one term.
        var tokens = KbAnalyzers.Analyze(analyzer, "q", word);
        return tokens.Count switch
        {
            0 => null,
            1 => tokens[0].Term,
            _ => string.Concat(tokens.Select(t => t.Term)),
        };
    }
}
