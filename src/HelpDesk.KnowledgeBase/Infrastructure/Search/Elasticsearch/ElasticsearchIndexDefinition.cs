using Elastic.Clients.Elasticsearch.Analysis;
using Elastic.Clients.Elasticsearch.IndexManagement;
using Elastic.Clients.Elasticsearch.Mapping;
using HelpDesk.KnowledgeBase.Infrastructure.Search.Analysis;

namespace HelpDesk.KnowledgeBase.Infrastructure.Search.Elasticsearch;

/// <summary>
/// The index: analyzers that mirror <see cref="KbAnalyzers"/> filter for filter (the same Lucene classes run inside
/// Elasticsearch: whitespace, elision, word_delimiter, lowercase, the same stop lists spelled out, asciifolding,
/// porter / light_french / light_italian), so the terms the query planner computes are the terms indexed; a strict
/// mapping of the document's fields.
/// </summary>
internal static class ElasticsearchIndexDefinition
{
    public static CreateIndexRequest Create(string index) => new(index)
    {
        Settings = new IndexSettings { Analysis = Analysis() },
        Mappings = new TypeMapping { Dynamic = DynamicMapping.Strict, Properties = Properties() },
    };

    /// <summary>"kb_en" indexes, "kb_en_search" reads a query; the same for fr and it; "kb_spell" is the unstemmed vocabulary.</summary>
    public static string Analyzer(string language, KbAnalysisMode mode) => mode == KbAnalysisMode.Index ? $"kb_{language}" : $"kb_{language}_search";

    private static IndexSettingsAnalysis Analysis()
    {
        var filters = new TokenFilters
        {
            ["kb_words_index"] = WordDelimiters(KbAnalysisMode.Index, possessive: false),
            ["kb_words_index_en"] = WordDelimiters(KbAnalysisMode.Index, possessive: true),
            ["kb_words_query"] = WordDelimiters(KbAnalysisMode.Query, possessive: false),
            ["kb_words_query_en"] = WordDelimiters(KbAnalysisMode.Query, possessive: true),
            ["kb_fr_elision"] = new ElisionTokenFilter { Articles = [.. KbAnalyzers.FrenchElisions], ArticlesCase = true },
            ["kb_it_elision"] = new ElisionTokenFilter { Articles = [.. KbAnalyzers.ItalianElisions], ArticlesCase = true },
            ["kb_en_stem"] = new StemmerTokenFilter { Language = "english" },
            ["kb_fr_stem"] = new StemmerTokenFilter { Language = "light_french" },
            ["kb_it_stem"] = new StemmerTokenFilter { Language = "light_italian" },
        };
        var analyzers = new Analyzers
        {
            ["kb_spell"] = Chain(null, "kb_words_index", null, null),
            ["kb_spell_search"] = Chain(null, "kb_words_query", null, null),
            ["kb_folded"] = new CustomAnalyzer { Tokenizer = "standard", Filter = ["lowercase", "asciifolding"] },
        };
        foreach (var language in KbLanguages.Supported)
        {
            filters[$"kb_{language}_stop"] = new StopTokenFilter { Stopwords = new List<string>(KbAnalyzers.StopWords(language)) };
            var elision = language == "en" ? null : $"kb_{language}_elision";
            var words = language == "en" ? "_en" : "";
            analyzers[Analyzer(language, KbAnalysisMode.Index)] = Chain(elision, "kb_words_index" + words, $"kb_{language}_stop", $"kb_{language}_stem");
            analyzers[Analyzer(language, KbAnalysisMode.Query)] = Chain(elision, "kb_words_query" + words, $"kb_{language}_stop", $"kb_{language}_stem");
        }
        return new IndexSettingsAnalysis
        {
            CharFilters = new CharFilters { ["kb_apostrophes"] = new MappingCharFilter { Mappings = [.. KbAnalyzers.ApostropheMappings.Select(m => $"{m.From}=>{m.To}")] } },
            TokenFilters = filters,
            Analyzers = analyzers,
        };
    }

    /// <summary>whitespace → [elision] → word delimiters → lowercase → [stop] → asciifolding → [stemmer].</summary>
    private static CustomAnalyzer Chain(string? elision, string words, string? stop, string? stem) => new()
    {
        Tokenizer = "whitespace",
        CharFilter = ["kb_apostrophes"],
        Filter = [.. new[] { elision, words, "lowercase", stop, "asciifolding", stem }.OfType<string>()],
    };

    private static WordDelimiterTokenFilter WordDelimiters(KbAnalysisMode mode, bool possessive)
    {
        var index = mode == KbAnalysisMode.Index;
        // Elasticsearch's defaults differ from Lucene's flags (it splits on case change and stems possessives by default): every flag is set.
        return new WordDelimiterTokenFilter
        {
            GenerateWordParts = index,
            GenerateNumberParts = index,
            CatenateAll = true,
            CatenateWords = false,
            CatenateNumbers = false,
            SplitOnNumerics = index,
            SplitOnCaseChange = false,
            PreserveOriginal = false,
            StemEnglishPossessive = possessive,
        };
    }

    private static Properties Properties()
    {
        var properties = new Properties
        {
            ["id"] = new KeywordProperty(),
            ["revision"] = new LongNumberProperty(),
            ["version"] = new IntegerNumberProperty(),
            ["changed_at"] = new DateProperty(),
            ["state"] = new KeywordProperty(),
            ["visibility"] = new KeywordProperty(),
            ["language"] = new KeywordProperty(),
            ["category"] = new KeywordProperty(),
            ["tags"] = new KeywordProperty(),
            ["title"] = new KeywordProperty { Index = false, DocValues = false },
            ["title_ac"] = new SearchAsYouTypeProperty { Analyzer = "kb_folded" },
            ["spell"] = new TextProperty { Analyzer = "kb_spell", SearchAnalyzer = "kb_spell_search" },
        };
        foreach (var language in KbLanguages.Supported)
        {
            properties[$"title_{language}"] = Text(language, TermVectorOption.No);
            // Offsets in the term vectors let the highlighter mark the body without re-analysing it.
            properties[$"body_{language}"] = Text(language, TermVectorOption.WithPositionsOffsets);
        }
        return properties;
    }

    private static TextProperty Text(string language, TermVectorOption vectors) => new()
    {
        Analyzer = Analyzer(language, KbAnalysisMode.Index),
        SearchAnalyzer = Analyzer(language, KbAnalysisMode.Query),
        TermVector = vectors == TermVectorOption.No ? null : vectors,
    };
}
