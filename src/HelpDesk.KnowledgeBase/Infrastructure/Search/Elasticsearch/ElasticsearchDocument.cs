using System.Text.Json.Serialization;

namespace HelpDesk.KnowledgeBase.Infrastructure.Search.Elasticsearch;

/// <summary>
/// An article as Elasticsearch stores it (<c>_source</c>): labels as keywords, the text in the fields of its own
/// language (title_en, body_fr…), the title again for typeahead, and the unstemmed vocabulary for "did you mean".
/// A tombstone (withdrawn or deleted) keeps only the identity, revision and state.
/// </summary>
public sealed class ElasticsearchDocument
{
    [JsonPropertyName("id")]
    public string Id { get; init; } = "";

    [JsonPropertyName("revision")]
    public long Revision { get; init; }

    [JsonPropertyName("version")]
    public int Version { get; init; }

    [JsonPropertyName("changed_at")]
    public DateTimeOffset ChangedAt { get; init; }

    [JsonPropertyName("state")]
    public string State { get; init; } = "";

    [JsonPropertyName("visibility")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Visibility { get; init; }

    [JsonPropertyName("language")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Language { get; init; }

    [JsonPropertyName("category")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Category { get; init; }

    [JsonPropertyName("tags")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Tags { get; init; }

    [JsonPropertyName("title")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Title { get; init; }

    [JsonPropertyName("title_ac")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? TitlePrefixes { get; init; }

    [JsonPropertyName("title_en")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? TitleEn { get; init; }

    [JsonPropertyName("body_en")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? BodyEn { get; init; }

    [JsonPropertyName("title_fr")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? TitleFr { get; init; }

    [JsonPropertyName("body_fr")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? BodyFr { get; init; }

    [JsonPropertyName("title_it")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? TitleIt { get; init; }

    [JsonPropertyName("body_it")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? BodyIt { get; init; }

    [JsonPropertyName("spell")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Spelling { get; init; }

    public static ElasticsearchDocument From(IndexedArticle article)
    {
        var id = article.ArticleId.ToString();
        if (!article.IsSearchable)
        {
            return new ElasticsearchDocument { Id = id, Revision = article.Revision, Version = article.Version, ChangedAt = article.ChangedAt, State = "gone" };
        }
        var language = article.Language;
        return new ElasticsearchDocument
        {
            Id = id,
            Revision = article.Revision,
            Version = article.Version,
            ChangedAt = article.ChangedAt,
            State = "live",
            Visibility = article.Visibility == ArticleVisibility.Internal ? "internal" : "published",
            Language = language,
            Category = article.Category,
            Tags = article.Tags,
            Title = article.Title,
            TitlePrefixes = article.Title,
            TitleEn = language == "en" ? article.Title : null,
            BodyEn = language == "en" ? article.Body : null,
            TitleFr = language == "fr" ? article.Title : null,
            BodyFr = language == "fr" ? article.Body : null,
            TitleIt = language == "it" ? article.Title : null,
            BodyIt = language == "it" ? article.Body : null,
            Spelling = article.Title + "\n" + article.Body,
        };
    }
}
