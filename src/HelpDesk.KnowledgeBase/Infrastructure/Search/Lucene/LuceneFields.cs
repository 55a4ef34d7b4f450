using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Util;

namespace HelpDesk.KnowledgeBase.Infrastructure.Search.Lucene;

/// <summary>
/// The index schema: keyword fields for filters, doc values for facets, text per language for search (the body
/// stored with term vectors and offsets, so snippets need no re-analysis), and the unstemmed vocabulary for
/// "did you mean".
/// </summary>
internal static class LuceneFields
{
    /// <summary>Kept in the commit data; an index written with another schema is rebuilt from the database on open.</summary>
    public const int SchemaVersion = 3;

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
    public const string TitlePrefixes = "title_ac";
    public const string Spelling = "spell";
    public const string IdValues = "id_dv";
    public const string VersionValues = "version_dv";
    public const string TitleValues = "title_dv";
    public const string BodyValues = "body_dv";
    public const string VisibilityValues = "visibility_dv";
    public const string Live = "live";
    public const string Gone = "gone";

    /// <summary>title_en, title_fr…: computed once, not per query.</summary>
    public static readonly IReadOnlyDictionary<string, string> TitleOf = KbLanguages.Supported.ToDictionary(l => l, l => "title_" + l);

    public static readonly IReadOnlyDictionary<string, string> BodyOf = KbLanguages.Supported.ToDictionary(l => l, l => "body_" + l);

    /// <summary>
    /// Indexed, not stored: the text is kept in doc values (<see cref="BodyValues"/>), read uncompressed for the few
    /// hits of a page; the term vectors give the highlighter positions and offsets without re-analysis.
    /// </summary>
    private static readonly FieldType BodyType = Frozen(new FieldType(TextField.TYPE_NOT_STORED)
    {
        StoreTermVectors = true,
        StoreTermVectorPositions = true,
        StoreTermVectorOffsets = true,
    });

    private static readonly FieldType SpellingType = Frozen(new FieldType(TextField.TYPE_NOT_STORED)
    {
        OmitNorms = true,
        IndexOptions = IndexOptions.DOCS_ONLY,
    });

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
        AddLabels(document, article);
        var language = article.Language;
        // What a hit shows comes from doc values: no stored-field block is decompressed to render a page.
        document.Add(new BinaryDocValuesField(IdValues, new BytesRef(article.ArticleId.ToByteArray())));
        document.Add(new NumericDocValuesField(VersionValues, article.Version));
        document.Add(new BinaryDocValuesField(TitleValues, new BytesRef(article.Title)));
        document.Add(new BinaryDocValuesField(BodyValues, new BytesRef(article.Body)));
        document.Add(new NumericDocValuesField(VisibilityValues, article.Visibility == ArticleVisibility.Internal ? 1 : 0));
        document.Add(new TextField(TitleOf[language], article.Title, Field.Store.NO));
        document.Add(new Field(BodyOf[language], article.Body, BodyType));
        document.Add(new TextField(TitlePrefixes, article.Title, Field.Store.NO));
        document.Add(new Field(Spelling, article.Title, SpellingType));
        document.Add(new Field(Spelling, article.Body, SpellingType));
        return document;
    }

    private static void AddLabels(Document document, IndexedArticle article)
    {
        document.Add(new StringField(State, Live, Field.Store.NO));
        document.Add(new StringField(Visibility, VisibilityValue(article.Visibility), Field.Store.NO));
        document.Add(new StringField(Language, article.Language, Field.Store.NO));
        document.Add(new SortedDocValuesField(LanguageValues, new BytesRef(article.Language)));
        document.Add(new StringField(Category, article.Category, Field.Store.NO));
        document.Add(new SortedDocValuesField(CategoryValues, new BytesRef(article.Category)));
        foreach (var tag in article.Tags.Distinct(StringComparer.Ordinal))
        {
            document.Add(new StringField(Tag, tag, Field.Store.NO));
            document.Add(new SortedSetDocValuesField(TagValues, new BytesRef(tag)));
        }
    }

    private static FieldType Frozen(FieldType type)
    {
        type.Freeze();
        return type;
    }
}
