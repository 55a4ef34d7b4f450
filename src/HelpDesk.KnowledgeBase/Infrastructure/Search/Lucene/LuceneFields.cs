using Lucene.Net.Documents;
using Lucene.Net.Util;

namespace HelpDesk.KnowledgeBase.Infrastructure.Search.Lucene;

/// <summary>The index schema: keyword fields for filters, doc values for facets, text per language for search.</summary>
internal static class LuceneFields
{
    public const string Id = "id";
    public const string Revision = "rev";
    public const string ChangedAt = "changed";
    public const string State = "state";
    public const string Visibility = "visibility";
    public const string Language = "lang";
    public const string LanguageValues = "lang_dv";
    public const string Category = "category";
    public const string CategoryValues = "category_dv";
    public const string Tag = "tag";
    public const string TagValues = "tag_dv";
    public const string Version = "version";
    public const string Title = "title";
    public const string Body = "body";
    public const string TitlePrefixes = "title_ac";
    public const string Live = "live";
    public const string Gone = "gone";

    public static string VisibilityValue(ArticleVisibility visibility) => visibility == ArticleVisibility.Internal ? "internal" : "published";

    public static Document ToDocument(IndexedArticle article)
    {
        var document = new Document
        {
            new StringField(Id, article.ArticleId.ToString("N"), Field.Store.YES),
            new StoredField(Revision, article.Revision),
            new StoredField(ChangedAt, article.ChangedAt.UtcTicks),
        };
        if (!article.IsSearchable)
        {
            // A tombstone keeps the revision so an older "published" event arriving late cannot resurrect it.
            document.Add(new StringField(State, Gone, Field.Store.NO));
            return document;
        }
        var language = article.Language;
        document.Add(new StringField(State, Live, Field.Store.NO));
        document.Add(new StringField(Visibility, VisibilityValue(article.Visibility), Field.Store.YES));
        document.Add(new StringField(Language, language, Field.Store.YES));
        document.Add(new SortedDocValuesField(LanguageValues, new BytesRef(language)));
        document.Add(new StringField(Category, article.Category, Field.Store.YES));
        document.Add(new SortedDocValuesField(CategoryValues, new BytesRef(article.Category)));
        foreach (var tag in article.Tags.Distinct(StringComparer.Ordinal))
        {
            document.Add(new StringField(Tag, tag, Field.Store.YES));
            document.Add(new SortedSetDocValuesField(TagValues, new BytesRef(tag)));
        }
        document.Add(new StoredField(Version, article.Version));
        document.Add(new StoredField(Title, article.Title));
        document.Add(new StoredField(Body, article.Body));
        document.Add(new TextField("title_" + language, article.Title, Field.Store.NO));
        document.Add(new TextField("body_" + language, article.Body, Field.Store.NO));
        document.Add(new TextField(TitlePrefixes, article.Title, Field.Store.NO));
        return document;
    }
}
