namespace HelpDesk.KnowledgeBase;

/// <summary>Bound from <c>KnowledgeBase</c> configuration.</summary>
public sealed class KnowledgeBaseOptions
{
    /// <summary>lucene (default, index per replica on local disk) or elasticsearch.</summary>
    public SearchBackendKind SearchBackend { get; set; } = SearchBackendKind.Lucene;

    /// <summary>Lucene index root; defaults to <c>{HelpDesk:DataDirectory}/kb-index</c>.</summary>
    public string? IndexDirectory { get; set; }

    /// <summary>Elasticsearch base URL (also read from ConnectionStrings:elasticsearch).</summary>
    public Uri? ElasticsearchUrl { get; set; }

    /// <summary>An Elasticsearch API key (base64 "id:key"), when the cluster wants one; else basic auth from the URL's user info.</summary>
    public string? ElasticsearchApiKey { get; set; }

    /// <summary>How long one Elasticsearch request may take.</summary>
    public TimeSpan ElasticsearchTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Alias the Elasticsearch backend searches; rebuilds create <c>{alias}-{timestamp}</c> indexes behind it.</summary>
    public string ElasticsearchIndex { get; set; } = "helpdesk-kb";

    /// <summary>
    /// Below this many strict matches a search also tries near spellings, then any word (strict hits first), and
    /// offers "did you mean".
    /// </summary>
    public int FewResults { get; set; } = 3;

    /// <summary>How long searches, article visits and the tickets they are compared with are kept for analytics.</summary>
    public TimeSpan AnalyticsRetention { get; set; } = TimeSpan.FromDays(180);

    /// <summary>
    /// The deflection report's default window: a visit (or a "helpful") counts as deflected when the same requester
    /// files no ticket within this time after it. Each report request may choose another (<c>windowHours</c>).
    /// </summary>
    public TimeSpan DeflectionWindow { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Searches and visits waiting to be written; beyond this the newest are dropped (and counted), never the search slowed.</summary>
    public int AnalyticsQueueCapacity { get; set; } = 20_000;

    /// <summary>How many articles a ticket suggestion carries.</summary>
    public int SuggestionsPerTicket { get; set; } = 3;

    /// <summary>Re-read this much history before the index checkpoint on start (clock skew between writers).</summary>
    public TimeSpan CatchUpOverlap { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Base of article links in suggestions, e.g. https://portal.example.com/kb/ (optional).</summary>
    public string? PortalArticleBaseUrl { get; set; }
}
