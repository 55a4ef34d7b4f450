using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace HelpDesk.KnowledgeBase.Infrastructure.Search.Elasticsearch;

/// <summary>
/// The mapping between the search interface and Elasticsearch's documented REST bodies (index settings, _bulk,
/// _search with bool/multi_match/fuzziness, terms aggregations, highlight, search_as_you_type). Pure functions,
/// tested against recorded payloads.
/// </summary>
public static class ElasticsearchRequests
{
    private static readonly string[] Elisions = ["l", "m", "t", "qu", "n", "s", "j", "d", "c", "jusqu", "quoiqu", "lorsqu", "puisqu"];
    private static readonly string[] ItalianElisions = ["c", "l", "all", "dall", "dell", "nell", "sull", "coll", "pell", "gl", "agl", "dagl", "degl", "negl", "sugl", "un", "m", "t", "s", "v", "d"];

    /// <summary>Per-language analyzers equivalent to the Lucene ones: elision, lowercase, stop words, folding, light stemming.</summary>
    public static JsonObject IndexDefinition() => new()
    {
        ["settings"] = new JsonObject
        {
            ["analysis"] = new JsonObject
            {
                ["filter"] = new JsonObject
                {
                    ["kb_en_stop"] = new JsonObject { ["type"] = "stop", ["stopwords"] = "_english_" },
                    ["kb_en_stem"] = new JsonObject { ["type"] = "stemmer", ["language"] = "english" },
                    ["kb_en_possessive"] = new JsonObject { ["type"] = "stemmer", ["language"] = "possessive_english" },
                    ["kb_fr_elision"] = new JsonObject { ["type"] = "elision", ["articles_case"] = true, ["articles"] = new JsonArray([.. Elisions.Select(e => (JsonNode)e)]) },
                    ["kb_fr_stop"] = new JsonObject { ["type"] = "stop", ["stopwords"] = "_french_" },
                    ["kb_fr_stem"] = new JsonObject { ["type"] = "stemmer", ["language"] = "light_french" },
                    ["kb_it_elision"] = new JsonObject { ["type"] = "elision", ["articles_case"] = true, ["articles"] = new JsonArray([.. ItalianElisions.Select(e => (JsonNode)e)]) },
                    ["kb_it_stop"] = new JsonObject { ["type"] = "stop", ["stopwords"] = "_italian_" },
                    ["kb_it_stem"] = new JsonObject { ["type"] = "stemmer", ["language"] = "light_italian" },
                },
                ["analyzer"] = new JsonObject
                {
                    ["kb_en"] = Analyzer("kb_en_possessive", "lowercase", "kb_en_stop", "asciifolding", "kb_en_stem"),
                    ["kb_fr"] = Analyzer("kb_fr_elision", "lowercase", "kb_fr_stop", "asciifolding", "kb_fr_stem"),
                    ["kb_it"] = Analyzer("kb_it_elision", "lowercase", "kb_it_stop", "asciifolding", "kb_it_stem"),
                    ["kb_folded"] = Analyzer("lowercase", "asciifolding"),
                },
            },
        },
        ["mappings"] = new JsonObject
        {
            ["dynamic"] = "strict",
            ["properties"] = Properties(),
        },
    };

    private static JsonObject Properties()
    {
        var properties = new JsonObject
        {
            ["id"] = Keyword(),
            ["revision"] = new JsonObject { ["type"] = "long" },
            ["version"] = new JsonObject { ["type"] = "integer" },
            ["changed_at"] = new JsonObject { ["type"] = "date" },
            ["state"] = Keyword(),
            ["visibility"] = Keyword(),
            ["language"] = Keyword(),
            ["category"] = Keyword(),
            ["tags"] = Keyword(),
            ["title"] = new JsonObject { ["type"] = "keyword", ["index"] = false, ["doc_values"] = false },
            ["title_ac"] = new JsonObject { ["type"] = "search_as_you_type", ["analyzer"] = "kb_folded" },
        };
        foreach (var language in KbLanguages.Supported)
        {
            properties["title_" + language] = new JsonObject { ["type"] = "text", ["analyzer"] = "kb_" + language };
            properties["body_" + language] = new JsonObject { ["type"] = "text", ["analyzer"] = "kb_" + language };
        }
        return properties;
    }

    public static JsonObject Document(IndexedArticle article)
    {
        var document = new JsonObject
        {
            ["id"] = article.ArticleId.ToString(),
            ["revision"] = article.Revision,
            ["version"] = article.Version,
            ["changed_at"] = article.ChangedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
            ["state"] = article.IsSearchable ? "live" : "gone",
        };
        if (!article.IsSearchable)
        {
            return document;
        }
        document["visibility"] = article.Visibility == ArticleVisibility.Internal ? "internal" : "published";
        document["language"] = article.Language;
        document["category"] = article.Category;
        document["tags"] = new JsonArray([.. article.Tags.Select(t => (JsonNode)t)]);
        document["title"] = article.Title;
        document["title_ac"] = article.Title;
        document["title_" + article.Language] = article.Title;
        document["body_" + article.Language] = article.Body;
        return document;
    }

