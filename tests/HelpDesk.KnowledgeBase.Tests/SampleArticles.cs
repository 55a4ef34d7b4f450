using HelpDesk.Contracts;
using HelpDesk.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace HelpDesk.KnowledgeBase.Tests;

/// <summary>A small trilingual corpus with known answers, and a Lucene index in a temp directory.</summary>
internal static class SampleArticles
{
    public static readonly Guid ResetPasswordEn = Guid.Parse("00000000-0000-0000-0000-000000000001");
    public static readonly Guid VpnEn = Guid.Parse("00000000-0000-0000-0000-000000000002");
    public static readonly Guid PrinterEn = Guid.Parse("00000000-0000-0000-0000-000000000003");
    public static readonly Guid ServerRoomEn = Guid.Parse("00000000-0000-0000-0000-000000000004");
    public static readonly Guid ResetPasswordFr = Guid.Parse("00000000-0000-0000-0000-000000000005");
    public static readonly Guid WifiFr = Guid.Parse("00000000-0000-0000-0000-000000000006");
    public static readonly Guid ResetPasswordIt = Guid.Parse("00000000-0000-0000-0000-000000000007");
    public static readonly Guid PrinterIt = Guid.Parse("00000000-0000-0000-0000-000000000008");
    public static readonly Guid EscapingEn = Guid.Parse("00000000-0000-0000-0000-000000000009");

    public static IndexedArticle Make(Guid id, string title, string body, string language, string category, string[] tags,
        ArticleVisibility visibility = ArticleVisibility.Published, long revision = 1) =>
        new(id, revision, 1, title, body, language, category, tags, visibility, DateTimeOffset.UtcNow);

    public static IReadOnlyList<IndexedArticle> All() =>
    [
        Make(ResetPasswordEn, "How to reset your password",
            "If you forgot your password, open the self-service portal and choose Reset password. You will receive an e-mail with a link. Passwords must have 12 characters.",
            "en", "account", ["password", "self-service"]),
        Make(VpnEn, "Connecting to the VPN from home",
            "Install the VPN client, sign in with your company account and select the Milan gateway. If the connection drops, restart the client.",
            "en", "network", ["vpn", "remote"]),
        Make(PrinterEn, "Printer shows a paper jam",
            "Open the front tray, remove the jammed paper and close the tray. The printer resumes printing automatically.",
            "en", "hardware", ["printer"]),
        Make(ServerRoomEn, "Server room access procedure",
            "Agents escort visitors to the server room; badges are issued by the security desk.",
            "en", "facilities", ["security"], ArticleVisibility.Internal),
        Make(ResetPasswordFr, "Réinitialiser votre mot de passe",
            "Si vous avez oublié votre mot de passe, ouvrez le portail libre-service (password) et choisissez Réinitialiser. Vous recevrez un courriel avec un lien.",
            "fr", "account", ["password"]),
        Make(WifiFr, "Problème de connexion au réseau Wi-Fi",
            "Vérifiez que le Wi-Fi est activé. L'ordinateur doit se connecter au réseau de l'entreprise ; redémarrez la carte réseau si nécessaire.",
            "fr", "network", ["wifi"]),
        Make(ResetPasswordIt, "Reimpostare la password",
            "Se hai dimenticato la password, apri il portale self-service e scegli Reimposta password. Riceverai un'email con un collegamento.",
            "it", "account", ["password"]),
        Make(PrinterIt, "La stampante non funziona",
            "Controlla che la stampante sia accesa e collegata alla rete. Se la stampa è bloccata, riavvia la stampante.",
            "it", "hardware", ["printer"]),
        Make(EscapingEn, "Mail filter rules",
            "A rule like <script>alert('x')</script> & other markup in the mail filter is shown as text, never run.",
            "en", "email", ["mail"]),
    ];

    public static async Task<LuceneIndexFixture> IndexAsync(IReadOnlyCollection<IndexedArticle>? articles = null)
    {
        var fixture = LuceneIndexFixture.Open(new TempDirectory("kb-index"));
        await fixture.Backend.ApplyAsync(articles ?? All(), CancellationToken.None);
        return fixture;
    }
}

internal sealed class LuceneIndexFixture : IDisposable
{
    private readonly bool _ownsDirectory;

    private LuceneIndexFixture(TempDirectory directory, bool ownsDirectory)
    {
        Directory = directory;
        _ownsDirectory = ownsDirectory;
        Synonyms = new SynonymCatalog(KbAnalysis.Shared);
        Backend = new LuceneSearchBackend(
            Options.Create(new KnowledgeBaseOptions { IndexDirectory = directory.Path }),
            new QueryPlanner(KbAnalysis.Shared, Synonyms),
            KbAnalysis.Shared,
            NullLogger<LuceneSearchBackend>.Instance);
        Backend.InitializeAsync(CancellationToken.None).GetAwaiter().GetResult();
    }

    public TempDirectory Directory { get; }

    public LuceneSearchBackend Backend { get; }

    /// <summary>The index's synonyms: <c>Synonyms.Replace([("en", ["laptop", "notebook"])])</c> applies at once.</summary>
    public SynonymCatalog Synonyms { get; }

    public static LuceneIndexFixture Open(TempDirectory directory, bool ownsDirectory = true) => new(directory, ownsDirectory);

    public Task<SearchResults> SearchAsync(string text, string? language = null, string? category = null, string? tag = null, bool includeInternal = false, int page = 1, int pageSize = 10, MatchMode mode = MatchMode.Most) =>
        Backend.SearchAsync(new SearchQuery(text, language, category, tag, includeInternal, page, pageSize, mode), TestContext.Current.CancellationToken);

    public void Dispose()
    {
        Backend.Dispose();
        if (_ownsDirectory)
        {
            Directory.Dispose();
        }
    }
}