    /// <summary>NDJSON for _bulk: external versioning by revision, so an older state never overwrites a newer one.</summary>
    public static string Bulk(IEnumerable<IndexedArticle> articles)
    {
        var builder = new StringBuilder();
        foreach (var article in articles)
        {
            var action = new JsonObject
            {
                ["index"] = new JsonObject { ["_id"] = article.ArticleId.ToString(), ["version"] = article.Revision, ["version_type"] = "external" },
            };
            builder.Append(action.ToJsonString()).Append('\n').Append(Document(article).ToJsonString()).Append('\n');
        }
        return builder.ToString();
    }

    /// <summary>Items that failed for a reason other than "this or a newer revision is already indexed" (409).</summary>
    public static IReadOnlyList<string> BulkFailures(JsonNode response)
    {
        if (response["errors"]?.GetValue<bool>() != true)
        {
            return [];
        }
        var failures = new List<string>();
        foreach (var item in response["items"]?.AsArray() ?? [])
        {
            var result = item?["index"];
            var status = result?["status"]?.GetValue<int>() ?? 0;
            if (status is >= 300 and not 409)
            {
                failures.Add($"{result?["_id"]}: {result?["error"]?["type"]} {result?["error"]?["reason"]}");
            }
        }
        return failures;
    }

    public static JsonObject Search(SearchQuery query)
    {
        var languages = query.Language is { } l ? [l] : KbLanguages.Supported;
        var fields = new JsonArray([.. languages.SelectMany(lang => new[] { $"title_{lang}^2", $"body_{lang}" }).Select(f => (JsonNode)f)]);
        var text = QueryText.Parse(query.Text);
        var must = new JsonArray();
        foreach (var phrase in text.Phrases)
        {
            must.Add(new JsonObject { ["multi_match"] = new JsonObject { ["query"] = phrase, ["type"] = "phrase", ["fields"] = fields.DeepClone() } });
        }
        var should = new JsonArray();
        if (text.Words.Count > 0)
        {
            var words = string.Join(' ', text.Words);
            var minimum = query.Mode == MatchMode.Any ? "1" : "2<75%";
            should.Add(new JsonObject
            {
                ["multi_match"] = new JsonObject { ["query"] = words, ["type"] = "best_fields", ["fields"] = fields.DeepClone(), ["minimum_should_match"] = minimum },
            });
            should.Add(new JsonObject
            {
                ["multi_match"] = new JsonObject
                {
                    ["query"] = words, ["type"] = "best_fields", ["fields"] = fields.DeepClone(), ["minimum_should_match"] = minimum,
                    ["fuzziness"] = "AUTO", ["prefix_length"] = 1, ["max_expansions"] = 50, ["boost"] = 0.35,
                },
            });
        }
        var boolQuery = new JsonObject { ["filter"] = Filters(query.Language, query.Category, query.Tag, query.IncludeInternal) };
        if (must.Count > 0)
        {
            boolQuery["must"] = must;
        }
        if (should.Count > 0)
        {
            boolQuery["should"] = should;
            boolQuery["minimum_should_match"] = 1;
        }
        return new JsonObject
        {
            ["from"] = (query.Page - 1) * query.PageSize,
            ["size"] = query.PageSize,
            ["track_total_hits"] = true,
            ["query"] = new JsonObject { ["bool"] = boolQuery },
            ["aggs"] = new JsonObject
            {
                ["categories"] = new JsonObject { ["terms"] = new JsonObject { ["field"] = "category", ["size"] = 20 } },
                ["tags"] = new JsonObject { ["terms"] = new JsonObject { ["field"] = "tags", ["size"] = 20 } },
                ["languages"] = new JsonObject { ["terms"] = new JsonObject { ["field"] = "language", ["size"] = 10 } },
            },
            ["highlight"] = Highlight(languages),
        };
    }

    private static JsonObject Highlight(IReadOnlyList<string> languages)
    {
        var fields = new JsonObject();
        foreach (var language in languages)
        {
            fields["body_" + language] = new JsonObject { ["fragment_size"] = SnippetBuilder.DefaultLength, ["number_of_fragments"] = 1, ["no_match_size"] = SnippetBuilder.DefaultLength };
        }
        return new JsonObject
        {
            ["pre_tags"] = new JsonArray("<mark>"),
            ["post_tags"] = new JsonArray("</mark>"),
            ["encoder"] = "html",
            ["fields"] = fields,
        };
    }

    public static SearchResults ParseSearch(JsonNode response, SearchQuery query)
    {
        var hits = new List<SearchHit>();
        foreach (var hit in response["hits"]?["hits"]?.AsArray() ?? [])
        {
            var source = hit!["_source"]!;
            var language = source["language"]?.GetValue<string>() ?? "";
            var snippet = hit["highlight"]?["body_" + language]?[0]?.GetValue<string>()
                ?? SnippetBuilder.Escape(Truncate(source["body_" + language]?.GetValue<string>() ?? ""));
            hits.Add(new SearchHit(
                Guid.Parse(hit["_id"]!.GetValue<string>()),
                source["version"]?.GetValue<int>() ?? 0,
                source["title"]?.GetValue<string>() ?? "",
                snippet,
                hit["_score"]?.GetValueKind() == JsonValueKind.Number ? hit["_score"]!.GetValue<double>() : 0,
                language,
                source["category"]?.GetValue<string>() ?? "",
                [.. (source["tags"]?.AsArray() ?? []).Select(t => t!.GetValue<string>())],
                source["visibility"]?.GetValue<string>() == "internal" ? ArticleVisibility.Internal : ArticleVisibility.Published));
        }
        var total = response["hits"]?["total"] switch
        {
            JsonObject t => t["value"]!.GetValue<long>(),
            JsonValue v => v.GetValue<long>(),
            _ => hits.Count,
        };
        var aggregations = response["aggregations"];
        return new SearchResults(total, query.Page, query.PageSize, hits,
            new SearchFacets(Buckets(aggregations?["categories"]), Buckets(aggregations?["tags"]), Buckets(aggregations?["languages"])));
    }

    public static JsonObject Typeahead(string prefix, string? language, bool includeInternal, int limit) => new()
    {
        ["size"] = limit,
        ["_source"] = new JsonArray("title", "language"),
        ["query"] = new JsonObject
        {
            ["bool"] = new JsonObject
            {
                ["must"] = new JsonArray(new JsonObject
                {
                    ["multi_match"] = new JsonObject
                    {
                        ["query"] = prefix,
                        ["type"] = "bool_prefix",
                        ["operator"] = "and",
                        ["fields"] = new JsonArray("title_ac", "title_ac._2gram", "title_ac._3gram"),
                    },
                }),
                ["filter"] = Filters(language, null, null, includeInternal),
            },
        },
    };

    public static IReadOnlyList<TypeaheadSuggestion> ParseTypeahead(JsonNode response) =>
        [.. (response["hits"]?["hits"]?.AsArray() ?? []).Select(hit => new TypeaheadSuggestion(
            Guid.Parse(hit!["_id"]!.GetValue<string>()),
            hit["_source"]?["title"]?.GetValue<string>() ?? "",
            hit["_source"]?["language"]?.GetValue<string>() ?? ""))];

    public static JsonObject SwapAlias(string alias, string? oldIndex, string newIndex)
    {
        var actions = new JsonArray();
        if (oldIndex is not null)
        {
            actions.Add(new JsonObject { ["remove"] = new JsonObject { ["index"] = oldIndex, ["alias"] = alias } });
        }
        actions.Add(new JsonObject { ["add"] = new JsonObject { ["index"] = newIndex, ["alias"] = alias } });
        return new JsonObject { ["actions"] = actions };
    }

    private static JsonArray Filters(string? language, string? category, string? tag, bool includeInternal)
    {
        var filters = new JsonArray(new JsonObject { ["term"] = new JsonObject { ["state"] = "live" } });
        filters.Add(includeInternal
            ? new JsonObject { ["terms"] = new JsonObject { ["visibility"] = new JsonArray("published", "internal") } }
            : new JsonObject { ["term"] = new JsonObject { ["visibility"] = "published" } });
        if (language is not null)
        {
            filters.Add(new JsonObject { ["term"] = new JsonObject { ["language"] = language } });
        }
        if (category is not null)
        {
            filters.Add(new JsonObject { ["term"] = new JsonObject { ["category"] = category } });
        }
        if (tag is not null)
        {
            filters.Add(new JsonObject { ["term"] = new JsonObject { ["tags"] = tag } });
        }
        return filters;
    }

    private static List<FacetValue> Buckets(JsonNode? aggregation) =>
        [.. (aggregation?["buckets"]?.AsArray() ?? []).Select(b => new FacetValue(b!["key"]!.GetValue<string>(), b["doc_count"]!.GetValue<int>()))];

    private static JsonObject Analyzer(params string[] filters) => new()
    {
        ["type"] = "custom",
        ["tokenizer"] = "standard",
        ["filter"] = new JsonArray([.. filters.Select(f => (JsonNode)f)]),
    };

    private static JsonObject Keyword() => new() { ["type"] = "keyword" };

    private static string Truncate(string text) => text.Length <= SnippetBuilder.DefaultLength ? text : text[..SnippetBuilder.DefaultLength] + "…";
}
